import type { RuleSetting } from './findings';

/** Settings shared by the CLI, the language server and the tests. */
export interface AnalysisOptions {
  /** Feature names the user's O2Physics build adds to the framework's thirty. */
  extraFeatures?: readonly string[];
  /** Severity per code, or `off`; codes not listed keep their default. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Absolute path of the config file, to find the model files next to it. */
  configPath?: string;
  /** More folders to look for model files in, absolute or relative to the config. */
  modelSearchPaths?: readonly string[];
  /** Tells whether a file exists; the default reads the file system. */
  fileExists?: (path: string) => boolean;
  /**
   * True when the task is known to load the models from local files, not CCDB (a DPL file
   * with loadModelsFromCCDB "false"): then every missing model file is a warning.
   */
  modelsLoadedLocally?: boolean;
  /** False skips looking for model files, for text that has no file behind it. */
  checkModelFiles?: boolean;
}
