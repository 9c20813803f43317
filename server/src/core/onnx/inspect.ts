/** Reads model files into summaries, with a size limit, a cache and an optional runtime check. */
import { readFile, stat } from 'node:fs/promises';
import { ModelReadError, readModel } from './read';
import { checkRuntimeLoad } from './runtime';
import { formatShape } from './proto';
import type { ModelInspection, ModelSummary, RuntimeCheck } from './types';

/**
 * Files above this size are not read. The XGBoost models of the O2Physics DQ examples are
 * 19–36 kB for a few hundred trees, so BDT exports are estimated at a few megabytes at most.
 * 64 MiB leaves room for large ensembles and keeps a stray data file out of memory.
 */
export const DEFAULT_MAX_MODEL_BYTES = 64 * 1024 * 1024;

export interface InspectOptions {
  /** False reads the file without creating an ONNX Runtime session from it. Default true. */
  loadIntoRuntime?: boolean;
  /** The reason given when `loadIntoRuntime` is false, e.g. "the workspace is not trusted". */
  runtimeSkipReason?: string;
  /** Default DEFAULT_MAX_MODEL_BYTES. */
  maxModelBytes?: number;
  /** Default: one cache shared by every caller in the process. */
  cache?: ModelCache;
}

type ReadOutcome = { status: 'ok'; model: ModelSummary } | { status: 'unreadable'; error: string };

interface CacheEntry {
  sizeBytes: number;
  modifiedMs: number;
  read: Promise<ReadOutcome>;
  runtime?: Promise<RuntimeCheck>;
}

/**
 * Model summaries and runtime results keyed by path, valid while the file keeps its size and
 * modification time. Concurrent requests for one file share a single read.
 * NOTE: a rewrite that keeps both the size and the mtime (within the file system's mtime
 * resolution) is not noticed; call `delete` from a file watcher to be sure.
 */
export class ModelCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(readonly maxEntries = 256) {}

  /** Returns the entry for a path if the file still has this size and modification time. */
  lookup(path: string, sizeBytes: number, modifiedMs: number): CacheEntry | undefined {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    if (entry.sizeBytes !== sizeBytes || entry.modifiedMs !== modifiedMs) {
      this.entries.delete(path);
      return undefined;
    }
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.entries.delete(path);
    this.entries.set(path, entry);
    return entry;
  }

  store(path: string, entry: CacheEntry): void {
    this.entries.delete(path);
    this.entries.set(path, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Forgets one file, e.g. when a file watcher reports a change. */
  delete(path: string): void {
    this.entries.delete(path);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const sharedCache = new ModelCache();

/** Returns the process-wide cache that inspectModel uses when the options name none. */
export function defaultModelCache(): ModelCache {
  return sharedCache;
}

/**
 * Reads one model file and returns its summary, whether ONNX Runtime loads it, and notes.
 * Never raises for a missing, unreadable, oversized or malformed file: `status` and
 * `error` describe the failure.
 */
export async function inspectModel(
  path: string,
  options: InspectOptions = {},
): Promise<ModelInspection> {
  const limit = options.maxModelBytes ?? DEFAULT_MAX_MODEL_BYTES;
  const cache = options.cache ?? sharedCache;
  let sizeBytes: number;
  let modifiedMs: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      return failure(
        path,
        'unreadable',
        info.isDirectory() ? 'it is a directory' : 'it is not a regular file',
      );
    }
    sizeBytes = info.size;
    modifiedMs = info.mtimeMs;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return failure(path, 'not-found', 'file not found');
    return failure(path, 'unreadable', fileErrorMessage(error));
  }
  if (sizeBytes > limit) {
    return {
      ...failure(
        path,
        'too-large',
        `the file is ${formatBytes(sizeBytes)}, above the limit of ${formatBytes(limit)}`,
      ),
      sizeBytes,
      modifiedMs,
    };
  }

  let entry = cache.lookup(path, sizeBytes, modifiedMs);
  if (!entry) {
    entry = { sizeBytes, modifiedMs, read: readOutcome(path) };
    cache.store(path, entry);
  }
  const outcome = await entry.read;
  if (outcome.status !== 'ok') {
    return {
      path,
      sizeBytes,
      modifiedMs,
      status: outcome.status,
      error: outcome.error,
      runtime: { status: 'skipped', message: 'the file is not a readable ONNX model' },
      notes: [],
    };
  }
  let runtime: RuntimeCheck;
  if (options.loadIntoRuntime === false) {
    runtime = {
      status: 'skipped',
      message: options.runtimeSkipReason ?? 'loading into ONNX Runtime is turned off',
    };
  } else {
    entry.runtime ??= readFile(path).then(checkRuntimeLoad, (error: unknown) => ({
      status: 'failed' as const,
      message: `the file could not be read again: ${fileErrorMessage(error)}`,
    }));
    runtime = await entry.runtime;
  }
  return {
    path,
    sizeBytes,
    modifiedMs,
    status: 'ok',
    model: outcome.model,
    runtime,
    notes: modelNotes(outcome.model),
  };
}

async function readOutcome(path: string): Promise<ReadOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { status: 'unreadable', error: fileErrorMessage(error) };
  }
  try {
    return { status: 'ok', model: readModel(bytes) };
  } catch (error) {
    if (error instanceof ModelReadError) return { status: 'unreadable', error: error.message };
    // A decoder bug on strange input must not take down the caller either.
    return { status: 'unreadable', error: `the model could not be read: ${String(error)}` };
  }
}

function failure(path: string, status: ModelInspection['status'], error: string): ModelInspection {
  return {
    path,
    status,
    error,
    runtime: { status: 'skipped', message: 'the file could not be read' },
    notes: [],
  };
}

function fileErrorMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Facts about a model that matter to its users but are not problems for the framework. */
export function modelNotes(model: ModelSummary): string[] {
  const notes: string[] = [];
  const input = model.inputs[0];
  const trees = model.treeEnsemble;
  if (input?.kind === 'tensor' && input.shape && input.shape.length === 2) {
    const [batch, width] = input.shape;
    if (batch === 1) {
      notes.push(
        `Input "${input.name}" has a fixed batch of 1 (${formatShape(input.shape)}). The framework feeds one row at a time, so this is fine, but a tool that scores many rows at once must feed them one by one or make the batch dimension dynamic.`,
      );
    }
    if (typeof width !== 'number' && trees?.maxFeatureIndex !== undefined) {
      notes.push(
        `The input width is not fixed; the trees read columns up to index ${trees.maxFeatureIndex}, so the model needs at least ${trees.maxFeatureIndex + 1} features.`,
      );
    }
    if (
      typeof width === 'number' &&
      trees?.maxFeatureIndex !== undefined &&
      trees.maxFeatureIndex >= width
    ) {
      notes.push(
        `The trees read column ${trees.maxFeatureIndex}, but the input declares only ${width} columns, so ONNX Runtime fails when it runs the model.`,
      );
    }
  }
  const labels = model.scores.columnLabels;
  if (labels && labels.length >= 2) {
    const columns = labels
      .map((label, index) => `${index} = class ${JSON.stringify(label)}`)
      .join(', ');
    notes.push(
      `Classes of "${model.scores.outputName}" in column order: ${columns}. A Binary selection cuts on column 0 as kBdtBackground; a MultiClass selection on columns 0, 1 and 2 as kBdtBackground, kBdtPrompt and kBdtNonprompt.`,
    );
  }
  return notes;
}
