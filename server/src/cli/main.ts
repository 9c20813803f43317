import { CHECK_HELP, runCheck } from './check';
import { runDpl } from './dpl';
import type { CliEnvironment } from './environment';
import { EXPLAIN_HELP, runExplain } from './explain';
import { runInfer } from './infer';
import { runInspect } from './inspect';
import { runHyperloop } from './hyperloop';
import { UsageError } from './io';
import { runLsp } from './lsp';
import { runRules } from './rulesCommand';

type Command = (args: string[], env: CliEnvironment) => Promise<number>;

/** The CLI's commands; other modules add theirs here. */
const COMMANDS: Record<string, { run: Command; summary: string }> = {
  check: { run: runCheck, summary: 'check configs and report every problem' },
  explain: { run: runExplain, summary: 'print the bin table of a config' },
  rules: { run: runRules, summary: 'list the diagnostic codes' },
  inspect: { run: runInspect, summary: 'print the inputs, outputs, metadata and trees of a model' },
  lsp: { run: runLsp, summary: 'start the language server (--stdio) for other editors' },
  hyperloop: { run: runHyperloop, summary: 'print the compact string for a Hyperloop wagon' },
  dpl: { run: runDpl, summary: 'put a config into a local DPL configuration file' },
  infer: { run: runInfer, summary: 'run the models and cuts of a config on a sample file' },
};

/** Registers a command, for modules that add one (ONNX inspection, inference, strings). */
export function registerCommand(name: string, run: Command, summary: string): void {
  COMMANDS[name] = { run, summary };
}

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const commands = Object.entries(COMMANDS).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return [
    'Usage: dqml COMMAND [options]',
    '',
    'Tools for the BDT selection configs (bdtCut.json) of the ALICE O2Physics dilepton analysis.',
    '',
    'Commands:',
    ...commands,
    '',
    'Run "dqml COMMAND --help" for the options of a command.',
  ].join('\n');
}

/** Runs the CLI and returns its exit status: 0 success, 1 errors found, 2 usage or I/O error. */
export async function runCli(argv: string[], env: CliEnvironment): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '-h' || name === '--help') {
    env.stdout(mainHelp());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    env.stdout(env.version);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    env.stderr(`dqml: unknown command "${name}".\n\n${mainHelp()}`);
    return 2;
  }
  try {
    return await command.run(args, env);
  } catch (error) {
    if (error instanceof UsageError) {
      env.stderr(`dqml ${name}: ${error.message}`);
      return 2;
    }
    if (isParseArgsError(error)) {
      env.stderr(`dqml ${name}: ${(error as Error).message}`);
      env.stderr(`Run "dqml ${name} --help" for the options.`);
      return 2;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

export { CHECK_HELP, EXPLAIN_HELP };
