import type { InferenceReport } from './types';

export type InferenceErrorKind =
  'config' | 'columns' | 'centrality' | 'model-load' | 'model-unsupported' | 'model-run';

/** A run that cannot start or go on; the message names the file and the fix. */
export class InferenceError extends Error {
  constructor(
    readonly kind: InferenceErrorKind,
    /** The file at fault: the config, the sample or a model. */
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'InferenceError';
  }
}

/** Thrown when the caller's AbortSignal stops a run; `partial` covers the rows read so far. */
export class InferenceCancelledError extends Error {
  constructor(readonly partial: InferenceReport) {
    super(
      `Inference cancelled after ${partial.total} rows; the counts cover only those rows and are not complete.`,
    );
    this.name = 'InferenceCancelledError';
  }
}
