/**
 * Handlers of the requests behind the ONNX inspector and the quick inference of the
 * VS Code commands: `dqml/inspectModel` and `dqml/runInference`.
 */
import type {
  CancellationToken,
  TextDocuments,
  WorkDoneProgressReporter,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatInspection } from '../cli/inspect';
import {
  InferenceCancelledError,
  InferenceError,
  runInference,
  type InferenceProgress,
} from '../core/inference';
import { inspectModel } from '../core/onnx';
import type { AnalysisOptions } from '../core/options';
import { SampleError } from '../core/samples/types';
import type {
  InspectModelParams,
  InspectModelResult,
  RunInferenceParams,
  RunInferenceResult,
} from '../protocol';
import { filePathOf } from './documentState';
import type { Logger } from './logger';
import type { TrustState } from './modelChecks';
import { describe } from './validation';

/** Reason that no model is loaded into ONNX Runtime in Restricted Mode, for messages and inspections. */
export const UNTRUSTED_REASON =
  'the workspace is not trusted, so no model is loaded into ONNX Runtime. Grant trust to the workspace (Manage Workspace Trust) and run the command again.';

/** Server state that the feature requests use. */
export interface FeatureRequestContext {
  documents: TextDocuments<TextDocument>;
  trust: TrustState;
  /** The current analysis options: extra features, rules, model search paths. */
  analysisOptions: () => Omit<AnalysisOptions, 'configPath'>;
  logger: Logger;
}

/** Reads one ONNX file into an inspection and its text form; a bad file is reported, not thrown. */
export async function inspectModelRequest(
  context: FeatureRequestContext,
  params: InspectModelParams,
): Promise<InspectModelResult> {
  const inspection = await inspectModel(params.path, {
    loadIntoRuntime: context.trust.trusted,
    runtimeSkipReason: context.trust.trusted ? undefined : UNTRUSTED_REASON,
  });
  if (inspection.status !== 'ok') {
    context.logger.warn(
      `Inspecting ${params.path}: ${inspection.status}${inspection.error ? ` (${inspection.error})` : ''}.`,
    );
  }
  return { inspection, lines: formatInspection(inspection) };
}

/**
 * Runs the quick inference of a config on a sample. Cancelling the request aborts the run,
 * which then returns the counts of the rows read so far with `complete: false`.
 */
export async function runInferenceRequest(
  context: FeatureRequestContext,
  params: RunInferenceParams,
  token: CancellationToken,
  progress: WorkDoneProgressReporter,
): Promise<RunInferenceResult> {
  if (!context.trust.trusted) {
    return {
      failure: 'untrusted',
      message: `Quick inference needs ONNX Runtime, but ${UNTRUSTED_REASON}`,
    };
  }
  const configPath = filePathOf(params.uri);
  if (!configPath) {
    return {
      failure: 'not-a-config',
      message: `${params.uri} is not a file on disk, so its model files cannot be found. Save the config first.`,
    };
  }

  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  if (token.isCancellationRequested) controller.abort();
  progress.begin('Quick inference', 0, `Reading ${params.samplePath}`, true);
  let reported = -1;
  const onProgress = (update: InferenceProgress) => {
    const percentage = Math.floor(update.fraction * 100);
    // One report per percent is enough for a progress bar and keeps the message count low.
    if (percentage === reported) return;
    reported = percentage;
    progress.report(percentage, describeProgress(update));
  };

  context.logger.info(`Quick inference of ${configPath} on ${params.samplePath} started.`);
  try {
    const report = await runInference({
      configPath,
      configText: context.documents.get(params.uri)?.getText(),
      samplePath: params.samplePath,
      centrality: params.centrality,
      tree: params.tree,
      limit: params.limit,
      analysis: context.analysisOptions(),
      signal: controller.signal,
      onProgress,
    });
    context.logger.info(
      `Quick inference of ${configPath} finished: ${report.total} rows, ${report.passed} passed, in ${report.seconds.toFixed(2)} s.`,
    );
    return { report };
  } catch (error) {
    return failureResult(error, configPath, params, context.logger);
  } finally {
    subscription.dispose();
    progress.done();
  }
}

function describeProgress(update: InferenceProgress): string {
  const rows = update.rowsRead.toLocaleString('en-US');
  if (update.rowsExpected === undefined) return `${rows} rows read`;
  return `${rows} of ${update.rowsExpected.toLocaleString('en-US')} rows read`;
}

function failureResult(
  error: unknown,
  configPath: string,
  params: RunInferenceParams,
  logger: Logger,
): RunInferenceResult {
  if (error instanceof InferenceCancelledError) {
    logger.info(`Quick inference of ${configPath} cancelled after ${error.partial.total} rows.`);
    return { report: error.partial, failure: 'cancelled', message: error.message };
  }
  if (error instanceof InferenceError) {
    logger.warn(`Quick inference of ${configPath} failed (${error.kind}): ${error.message}`);
    return { failure: error.kind, message: error.message };
  }
  if (error instanceof SampleError) {
    logger.warn(`Quick inference of ${configPath} failed on ${error.path}: ${error.message}`);
    return { failure: 'sample', message: error.message };
  }
  logger.error(
    `Quick inference of ${configPath} on ${params.samplePath} failed: ${describe(error)}`,
  );
  const message = error instanceof Error ? error.message : String(error);
  return { failure: 'internal', message: `The quick inference failed: ${message}` };
}
