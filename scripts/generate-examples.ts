/**
 * Writes the bundled examples: examples/binary (a Binary config of 4 bins and its 4 ONNX
 * models) and examples/multiclass (the same bins with 3-class models). The configs follow
 * the DQ training example's conventions (selection `BDTCut`, keys `AddCentCut-Cent{min}{max}`
 * and `AddPtCut-pTBin{i}`, model files `modelBDT_cent{min}_{max}_pt{min}_{max}_onnx.onnx`);
 * the models come from the test fixture builder. `--check` writes nothing and exits 1 when
 * a file is out of date.
 *
 *   node --import tsx scripts/generate-examples.ts [--check]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as prettier from 'prettier';
import { boostedTrees, buildClassifier, type ClassifierSpec } from '../test/support/onnx';

export interface ExampleFile {
  /** Path relative to the repository root. */
  path: string;
  bytes: Uint8Array;
}

/** Pair and leg variables a J/ψ → e⁺e⁻ BDT is typically trained on, in training order. */
export const EXAMPLE_FEATURES: readonly string[] = [
  'kPt1',
  'kPt2',
  'kDcaXY1',
  'kDcaXY2',
  'kDcaZ1',
  'kDcaZ2',
  'kTPCNSigmaEl1',
  'kTPCNSigmaEl2',
  'kTPCNSigmaPi1',
  'kTPCNSigmaPi2',
  'kITSChi2NCl1',
  'kITSChi2NCl2',
];

interface ExampleBin {
  centrality: [number, number];
  pt: [number, number];
  /** Cut values in score order: kBdtBackground, then kBdtPrompt and kBdtNonprompt. */
  cuts: number[];
}

const CENTRALITY_RANGES: Array<[number, number]> = [
  [0, 10],
  [10, 50],
];
const PT_RANGES: Array<[number, number]> = [
  [0, 3],
  [3, 20],
];

/** Binary cuts keep pairs whose background probability is below the cut (exclude: true). */
const BINARY_CUTS = [[0.25], [0.35], [0.3], [0.4]];

/**
 * MultiClass cuts keep prompt-like pairs: background below the first cut, prompt above the
 * second, non-prompt below the third.
 */
const MULTICLASS_CUTS = [
  [0.2, 0.5, 0.3],
  [0.25, 0.45, 0.3],
  [0.2, 0.5, 0.35],
  [0.3, 0.4, 0.35],
];
const MULTICLASS_DIRECTIONS = [true, false, true];
const SCORE_CUTS: Array<[string, string]> = [
  ['AddMLCut-background', 'kBdtBackground'],
  ['AddMLCut-prompt', 'kBdtPrompt'],
  ['AddMLCut-nonprompt', 'kBdtNonprompt'],
];

function bins(cuts: number[][]): ExampleBin[] {
  const result: ExampleBin[] = [];
  for (const centrality of CENTRALITY_RANGES) {
    for (const pt of PT_RANGES) result.push({ centrality, pt, cuts: cuts[result.length] });
  }
  return result;
}

/**
 * Returns the spec of one bin's binary model: 100 trees of depth 3 on the class-1 margin,
 * about the size of a real XGBoost export, with seeded random splits.
 */
function binaryModelSpec(binIndex: number): ClassifierSpec {
  const width = EXAMPLE_FEATURES.length;
  return {
    features: EXAMPLE_FEATURES,
    classLabels: [0, 1],
    postTransform: 'LOGISTIC',
    trees: boostedTrees({ width, rounds: 100, scoreColumns: 1, depth: 3, seed: 100 + binIndex }),
  };
}

/** Returns the spec of one bin's 3-class model: 60 rounds of 3 trees, SOFTMAX, base 0.5. */
function multiClassModelSpec(binIndex: number): ClassifierSpec {
  const width = EXAMPLE_FEATURES.length;
  return {
    features: EXAMPLE_FEATURES,
    classLabels: [0, 1, 2],
    postTransform: 'SOFTMAX',
    baseValues: [0.5, 0.5, 0.5],
    trees: boostedTrees({ width, rounds: 60, scoreColumns: 3, depth: 3, seed: 200 + binIndex }),
  };
}

