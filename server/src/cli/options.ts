import { resolve } from 'node:path';
import type { RuleSetting } from '../core/findings';
import { parseDqMlResponseFeatures } from '../core/framework/dqMlResponse';
import { ruleInfo } from '../core/registry';
import type { AnalysisOptions } from '../core/options';
import { readTextInput, UsageError } from './io';

const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

/** Parses `--rule CODE=off|info|warning|error` values into rule settings. */
export function parseRuleSettings(values: readonly string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const value of values) {
    const [code, setting] = value.split('=');
    if (!code || !setting || !SETTINGS.includes(setting as RuleSetting)) {
      throw new UsageError(
        `Invalid --rule "${value}". Write CODE=off, CODE=info, CODE=warning or CODE=error.`,
      );
    }
    if (!ruleInfo(code)) {
      throw new UsageError(
        `Unknown rule code "${code}" in --rule. Run "dqml rules" to list the codes.`,
      );
    }
    rules[code] = setting as RuleSetting;
  }
  return rules;
}

/**
 * Collects extra feature names from `--extra-features a,b` and from `--features-from`,
 * which names `DQMlResponse.h` or an O2Physics checkout that contains it.
 */
export function collectExtraFeatures(
  extraLists: readonly string[],
  featuresFrom: string | undefined,
): string[] {
  const names = extraLists.flatMap((list) =>
    list
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );
  if (featuresFrom) names.push(...readFeaturesFrom(featuresFrom));
  return names;
}

function readFeaturesFrom(path: string): string[] {
  const header = /\.h$/.test(path) ? path : resolve(path, 'PWGDQ/Core/DQMlResponse.h');
  const names = parseDqMlResponseFeatures(readTextInput(header));
  if (names.length === 0) {
    throw new UsageError(
      `No feature names found in ${header}. Name DQMlResponse.h of an O2Physics checkout, or the checkout itself.`,
    );
  }
  return names;
}

/** Builds the analysis options for one config file. */
export function analysisOptionsFor(
  configPath: string | undefined,
  common: Omit<AnalysisOptions, 'configPath'>,
): AnalysisOptions {
  return {
    ...common,
    configPath: configPath && configPath !== '-' ? resolve(configPath) : undefined,
  };
}
