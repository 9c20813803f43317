/** Confirms with onnxruntime-node that ONNX Runtime accepts a model, as the framework's loader must. */
import type * as Ort from 'onnxruntime-node';
import type { RuntimeCheck } from './types';

type OrtModule = typeof Ort;

let runtimeModule: Promise<OrtModule> | undefined;

/**
 * Loads onnxruntime-node on first use, so that reading configs and model summaries never
 * pulls in the native addon.
 */
function loadRuntime(): Promise<OrtModule> {
  runtimeModule ??= import('onnxruntime-node').then(
    (module) => ((module as { default?: OrtModule }).default ?? module) as OrtModule,
  );
  return runtimeModule;
}

/**
 * Creates an ONNX Runtime session from the model bytes and releases it at once. Returns
 * `failed` with the runtime's message when the session cannot be created, and `skipped`
 * when onnxruntime-node itself cannot be loaded on this platform.
 */
export async function checkRuntimeLoad(bytes: Uint8Array): Promise<RuntimeCheck> {
  let runtime: OrtModule;
  try {
    runtime = await loadRuntime();
  } catch (error) {
    runtimeModule = undefined;
    return {
      status: 'skipped',
      message: `onnxruntime-node could not be loaded on this platform (${errorMessage(error)})`,
    };
  }
  const runtimeVersion = runtime.env.versions.node ?? runtime.env.versions.common;
  try {
    const session = await runtime.InferenceSession.create(bytes, {
      // Level 4 (fatal) keeps the runtime from printing its own errors to stderr, which
      // would interleave with CLI output; failures still arrive here as exceptions.
      logSeverityLevel: 4,
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
    await session.release();
    return { status: 'loaded', runtimeVersion };
  } catch (error) {
    return { status: 'failed', message: errorMessage(error), runtimeVersion };
  }
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Runtime messages can carry the whole C++ call site; the first line names the failure.
  return message.split('\n')[0].trim();
}
