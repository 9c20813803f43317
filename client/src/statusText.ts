/** Text of the status bar item, free of the VS Code API so unit tests can run it in Node. */
import type { StatusParams } from '../../server/src/protocol';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Returns the status bar text and tooltip of one config's status. */
export function describeStatus(status: StatusParams): { text: string; tooltip: string } {
  let icon = '$(pass)';
  if (status.warnings > 0) icon = '$(warning)';
  if (status.errors > 0) icon = '$(error)';
  const text = `${icon} DQ ML: ${plural(status.bins, 'bin')}, ${plural(status.errors, 'error')}`;
  const tooltip =
    `The selection of this BDT config has ${plural(status.bins, 'bin')}, ` +
    `${plural(status.errors, 'error')} and ${plural(status.warnings, 'warning')}. ` +
    'Click to open the Problems panel.';
  return { text, tooltip };
}
