import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import type { InferenceReport } from '../../../server/src/core/inference/types';
import {
  EXPLAIN_REQUEST,
  RUN_INFERENCE_REQUEST,
  type ExplainResult,
  type RunInferenceParams,
  type RunInferenceResult,
} from '../../../server/src/protocol';
import { inferenceView } from '../webviews/inferenceView';
import type { InferenceReportMessage, InferenceToHost } from '../webviews/messages';
import { createPanel, setPanelHtml } from '../webviews/panels';
import { baseName, request, showNotAConfig, targetUri } from './target';

const TITLE = 'Run quick inference on sample file';
const VIEW_TYPE = 'dqml.quickInference';
/** workspaceState key prefix of the last sample per config. */
const LAST_SAMPLE_KEY = 'dqml.lastSample:';

/** The sample a config was last run on, as stored in workspaceState. */
interface SampleChoice {
  path: string;
  centrality?: number;
}

/** The last quick inference report of each config, shared with the bin map. */
export class InferenceResults implements vscode.Disposable {
  private readonly reports = new Map<string, InferenceReport>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  get(config: vscode.Uri): InferenceReport | undefined {
    return this.reports.get(config.toString());
  }

  set(config: vscode.Uri, report: InferenceReport): void {
    this.reports.set(config.toString(), report);
    this.changed.fire(config);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Asks for a sample: the last one of this config, or a file from the open dialog. */
async function pickSample(
  state: vscode.Memento,
  config: vscode.Uri,
): Promise<SampleChoice | undefined> {
  const last = state.get<SampleChoice>(LAST_SAMPLE_KEY + config.toString());
  if (last) {
    const reuse = {
      label: `$(history) ${last.path.split(/[\\/]/).pop()}`,
      description: last.centrality === undefined ? '' : `centrality ${last.centrality} %`,
      detail: last.path,
      choice: last,
    };
    const other = { label: '$(folder-opened) Choose a sample file…', choice: undefined };
    const picked = await vscode.window.showQuickPick([reuse, other], {
      title: `${TITLE}: ${baseName(config)}`,
      placeHolder: 'The sample this config last ran on, or another file',
    });
    if (!picked) return undefined;
    if (picked.choice) return picked.choice;
  }
  const chosen = await vscode.window.showOpenDialog({
    title: `${TITLE}: ${baseName(config)}`,
    canSelectMany: false,
    openLabel: 'Run',
    filters: {
      'CSV, Parquet or ROOT samples': ['csv', 'tsv', 'txt', 'parquet', 'pq', 'root'],
      'All files': ['*'],
    },
  });
  const sample = chosen?.[0];
  if (!sample) return undefined;
  if (sample.scheme !== 'file') {
    void vscode.window.showErrorMessage(
      `DQ ML: ${sample.toString()} is not a local file, so the language server cannot read it.`,
    );
    return undefined;
  }
  return { path: sample.fsPath };
}

/** Asks for a fixed centrality, for samples without a column of the estimator. */
async function askCentrality(message: string): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: `${TITLE}: centrality`,
    prompt: `${message} Give the centrality in percent to use for every row.`,
    placeHolder: 'e.g. 25',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const number = Number(value.trim());
      return value.trim() !== '' && Number.isFinite(number) ? undefined : 'Give a number, e.g. 25.';
    },
  });
  return text === undefined ? undefined : Number(text.trim());
}

/** Runs the request with a cancellable progress notification fed by the server's work-done progress. */
function runWithProgress(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  params: RunInferenceParams,
  sampleName: string,
): Thenable<RunInferenceResult | undefined> {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `DQ ML: quick inference on ${sampleName}`,
      cancellable: true,
    },
    async (progress, cancellation) => {
      const token = `dqml-inference-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      let reported = 0;
      const subscription = client.onProgress(WorkDoneProgress.type, token, (value) => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? reported;
        progress.report({ message: value.message, increment: Math.max(percentage - reported, 0) });
        reported = Math.max(reported, percentage);
      });
      try {
        return await request<RunInferenceResult>(
          client,
          log,
          RUN_INFERENCE_REQUEST,
          { ...params, workDoneToken: token },
          cancellation,
        );
      } finally {
        subscription.dispose();
      }
    },
  );
}

/**
 * Runs "Run quick inference on sample file…": runs the config's models on a sample
 * in the server, shows the report in a webview and keeps it for the bin map. The sample
 * (and a fixed centrality, when one was needed) is remembered per config.
 */
export async function runQuickInference(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  results: InferenceResults,
  panel: InferencePanel,
  argument?: unknown,
): Promise<InferenceReport | undefined> {
  const config = targetUri(argument);
  if (!config) {
    showNotAConfig(undefined, TITLE);
    return undefined;
  }
  const explained = await request<ExplainResult | null>(client, log, EXPLAIN_REQUEST, {
    uri: config.toString(),
  });
  if (explained === undefined) return undefined;
  if (explained === null) {
    showNotAConfig(config, TITLE);
    return undefined;
  }
  const sample = await pickSample(context.workspaceState, config);
  if (!sample) return undefined;
  const sampleName = sample.path.split(/[\\/]/).pop() ?? sample.path;

  const params: RunInferenceParams = {
    uri: config.toString(),
    samplePath: sample.path,
    centrality: sample.centrality,
  };
  let result = await runWithProgress(client, log, params, sampleName);
  if (result?.failure === 'centrality' && params.centrality === undefined) {
    const centrality = await askCentrality(result.message ?? '');
    if (centrality === undefined) return undefined;
    params.centrality = centrality;
    result = await runWithProgress(client, log, params, sampleName);
  }
  if (!result) return undefined;
  if (!result.report) {
    await showFailure(result);
    return undefined;
  }

  await context.workspaceState.update(LAST_SAMPLE_KEY + config.toString(), {
    path: sample.path,
    centrality: params.centrality,
  } satisfies SampleChoice);
  results.set(config, result.report);
  panel.show(result.report);
  if (!result.report.complete) {
    void vscode.window.showWarningMessage(
      `DQ ML: ${result.message ?? 'the quick inference was cancelled.'} The report is marked INCOMPLETE.`,
    );
  }
  return result.report;
}

async function showFailure(result: RunInferenceResult): Promise<void> {
  const message = `DQ ML: quick inference failed: ${result.message ?? result.failure}`;
  if (result.failure === 'untrusted') {
    const manage = 'Manage Workspace Trust';
    const choice = await vscode.window.showErrorMessage(message, manage);
    if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return;
  }
  void vscode.window.showErrorMessage(message);
}

/** The webview of the last quick inference report; one panel, replaced by each new run. */
export class InferencePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private message: InferenceReportMessage | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  show(report: InferenceReport): void {
    const view = inferenceView(report);
    this.message = { type: 'report', view };
    if (!this.panel) {
      this.panel = createPanel(this.context, VIEW_TYPE, view.title, true);
      this.panel.onDidDispose(() => (this.panel = undefined));
      // The script sends `ready` when it starts, also after the panel was hidden, and gets the report.
      this.panel.webview.onDidReceiveMessage((message: InferenceToHost) => {
        if (message.type === 'ready' && this.message)
          void this.panel?.webview.postMessage(this.message);
      });
      setPanelHtml(this.context, this.panel, {
        bundle: 'inference',
        title: view.title,
        body: '<main id="root"><p>Loading the report…</p></main>',
        script: true,
      });
    } else {
      void this.panel.webview.postMessage(this.message);
    }
    this.panel.title = report.complete ? view.title : `${view.title} (INCOMPLETE)`;
    this.panel.reveal(undefined, true);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
