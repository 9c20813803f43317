import { allRules } from '../core/registry';
import type { CliEnvironment } from './environment';

export const RULES_HELP = `Usage: dqml rules [--json]

Lists every diagnostic code with its default severity and summary.`;

export async function runRules(args: string[], env: CliEnvironment): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    env.stdout(RULES_HELP);
    return 0;
  }
  const rules = allRules();
  if (args.includes('--json')) {
    env.stdout(JSON.stringify(rules, null, 2));
    return 0;
  }
  const width = Math.max(...rules.map((rule) => rule.code.length));
  for (const rule of rules) {
    env.stdout(`${rule.code.padEnd(width)}  ${rule.defaultSeverity.padEnd(7)}  ${rule.summary}`);
  }
  return 0;
}
