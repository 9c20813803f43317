/** Identifiers of the commands the extension contributes, as package.json lists them. */
export const COMMANDS = {
  newConfig: 'dqml.newConfig',
  restartServer: 'dqml.restartServer',
  showOutput: 'dqml.showOutput',
  revalidate: 'dqml.revalidate',
  showRuleDocumentation: 'dqml.showRuleDocumentation',
} as const;

/** Context key that is true while the active editor shows a document the server treats as a config. */
export const ACTIVE_CONFIG_CONTEXT = 'dqml.activeEditorIsConfig';
