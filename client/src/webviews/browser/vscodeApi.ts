/** The API that VS Code gives a webview script; `acquireVsCodeApi` may be called only once. */
export interface WebviewApi<Message> {
  postMessage(message: Message): void;
}

declare function acquireVsCodeApi<Message>(): WebviewApi<Message>;

export function vscodeApi<Message>(): WebviewApi<Message> {
  return acquireVsCodeApi<Message>();
}

/** Creates an element with a class and text; text goes through textContent, never as HTML. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

/** Appends a table of label and value rows to `parent`. */
export function factTable(parent: HTMLElement, rows: ReadonlyArray<[string, string]>): void {
  const table = element('table', 'facts');
  for (const [label, value] of rows) {
    const row = element('tr');
    row.append(element('th', undefined, label), element('td', undefined, value));
    table.append(row);
  }
  parent.append(table);
}
