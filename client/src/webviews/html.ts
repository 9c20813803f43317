/**
 * The HTML frame of the extension's webviews: a strict Content-Security-Policy that allows
 * only the extension's own scripts (by nonce) and style sheets, and no remote resource.
 * Free of the VS Code API so unit tests run it in Node.
 */
import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  /** `webview.cspSource`: the origin of the files `asWebviewUri` returns. */
  cspSource: string;
  nonce: string;
  title: string;
  /** Style sheet URIs from `asWebviewUri`. */
  styles: readonly string[];
  /** Script URIs from `asWebviewUri`; each gets the nonce. */
  scripts: readonly string[];
  /** Inner HTML of the body; callers escape every text they put in it. */
  body: string;
}

/** Returns a fresh nonce for the scripts of one page: 144 random bits in base64. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/** Escapes text for an HTML element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Returns the Content-Security-Policy of a page. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** Returns the whole HTML document of a page. */
export function webviewHtml(page: WebviewPage): string {
  const styles = page.styles
    .map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`)
    .join('\n    ');
  const scripts = page.scripts
    .map((uri) => `<script nonce="${escapeHtml(page.nonce)}" src="${escapeHtml(uri)}"></script>`)
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(page.cspSource, page.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeHtml(page.title)}</title>
  </head>
  <body>
    ${page.body}
    ${scripts}
  </body>
</html>
`;
}
