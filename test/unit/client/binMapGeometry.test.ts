import { strict as assert } from 'node:assert';
import {
  binMapGeometry,
  matchPassRates,
  type Region,
} from '../../../client/src/webviews/binMapGeometry';
import type { BinSummary } from '../../../server/src/protocol';

type Range = [number | null, number | null];

/** Returns bins in flat order with the given ranges, labelled as the framework prints them. */
function bins(ranges: Array<[Range, Range]>): BinSummary[] {
  return ranges.map(([centrality, pt], index) => ({
    index,
    label: `kCentFT0C_cent${centrality[0]}_${centrality[1]}_pt${pt[0]}_${pt[1]}`,
    centrality,
    pt,
    modelFile: `model${index}.onnx`,
    cuts: ['keeps background score ≤ 0.5'],
    keyRange: {
      start: { line: index, character: 0 },
      end: { line: index, character: 10 },
    },
  }));
}

function valueRanges(regions: readonly Region[]): Array<[number[], number[]]> {
  return regions.map((region) => [region.centrality, region.pt]);
}

describe('binMapGeometry', () => {
  it('tiles a full grid without gaps', () => {
    const geometry = binMapGeometry(
      bins([
        [
          [0, 10],
          [0, 3],
        ],
        [
          [0, 10],
          [3, 20],
        ],
        [
          [10, 50],
          [0, 3],
        ],
        [
          [10, 50],
          [3, 20],
        ],
      ]),
    );
    assert.deepEqual(geometry.centralityEdges, [0, 10, 50]);
    assert.deepEqual(geometry.ptEdges, [0, 3, 20]);
    assert.deepEqual(geometry.gaps, []);
    assert.deepEqual(geometry.overlaps, []);
    assert.deepEqual(geometry.skipped, []);
    assert.deepEqual(
      geometry.bins.map((bin) => bin.grid),
      [
        { x0: 0, x1: 1, y0: 0, y1: 1 },
        { x0: 0, x1: 1, y0: 1, y1: 2 },
        { x0: 1, x1: 2, y0: 0, y1: 1 },
        { x0: 1, x1: 2, y0: 1, y1: 2 },
      ],
    );
    assert.equal(
      geometry.bins.some((bin) => bin.hidden),
      false,
    );
  });

  it('marks a centrality gap across all pT', () => {
    const geometry = binMapGeometry(
      bins([
        [
          [0, 10],
          [0, 3],
        ],
        [
          [0, 10],
          [3, 20],
        ],
        [
          [30, 50],
          [0, 20],
        ],
      ]),
    );
    assert.deepEqual(valueRanges(geometry.gaps), [
      [
        [10, 30],
        [0, 20],
      ],
    ]);
    assert.deepEqual(geometry.overlaps, []);
  });

  it('marks a pT gap inside one block', () => {
    const geometry = binMapGeometry(
      bins([
        [
          [0, 90],
          [0, 2],
        ],
        [
          [0, 90],
          [3, 20],
        ],
      ]),
    );
    assert.deepEqual(valueRanges(geometry.gaps), [
      [
        [0, 90],
        [2, 3],
      ],
    ]);
  });

  it('gives an overlap to the earlier bin', () => {
    const geometry = binMapGeometry(
      bins([
        [
          [0, 30],
          [0, 5],
        ],
        [
          [20, 50],
          [0, 5],
        ],
      ]),
    );
    assert.equal(geometry.overlaps.length, 1);
    const [overlap] = geometry.overlaps;
    assert.deepEqual(overlap.centrality, [20, 30]);
    assert.deepEqual(overlap.pt, [0, 5]);
    assert.deepEqual(overlap.bins, [0, 1]);
    assert.equal(overlap.winner, 0);
    assert.deepEqual(geometry.gaps, []);
    assert.equal(geometry.bins[1].hidden, false);
  });

  it('names the winner by flat order', () => {
    // The later block is listed first in the plane but comes second in flat order.
    const geometry = binMapGeometry(
      bins([
        [
          [20, 50],
          [0, 5],
        ],
        [
          [0, 30],
          [0, 5],
        ],
      ]),
    );
    assert.equal(geometry.overlaps.length, 1);
    assert.equal(geometry.overlaps[0].winner, 0);
    assert.deepEqual(geometry.overlaps[0].bins, [0, 1]);
  });

  it('hides a bin inside an earlier one', () => {
    const geometry = binMapGeometry(
      bins([
        [
          [0, 90],
          [0, 20],
        ],
        [
          [10, 30],
          [2, 4],
        ],
      ]),
    );
    assert.equal(geometry.bins[0].hidden, false);
    assert.equal(geometry.bins[1].hidden, true);
    assert.deepEqual(valueRanges(geometry.overlaps), [
      [
        [10, 30],
        [2, 4],
      ],
    ]);
    assert.deepEqual(geometry.gaps, []);
  });

  it('keeps a bin that wins part of its area', () => {
    const geometry = binMapGeometry(
      bins([
        [
          [0, 20],
          [0, 20],
        ],
        [
          [10, 30],
          [0, 20],
        ],
      ]),
    );
    assert.equal(geometry.bins[1].hidden, false);
  });

  it('merges gap cells into rectangles', () => {
    // Two bins on a diagonal leave two gap rectangles, each one cell.
    const geometry = binMapGeometry(
      bins([
        [
          [0, 10],
          [0, 2],
        ],
        [
          [10, 20],
          [2, 4],
        ],
      ]),
    );
    assert.deepEqual(valueRanges(geometry.gaps), [
      [
        [0, 10],
        [2, 4],
      ],
      [
        [10, 20],
        [0, 2],
      ],
    ]);
  });

  it('merges cells across extra edges', () => {
    // The edge at pT 1 of the first block splits the gap of the second into cells.
    const geometry = binMapGeometry(
      bins([
        [
          [0, 10],
          [0, 1],
        ],
        [
          [0, 10],
          [1, 4],
        ],
        [
          [20, 30],
          [0, 4],
        ],
      ]),
    );
    assert.deepEqual(valueRanges(geometry.gaps), [
      [
        [10, 20],
        [0, 4],
      ],
    ]);
  });

  it('skips bins without ranges', () => {
    const geometry = binMapGeometry(
      bins([
        [
          [0, 10],
          [0, 2],
        ],
        [
          [null, 10],
          [0, 2],
        ],
        [
          [0, 10],
          [2, null],
        ],
        [
          [10, 10],
          [0, 2],
        ],
        [
          [0, 10],
          [5, 3],
        ],
      ]),
    );
    assert.deepEqual(
      geometry.bins.map((bin) => bin.index),
      [0],
    );
    assert.deepEqual(
      geometry.skipped.map((bin) => bin.index),
      [1, 2, 3, 4],
    );
    assert.match(geometry.skipped[0].reason, /centMin and centMax/);
    assert.match(geometry.skipped[1].reason, /pTMin and pTMax/);
    assert.match(geometry.skipped[2].reason, /centMin 10 is not below centMax 10/);
    assert.match(geometry.skipped[3].reason, /pTMin 5 is not below pTMax 3/);
  });

  it('draws nothing without bins', () => {
    const geometry = binMapGeometry([]);
    assert.deepEqual(geometry.centralityEdges, []);
    assert.deepEqual(geometry.bins, []);
    assert.deepEqual(geometry.gaps, []);
    assert.deepEqual(geometry.overlaps, []);
  });

  it('lists an overlap of three bins', () => {
    const geometry = binMapGeometry(
      bins([
        [
          [0, 10],
          [0, 10],
        ],
        [
          [0, 10],
          [0, 10],
        ],
        [
          [0, 10],
          [0, 10],
        ],
      ]),
    );
    assert.deepEqual(
      geometry.overlaps.map((overlap) => overlap.bins),
      [[0, 1, 2]],
    );
    assert.deepEqual(
      geometry.bins.map((bin) => bin.hidden),
      [false, true, true],
    );
  });
});

