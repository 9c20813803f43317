import { strict as assert } from 'node:assert';
import * as ort from 'onnxruntime-node';
import {
  boostedTrees,
  buildClassifier,
  buildFixtures,
  expectedLabel,
  expectedProbabilities,
  seededRandom,
  type ClassifierSpec,
  type Fixture,
} from '../../support/onnx';

/** Feature rows on both sides of the fixture thresholds, so the trees take different branches. */
const ROWS: number[][] = [
  [3.1, 1.5, -2, 0.5],
  [0.4, 2.5, 0.3, -1.2],
  [2.9, 3.5, -0.5, 2.2],
  [1, 0, 0, 0],
];

async function createSession(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, { logSeverityLevel: 4 });
}

function feeds(session: ort.InferenceSession, spec: ClassifierSpec, row: readonly number[]) {
  const width = spec.features.length;
  const values = Array.from({ length: width }, (_, index) => row[index % row.length]);
  const input =
    spec.inputType === 'int64'
      ? new ort.Tensor(
          'int64',
          BigInt64Array.from(values.map((value) => BigInt(Math.trunc(value)))),
          [1, width],
        )
      : new ort.Tensor('float32', Float32Array.from(values), [1, width]);
  const result: Record<string, ort.Tensor> = { [session.inputNames[0]]: input };
  for (const name of spec.extraInputs ?? []) {
    result[name] = new ort.Tensor('float32', new Float32Array(1), [1, 1]);
  }
  const fed = spec.inputType === 'int64' ? values.map(Math.trunc) : values;
  return { result, fed };
}

describe('ONNX fixture builder', () => {
  const fixtures = buildFixtures();
  const modelFixtures = Object.values(fixtures).filter(
    (fixture): fixture is Fixture & { spec: ClassifierSpec } => fixture.spec !== undefined,
  );

  for (const fixture of modelFixtures) {
    it(`loads ${fixture.name} in ONNX Runtime`, async () => {
      const session = await createSession(fixture.bytes);
      assert.equal(session.inputNames[0], fixture.spec.inputName ?? 'input');
      await session.release();
    });
  }

  for (const fixture of modelFixtures.filter((candidate) => !candidate.spec.zipMap)) {
    it(`runs ${fixture.name} with the predicted outputs`, async () => {
      const session = await createSession(fixture.bytes);
      const spec = fixture.spec;
      for (const row of ROWS) {
        const { result, fed } = feeds(session, spec, row);
        const outputs = await session.run(result);
        const expected = expectedProbabilities(
          spec.trees,
          spec.classLabels.length,
          spec.postTransform ?? 'LOGISTIC',
          fed,
          spec.baseValues,
        );
        const actual = Array.from(outputs.probabilities.data as Float32Array);
        assert.equal(actual.length, expected.length, `columns for row ${row}`);
        actual.forEach((value, index) => {
          assert.ok(
            Math.abs(value - expected[index]) < 1e-5,
            `row ${row}, column ${index}: ${value} vs ${expected[index]}`,
          );
        });
        if (spec.postTransform !== 'NONE') {
          const label = Number((outputs.label.data as BigInt64Array)[0]);
          assert.equal(
            label,
            expectedLabel(expected, spec.classLabels as number[]),
            `label for row ${row}`,
          );
        }
      }
      await session.release();
    });
  }

  it('writes probabilities that sum to 1 for the valid models', () => {
    for (const name of ['binary', 'multiclass'] as const) {
      const spec = fixtures[name].spec!;
      for (const row of ROWS) {
        const probabilities = expectedProbabilities(
          spec.trees,
          spec.classLabels.length,
          spec.postTransform!,
          row,
          spec.baseValues,
        );
        const sum = probabilities.reduce((total, value) => total + value, 0);
        assert.ok(Math.abs(sum - 1) < 1e-9, `${name} row ${row} sums to ${sum}`);
      }
    }
  });

  it('gives the ZipMap variant a sequence output ONNX Runtime cannot return', async () => {
    const session = await createSession(fixtures.zipmap.bytes);
    const { result } = feeds(session, fixtures.zipmap.spec!, ROWS[0]);
    await assert.rejects(session.run(result), /Non tensor type/);
    await session.release();
  });

  for (const name of ['truncated', 'random-bytes'] as const) {
    it(`makes ONNX Runtime reject ${name}`, async () => {
      await assert.rejects(createSession(fixtures[name].bytes), /protobuf parsing failed/);
    });
  }

  const boosted: Array<[string, ClassifierSpec]> = [
    [
      'binary',
      {
        features: ['a', 'b', 'c', 'd', 'e'],
        classLabels: [0, 1],
        postTransform: 'LOGISTIC',
        trees: boostedTrees({ width: 5, rounds: 40, scoreColumns: 1, depth: 4, seed: 7 }),
      },
    ],
    [
      '3-class',
      {
        features: ['a', 'b', 'c', 'd', 'e'],
        classLabels: [0, 1, 2],
        postTransform: 'SOFTMAX',
        baseValues: [0.5, 0.5, 0.5],
        trees: boostedTrees({ width: 5, rounds: 20, scoreColumns: 3, depth: 4, seed: 8 }),
      },
    ],
  ];
  for (const [name, spec] of boosted) {
    it(`runs boosted ${name} trees as predicted`, async () => {
      const session = await createSession(buildClassifier(spec));
      const random = seededRandom(99);
      for (let sample = 0; sample < 50; sample++) {
        const row = Array.from({ length: 5 }, () => (random() - 0.5) * 8);
        const input = new ort.Tensor('float32', Float32Array.from(row), [1, 5]);
        const outputs = await session.run({ input });
        const actual = Array.from(outputs.probabilities.data as Float32Array);
        const expected = expectedProbabilities(
          spec.trees,
          spec.classLabels.length,
          spec.postTransform!,
          row,
          spec.baseValues,
        );
        actual.forEach((value, index) => {
          assert.ok(Math.abs(value - expected[index]) < 1e-5, `sample ${sample}, column ${index}`);
        });
      }
      await session.release();
    });
  }

  it('builds the same bytes twice', () => {
    const again = buildFixtures();
    for (const [name, fixture] of Object.entries(fixtures)) {
      assert.deepEqual(again[name as keyof typeof fixtures].bytes, fixture.bytes, name);
    }
  });
});
