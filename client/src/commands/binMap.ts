import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  EXPLAIN_REQUEST,
  type ExplainParams,
  type ExplainResult,
  type StatusParams,
} from '../../../server/src/protocol';
import { binMapGeometry, matchPassRates } from '../webviews/binMapGeometry';
import type { BinMapStateMessage, BinMapToHost } from '../webviews/messages';
import { createPanel, setPanelHtml } from '../webviews/panels';
import type { InferenceResults } from './quickInference';
import { baseName, request, showNotAConfig, targetUri } from './target';

const TITLE = 'Show bin map';
const VIEW_TYPE = 'dqml.binMap';
/** Waits this long after the last analysis of the config before drawing it again. */
const REFRESH_DELAY_MS = 200;

/**
 * The bin map webview of one config. It draws the config again after each analysis the
 * server reports for it, and colours the bins by pass rate after a quick inference.
 */
export class BinMapPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private config: vscode.Uri | undefined;
  private explained: ExplainResult | undefined;
  private state: BinMapStateMessage | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
    onStatus: vscode.Event<StatusParams>,
    private readonly results: InferenceResults,
  ) {
    this.subscriptions.push(
      onStatus((status) => {
        if (this.follows(vscode.Uri.parse(status.uri))) this.scheduleRefresh();
      }),
      results.onDidChange((uri) => {
        if (this.follows(uri)) this.scheduleRefresh();
      }),
    );
  }

  private follows(uri: vscode.Uri): boolean {
    return this.panel !== undefined && uri.toString() === this.config?.toString();
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /** Runs "Show bin map": shows the bin map of the config it was given or of the active editor. */
  async show(argument?: unknown): Promise<BinMapStateMessage | undefined> {
    const uri = targetUri(argument);
    if (!uri) {
      showNotAConfig(undefined, TITLE);
      return undefined;
    }
    const explained = await this.explain(uri);
    if (explained === undefined) return undefined;
    if (explained === null) {
      showNotAConfig(uri, TITLE);
      return undefined;
    }
    this.config = uri;
    if (!this.panel) this.panel = this.createPanel();
    this.update(uri, explained);
    this.panel.reveal(undefined, true);
    return this.state;
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = createPanel(this.context, VIEW_TYPE, 'Bin map', true);
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.config = undefined;
      this.explained = undefined;
      this.state = undefined;
    });
    panel.webview.onDidReceiveMessage((message: BinMapToHost) => {
      if (message.type === 'ready' && this.state) void panel.webview.postMessage(this.state);
      if (message.type === 'reveal') void this.reveal(message.index);
    });
    setPanelHtml(this.context, panel, {
      bundle: 'binMap',
      title: 'Bin map',
      body: '<main id="root"><p>Loading the bin map…</p></main>',
      script: true,
    });
    return panel;
  }

  private explain(uri: vscode.Uri): Promise<ExplainResult | null | undefined> {
    return request<ExplainResult | null>(this.client, this.log, EXPLAIN_REQUEST, {
      uri: uri.toString(),
    } satisfies ExplainParams);
  }

  private async refresh(): Promise<void> {
    const uri = this.config;
    if (!uri || !this.panel) return;
    const explained = await this.explain(uri);
    if (explained === undefined || this.config !== uri) return;
    if (explained === null) {
      this.explained = undefined;
      this.post({
        type: 'state',
        fileName: baseName(uri),
        selection: null,
        estimator: null,
        modelType: null,
        geometry: binMapGeometry([]),
        message: `${baseName(uri)} is no longer a BDT config, or it is closed.`,
      });
      return;
    }
    this.update(uri, explained);
  }

  private update(uri: vscode.Uri, explained: ExplainResult): void {
    this.explained = explained;
    const report = this.results.get(uri);
    const rates = report ? matchPassRates(explained.bins, report) : undefined;
    if (this.panel) this.panel.title = `Bin map: ${baseName(uri)}`;
    this.post({
      type: 'state',
      fileName: baseName(uri),
      selection: explained.selection,
      estimator: explained.estimator,
      modelType: explained.type,
      geometry: binMapGeometry(explained.bins),
      passRates: rates && {
        rates: [...rates.rates.entries()],
        samplePath: rates.samplePath,
        complete: rates.complete,
      },
    });
  }

  private post(state: BinMapStateMessage): void {
    this.state = state;
    void this.panel?.webview.postMessage(state);
  }

  /** Opens the config beside the map and selects the key of the bin's pT block. */
  private async reveal(index: number): Promise<void> {
    const bin = this.explained?.bins.find((candidate) => candidate.index === index);
    if (!bin || !this.config) return;
    const { start, end } = bin.keyRange;
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    const visible = vscode.window.visibleTextEditors.find(
      (editor) => editor.document.uri.toString() === this.config?.toString(),
    );
    const editor = await vscode.window.showTextDocument(this.config, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: range,
      preserveFocus: false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.panel?.dispose();
  }
}