describe('matchPassRates', () => {
  const current = bins([
    [
      [0, 10],
      [0, 3],
    ],
    [
      [0, 10],
      [3, 20],
    ],
  ]);

  it('maps rates by bin index', () => {
    const matched = matchPassRates(current, {
      samplePath: 'sample.csv',
      complete: true,
      bins: [
        { index: 0, label: current[0].label, passRate: 0.25 },
        { index: 1, label: current[1].label, passRate: null },
      ],
    });
    assert.ok(matched);
    assert.equal(matched.rates.get(0), 0.25);
    assert.equal(matched.rates.get(1), null);
    assert.equal(matched.samplePath, 'sample.csv');
  });

  it('drops rates after a relabel', () => {
    const matched = matchPassRates(current, {
      samplePath: 'sample.csv',
      complete: true,
      bins: [
        { index: 0, label: current[0].label, passRate: 0.25 },
        { index: 1, label: 'kCentFT0C_cent0_10_pt3.0_30.0', passRate: 0.5 },
      ],
    });
    assert.equal(matched, undefined);
  });

  it('drops rates after a bin count change', () => {
    const matched = matchPassRates(current, {
      samplePath: 'sample.csv',
      complete: false,
      bins: [{ index: 0, label: current[0].label, passRate: 0.25 }],
    });
    assert.equal(matched, undefined);
  });
});

describe('binMapGeometry label areas', () => {
  it('labels a bin where it wins', () => {
    // Bin 1 loses centrality 20–30 % to bin 0 and keeps 30–50 %.
    const geometry = binMapGeometry(
      bins([
        [
          [0, 30],
          [0, 5],
        ],
        [
          [20, 50],
          [0, 5],
        ],
      ]),
    );
    assert.deepEqual(geometry.bins[0].labelArea, geometry.bins[0].grid);
    assert.deepEqual(geometry.bins[1].labelArea, { x0: 2, x1: 3, y0: 0, y1: 1 });
  });

  it('picks the largest winning area', () => {
    // Bin 1 wins one cell at pT 0–1 and two at pT 2–10; bin 2 only adds the edge at 4.
    const geometry = binMapGeometry(
      bins([
        [
          [0, 10],
          [1, 2],
        ],
        [
          [0, 10],
          [0, 10],
        ],
        [
          [0, 10],
          [4, 10],
        ],
      ]),
    );
    assert.deepEqual(geometry.ptEdges, [0, 1, 2, 4, 10]);
    assert.deepEqual(geometry.bins[1].labelArea, { x0: 0, x1: 1, y0: 2, y1: 4 });
  });

  it('gives a hidden bin no label area', () => {
    const geometry = binMapGeometry(
      bins([
        [
          [0, 90],
          [0, 20],
        ],
        [
          [10, 30],
          [2, 4],
        ],
      ]),
    );
    assert.equal(geometry.bins[1].labelArea, undefined);
  });
});
