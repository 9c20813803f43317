import * as vscode from 'vscode';
import { createNonce, webviewHtml } from './html';

/** Folder of the built webview scripts and style sheets, relative to the extension. */
const WEBVIEW_OUT = ['client', 'out', 'webviews'];

/**
 * Creates a webview panel that may load files only from the extension's client/out folder,
 * beside the active editor.
 */
export function createPanel(
  context: vscode.ExtensionContext,
  viewType: string,
  title: string,
  enableScripts: boolean,
): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(
    viewType,
    title,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    {
      enableScripts,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'client', 'out')],
    },
  );
}

/**
 * Sets the HTML of a panel: the style sheet and, when given, the script of one webview
 * bundle (`client/out/webviews/NAME.js` and `.css`), under a strict Content-Security-Policy.
 */
export function setPanelHtml(
  context: vscode.ExtensionContext,
  panel: vscode.WebviewPanel,
  options: { bundle: string; title: string; body: string; script: boolean },
): void {
  const webview = panel.webview;
  const file = (name: string) =>
    webview
      .asWebviewUri(vscode.Uri.joinPath(context.extensionUri, ...WEBVIEW_OUT, name))
      .toString();
  webview.html = webviewHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    title: options.title,
    styles: [file(`${options.bundle}.css`)],
    scripts: options.script ? [file(`${options.bundle}.js`)] : [],
    body: options.body,
  });
}
