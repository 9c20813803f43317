import * as vscode from 'vscode';

/** The configuration section of the extension; the server reads the same keys. */
export const SETTINGS_SECTION = 'dqml';

/** The `dqml.*` settings as sent to the language server. */
export interface ClientSettings {
  files: string[];
  exclude: string[];
  extraFeatures: string[];
  o2physicsPath: string;
  modelSearchPaths: string[];
  rules: Record<string, string>;
}

/**
 * Reads the `dqml.*` settings. In Restricted Mode VS Code returns only the user's values
 * of the settings that package.json lists under `restrictedConfigurations`.
 */
export function readSettings(): ClientSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    files: config.get<string[]>('files', []),
    exclude: config.get<string[]>('exclude', []),
    extraFeatures: config.get<string[]>('extraFeatures', []),
    o2physicsPath: config.get<string>('o2physicsPath', ''),
    modelSearchPaths: config.get<string[]>('modelSearchPaths', []),
    rules: config.get<Record<string, string>>('rules', {}),
  };
}
