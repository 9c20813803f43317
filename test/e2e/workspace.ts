/**
 * Lays out the workspace folder the end-to-end tests open in code-server: the bundled
 * binary example with its models, and a config with known mistakes.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { binarySpec, buildClassifier, configText, FIXTURE_FEATURES } from '../support/onnx';
import { ROOT } from './environment';

export const EXAMPLE_CONFIG = 'binary/bdtCut.json';
export const BROKEN_CONFIG = 'broken/bdtCutBroken.json';

/**
 * Copies examples/binary into the workspace. Where the example is not in the repository,
 * writes a two-bin Binary config with fixture models built the way hipe4ml_converter
 * exports them, so the test still opens a config whose model files exist.
 */
function addBinaryExample(workspace: string): string {
  const target = join(workspace, 'binary');
  mkdirSync(target, { recursive: true });
  const example = join(ROOT, 'examples', 'binary');
  if (existsSync(join(example, 'bdtCut.json'))) {
    for (const name of readdirSync(example)) {
      copyFileSync(join(example, name), join(target, name));
    }
    return 'examples/binary';
  }
  const modelFiles = ['modelBDT_cent0_90_pt0_2_onnx.onnx', 'modelBDT_cent0_90_pt2_4_onnx.onnx'];
  modelFiles.forEach((file, index) => {
    writeFileSync(join(target, file), buildClassifier(binarySpec(FIXTURE_FEATURES, index)));
  });
  writeFileSync(
    join(target, 'bdtCut.json'),
    configText({ type: 'Binary', features: FIXTURE_FEATURES, modelFiles }),
  );
  return 'fixture models built by test/support/onnx';
}

/** Creates the workspace folder and returns where its binary example came from. */
export function createWorkspace(workspace: string): string {
  mkdirSync(join(workspace, 'broken'), { recursive: true });
  copyFileSync(
    join(ROOT, 'test', 'fixtures', 'e2e', 'bdtCutBroken.json'),
    join(workspace, BROKEN_CONFIG),
  );
  return addBinaryExample(workspace);
}

/** Counts the bins of a config the way the framework numbers them: every pT block. */
export function countBins(path: string): number {
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const selection = Object.values(config)[0] as Record<string, unknown>;
  let bins = 0;
  for (const [key, block] of Object.entries(selection)) {
    if (!key.includes('AddCentCut') || typeof block !== 'object' || block === null) continue;
    bins += Object.keys(block).filter((inner) => inner.includes('AddPtCut')).length;
  }
  return bins;
}

/** Counts the errors that the dqml CLI, on the same core as the server, finds in a config. */
export function cliErrorCount(path: string): number {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'dqml.js'), 'check', path, '--format', 'json'],
    {
      encoding: 'utf8',
    },
  );
  if (result.stdout.trim() === '') {
    throw new Error(`dqml check ${path} printed nothing (exit ${result.status}): ${result.stderr}`);
  }
  const reports = JSON.parse(result.stdout) as Array<{ findings: Array<{ severity: string }> }>;
  return reports[0].findings.filter((finding) => finding.severity === 'error').length;
}
