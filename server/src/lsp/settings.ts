import { join } from 'node:path';
import type { RuleSetting } from '../core/findings';
import { parseDqMlResponseFeatures } from '../core/framework/dqMlResponse';
import { readTextFile } from '../core/textFiles';
import type { Logger } from './logger';

/** The `dqml.*` settings the server reads. */
export interface ServerSettings {
  /** Globs of files to treat as configs, besides content detection. */
  files: string[];
  extraFeatures: string[];
  /** O2Physics checkout whose PWGDQ/Core/DQMlResponse.h lists more feature names. */
  o2physicsPath: string;
  modelSearchPaths: string[];
  rules: Record<string, RuleSetting>;
  /** Files never treated as configs, e.g. a JSON file that only looks like one. */
  exclude: string[];
}

export const DEFAULT_SETTINGS: ServerSettings = {
  files: ['**/*[bB][dD][tT]*.json'],
  extraFeatures: [],
  o2physicsPath: '',
  modelSearchPaths: [],
  rules: {},
  exclude: [],
};

/**
 * Merges what a client sends over the defaults, keeping only values of the right type.
 * Each value dropped is passed to `warn` with the setting's name and the fix.
 */
export function normalizeSettings(
  raw: unknown,
  warn: (message: string) => void = () => {},
): ServerSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const strings = (name: string, fallback: string[]): string[] => {
    const entry = value[name];
    if (entry === undefined || entry === null) return fallback;
    if (!Array.isArray(entry)) {
      warn(
        `Setting dqml.${name} must be an array of strings, not ${JSON.stringify(entry)}; it is ignored.`,
      );
      return fallback;
    }
    const kept = entry.filter((item): item is string => typeof item === 'string');
    if (kept.length < entry.length)
      warn(`Setting dqml.${name} has entries that are not strings; they are ignored.`);
    return kept;
  };
  const rules: Record<string, RuleSetting> = {};
  if (typeof value.rules === 'object' && value.rules !== null && !Array.isArray(value.rules)) {
    for (const [code, setting] of Object.entries(value.rules)) {
      if (setting === 'off' || setting === 'info' || setting === 'warning' || setting === 'error') {
        rules[code] = setting;
      } else {
        warn(
          `Setting dqml.rules.${code} is ${JSON.stringify(setting)}; use "off", "info", "warning" or "error". It is ignored.`,
        );
      }
    }
  } else if (value.rules !== undefined && value.rules !== null) {
    warn(
      `Setting dqml.rules must be an object of code → severity, not ${JSON.stringify(value.rules)}; it is ignored.`,
    );
  }
  if (value.o2physicsPath !== undefined && typeof value.o2physicsPath !== 'string') {
    warn(`Setting dqml.o2physicsPath must be a path string; it is ignored.`);
  }
  return {
    files: strings('files', DEFAULT_SETTINGS.files),
    extraFeatures: strings('extraFeatures', []),
    o2physicsPath: typeof value.o2physicsPath === 'string' ? value.o2physicsPath : '',
    modelSearchPaths: strings('modelSearchPaths', []),
    rules,
    exclude: strings('exclude', []),
  };
}

const featureCache = new Map<string, string[]>();

/** Returns the extra features of the settings plus those read from the O2Physics checkout. */
export function resolveExtraFeatures(settings: ServerSettings, logger: Logger): string[] {
  if (!settings.o2physicsPath) return settings.extraFeatures;
  const header = join(settings.o2physicsPath, 'PWGDQ', 'Core', 'DQMlResponse.h');
  let names = featureCache.get(header);
  if (!names) {
    try {
      names = parseDqMlResponseFeatures(readTextFile(header).text);
      logger.info(`Read ${names.length} feature names from ${header}.`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn(
        `No feature names read from the O2Physics checkout. ${reason} Check the dqml.o2physicsPath setting.`,
      );
      names = [];
    }
    featureCache.set(header, names);
  }
  return [...settings.extraFeatures, ...names];
}