/** Returns the model file name the DQ training example writes for a bin. */
export function modelFileName(bin: ExampleBin): string {
  return `modelBDT_cent${bin.centrality[0]}_${bin.centrality[1]}_pt${bin.pt[0]}_${bin.pt[1]}_onnx.onnx`;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** Builds the config object: one centrality block per range, one pT block per bin inside it. */
function configObject(
  type: 'Binary' | 'MultiClass',
  title: string,
  exampleBins: readonly ExampleBin[],
): object {
  const selection: Record<string, unknown> = {
    type,
    title,
    inputFeatures: EXAMPLE_FEATURES,
    modelFiles: exampleBins.map(modelFileName),
    cent: 'kCentFT0C',
  };
  for (const [centMin, centMax] of CENTRALITY_RANGES) {
    const block: Record<string, unknown> = { centMin, centMax };
    const inside = exampleBins.filter((bin) => bin.centrality[0] === centMin);
    inside.forEach((bin, index) => {
      const ptBlock: Record<string, unknown> = { pTMin: bin.pt[0], pTMax: bin.pt[1] };
      bin.cuts.forEach((cut, position) => {
        const [key, score] = SCORE_CUTS[position];
        const exclude = type === 'Binary' ? true : MULTICLASS_DIRECTIONS[position];
        ptBlock[key] = { var: score, cut, exclude };
      });
      block[`AddPtCut-pTBin${index + 1}`] = ptBlock;
    });
    selection[`AddCentCut-Cent${twoDigits(centMin)}${twoDigits(centMax)}`] = block;
  }
  return { BDTCut: selection };
}

async function formatJson(root: string, path: string, value: object): Promise<Uint8Array> {
  const options = (await prettier.resolveConfig(join(root, path))) ?? {};
  const text = await prettier.format(JSON.stringify(value), { ...options, filepath: path });
  return new TextEncoder().encode(text);
}

async function exampleFolder(
  root: string,
  folder: string,
  configName: string,
  config: object,
  exampleBins: readonly ExampleBin[],
  spec: (seed: number) => ClassifierSpec,
): Promise<ExampleFile[]> {
  const files: ExampleFile[] = [
    {
      path: `${folder}/${configName}`,
      bytes: await formatJson(root, `${folder}/${configName}`, config),
    },
  ];
  exampleBins.forEach((bin, index) => {
    files.push({ path: `${folder}/${modelFileName(bin)}`, bytes: buildClassifier(spec(index)) });
  });
  return files;
}

/** Computes every example file from the sources in the repository at `root`. */
export async function exampleFiles(root: string): Promise<ExampleFile[]> {
  const binaryBins = bins(BINARY_CUTS);
  const multiClassBins = bins(MULTICLASS_CUTS);
  return [
    ...(await exampleFolder(
      root,
      'examples/binary',
      'bdtCut.json',
      configObject('Binary', 'JpsiToEE_BDT', binaryBins),
      binaryBins,
      binaryModelSpec,
    )),
    ...(await exampleFolder(
      root,
      'examples/multiclass',
      'bdtCutMulti.json',
      configObject('MultiClass', 'JpsiToEE_PromptBDT', multiClassBins),
      multiClassBins,
      multiClassModelSpec,
    )),
  ];
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((byte, index) => byte === b[index]);
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const file of await exampleFiles(root)) {
    const path = join(root, file.path);
    let current: Uint8Array | undefined;
    try {
      current = readFileSync(path);
    } catch {
      current = undefined;
    }
    if (sameBytes(current, file.bytes)) continue;
    if (check) {
      console.error(
        `${file.path} is out of date: run \`node --import tsx scripts/generate-examples.ts\`.`,
      );
      stale++;
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.bytes);
      console.log(`Wrote ${file.path}.`);
    }
  }
  if (stale > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
