import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CHECK_MODELS_REQUEST,
  type CheckModelsParams,
  type CheckModelsResult,
  type StatusParams,
} from '../../../server/src/protocol';
import { escapeHtml } from '../webviews/html';
import { modelTableHtml } from '../webviews/modelTableView';
import { createPanel, setPanelHtml } from '../webviews/panels';
import { baseName, request, showNotAConfig, targetUri } from './target';

const TITLE = 'Check ONNX inputs';
const VIEW_TYPE = 'dqml.onnxInputs';
/** Waits this long after the last analysis of the config before checking its models again. */
const REFRESH_DELAY_MS = 300;

/**
 * The "Check ONNX inputs" webview: a table per model of one config, refreshed when the
 * server analyses the config again. One panel is shown at a time and follows the last
 * config the command ran on.
 */
export class ModelTablePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private config: vscode.Uri | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
    onStatus: vscode.Event<StatusParams>,
  ) {
    this.subscription = onStatus((status) => {
      if (!this.panel || !this.config) return;
      if (vscode.Uri.parse(status.uri).toString() !== this.config.toString()) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
    });
  }

  /** Runs "Check ONNX inputs": checks the config's models and shows the table. */
  async show(argument?: unknown): Promise<CheckModelsResult | undefined> {
    const uri = targetUri(argument);
    if (!uri) {
      showNotAConfig(undefined, TITLE);
      return undefined;
    }
    const result = await this.check(uri);
    if (result === undefined) return undefined;
    if (result === null) {
      showNotAConfig(uri, TITLE);
      return undefined;
    }
    this.config = uri;
    if (!this.panel) {
      this.panel = createPanel(this.context, VIEW_TYPE, TITLE, false);
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.config = undefined;
      });
    }
    this.render(uri, result);
    this.panel.reveal(undefined, true);
    return result;
  }

  private check(uri: vscode.Uri): Promise<CheckModelsResult | null | undefined> {
    return request<CheckModelsResult | null>(this.client, this.log, CHECK_MODELS_REQUEST, {
      uri: uri.toString(),
    } satisfies CheckModelsParams);
  }

  private async refresh(): Promise<void> {
    const uri = this.config;
    if (!uri || !this.panel) return;
    const result = await this.check(uri);
    if (result === undefined || !this.panel || this.config !== uri) return;
    if (result === null) {
      setPanelHtml(this.context, this.panel, {
        bundle: 'modelTable',
        title: TITLE,
        body: `<p class="notice">${escapeHtml(baseName(uri))} is no longer a BDT config.</p>`,
        script: false,
      });
      return;
    }
    this.render(uri, result);
  }

  private render(uri: vscode.Uri, result: CheckModelsResult): void {
    if (!this.panel) return;
    this.panel.title = `ONNX inputs: ${baseName(uri)}`;
    setPanelHtml(this.context, this.panel, {
      bundle: 'modelTable',
      title: `ONNX inputs of ${baseName(uri)}`,
      body: modelTableHtml(result, baseName(uri)),
      script: false,
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.panel?.dispose();
  }
}
