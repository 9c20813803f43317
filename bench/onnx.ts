import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeConfig } from '../server/src/core/analyze';
import { checkConfigModelsReport, ModelCache } from '../server/src/core/onnx';
import { measure, type BenchResult } from './stats';

const ROOT = resolve(__dirname, '..');
const CONFIG_PATH = resolve(ROOT, 'examples/binary/bdtCut.json');

/**
 * Times the model checks of the binary example, 4 models of 100 trees each, in three cases.
 * Cold uses a new cache per run, so every model is read, decoded and loaded into ONNX
 * Runtime again. Cold without the runtime skips loading, as in an untrusted workspace. Warm
 * reads everything from a filled cache. The warm-up runs load the onnxruntime-node addon,
 * so no case includes that one-time cost.
 */
export async function benchOnnx(): Promise<BenchResult[]> {
  const analysis = analyzeConfig(readFileSync(CONFIG_PATH, 'utf8'), { configPath: CONFIG_PATH });
  const check = async (cache: ModelCache, loadIntoRuntime: boolean) => {
    const report = await checkConfigModelsReport(analysis, {
      configPath: CONFIG_PATH,
      cache,
      loadIntoRuntime,
    });
    // Without the runtime, the one expected finding is the note that loading was skipped.
    const problems = report.findings.filter((finding) => finding.code !== 'onnx-runtime-skipped');
    if (report.models.length !== 4 || problems.length !== 0) {
      throw new Error(
        `Expected 4 clean models in ${CONFIG_PATH}; run scripts/generate-examples.ts.`,
      );
    }
  };

  const cold = await measure(
    'binary example, 4 models: cold (read, decode, ONNX Runtime load)',
    () => check(new ModelCache(), true),
    30,
    3,
  );
  cold.note = 'target under 200 ms';
  const coldWithoutRuntime = await measure(
    'binary example, 4 models: cold without ONNX Runtime (untrusted workspace)',
    () => check(new ModelCache(), false),
    30,
    3,
  );
  const warmCache = new ModelCache();
  await check(warmCache, true);
  const warm = await measure(
    'binary example, 4 models: warm (cached)',
    () => check(warmCache, true),
    200,
    10,
  );
  warm.note = 'target under 5 ms';
  return [cold, coldWithoutRuntime, warm];
}
