/**
 * Geometry of the bin map: where each bin lies in the centrality × pT plane, which regions
 * two or more bins claim and which bin wins there, and which regions no bin covers. Free of
 * the VS Code API so unit tests run it in Node.
 *
 * The O2Physics dilepton task picks the first bin in flat order with centMin ≤ centrality <
 * centMax and pTMin ≤ pT < pTMax, so an overlap goes to the bin with the lowest index, and a
 * pair in no bin is skipped: neither selected nor written.
 */
import type { BinSummary } from '../../../server/src/protocol';

/** A rectangle in edge indices: columns x0 to x1 of the centrality edges, rows y0 to y1 of pT. */
export interface GridRect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** A region of the plane, in values and in edge indices. */
export interface Region {
  centrality: [number, number];
  pt: [number, number];
  grid: GridRect;
}

export interface DrawnBin extends Region {
  index: number;
  label: string;
  modelFile: string | null;
  cuts: string[];
  /** True when earlier bins claim the whole rectangle, so no pair reaches this bin. */
  hidden: boolean;
  /** The largest rectangle of cells this bin wins, where its label goes; absent when hidden. */
  labelArea?: GridRect;
}

export interface Overlap extends Region {
  /** The bins that claim the region, in flat order. */
  bins: number[];
  /** The bin the framework picks there: the first of `bins`. */
  winner: number;
}

/** A bin that has no rectangle, with the reason. */
export interface SkippedBin {
  index: number;
  label: string;
  reason: string;
}

export interface BinMapGeometry {
  /** The distinct centrality edges of all drawn bins, increasing. */
  centralityEdges: number[];
  /** The distinct pT edges of all drawn bins, increasing. */
  ptEdges: number[];
  bins: DrawnBin[];
  overlaps: Overlap[];
  /** Regions inside the edges that no bin covers: the framework drops pairs there. */
  gaps: Region[];
  skipped: SkippedBin[];
}

/** Computes the rectangles, overlaps and gaps of a config's bins, given in flat order. */
export function binMapGeometry(bins: readonly BinSummary[]): BinMapGeometry {
  const placed: Array<{ bin: BinSummary; centrality: [number, number]; pt: [number, number] }> = [];
  const skipped: SkippedBin[] = [];
  for (const bin of bins) {
    const reason = skipReason(bin);
    if (reason) {
      skipped.push({ index: bin.index, label: bin.label, reason });
      continue;
    }
    placed.push({
      bin,
      centrality: bin.centrality as [number, number],
      pt: bin.pt as [number, number],
    });
  }

  const centralityEdges = distinctSorted(placed.flatMap((entry) => entry.centrality));
  const ptEdges = distinctSorted(placed.flatMap((entry) => entry.pt));
  const gridOf = (centrality: [number, number], pt: [number, number]): GridRect => ({
    x0: centralityEdges.indexOf(centrality[0]),
    x1: centralityEdges.indexOf(centrality[1]),
    y0: ptEdges.indexOf(pt[0]),
    y1: ptEdges.indexOf(pt[1]),
  });
  const regionOf = (grid: GridRect): Region => ({
    centrality: [centralityEdges[grid.x0], centralityEdges[grid.x1]],
    pt: [ptEdges[grid.y0], ptEdges[grid.y1]],
    grid,
  });

  // Each cell between neighbouring edges lists the bins that contain it, in flat order.
  const columns = Math.max(centralityEdges.length - 1, 0);
  const rows = Math.max(ptEdges.length - 1, 0);
  const claims: number[][][] = Array.from({ length: columns }, () =>
    Array.from({ length: rows }, () => [] as number[]),
  );
  const drawn: DrawnBin[] = placed.map(({ bin, centrality, pt }) => {
    const grid = gridOf(centrality, pt);
    for (let x = grid.x0; x < grid.x1; x++) {
      for (let y = grid.y0; y < grid.y1; y++) claims[x][y].push(bin.index);
    }
    return {
      ...regionOf(grid),
      index: bin.index,
      label: bin.label,
      modelFile: bin.modelFile,
      cuts: bin.cuts,
      hidden: false,
    };
  });
  const won = mergeCells(claims, (cell) => (cell.length > 0 ? String(cell[0]) : undefined));
  for (const bin of drawn) {
    bin.hidden = cellsOf(bin.grid).every(([x, y]) => claims[x][y][0] !== bin.index);
    const areas = won.filter(({ key }) => key === String(bin.index)).map(({ grid }) => grid);
    bin.labelArea = areas.sort((a, b) => cellCount(b) - cellCount(a))[0];
  }

  const gaps = mergeCells(claims, (cell) => (cell.length === 0 ? 'gap' : undefined)).map(
    ({ grid }) => regionOf(grid),
  );
  const overlaps = mergeCells(claims, (cell) => (cell.length > 1 ? cell.join(',') : undefined)).map(
    ({ grid, key }) => {
      const claimants = key.split(',').map(Number);
      return { ...regionOf(grid), bins: claimants, winner: claimants[0] };
    },
  );
  return { centralityEdges, ptEdges, bins: drawn, overlaps, gaps, skipped };
}

/** Returns why a bin cannot be drawn, or undefined when it can. */
function skipReason(bin: BinSummary): string | undefined {
  const [centMin, centMax] = bin.centrality;
  const [ptMin, ptMax] = bin.pt;
  if (!isFiniteNumber(centMin) || !isFiniteNumber(centMax)) {
    return 'its centrality block has no numeric centMin and centMax';
  }
  if (!isFiniteNumber(ptMin) || !isFiniteNumber(ptMax)) {
    return 'its pT block has no numeric pTMin and pTMax';
  }
  if (centMin >= centMax) {
    return `centMin ${centMin} is not below centMax ${centMax}, so no pair falls in this bin`;
  }
  if (ptMin >= ptMax) {
    return `pTMin ${ptMin} is not below pTMax ${ptMax}, so no pair falls in this bin`;
  }
  return undefined;
}

function isFiniteNumber(value: number | null): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function distinctSorted(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function cellCount(grid: GridRect): number {
  return (grid.x1 - grid.x0) * (grid.y1 - grid.y0);
}

function cellsOf(grid: GridRect): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  for (let x = grid.x0; x < grid.x1; x++) {
    for (let y = grid.y0; y < grid.y1; y++) cells.push([x, y]);
  }
  return cells;
}

/**
 * Merges neighbouring cells with the same key into rectangles: each rectangle grows along
 * pT from its first free cell, then along centrality while the whole column matches.
 * Cells whose key is undefined belong to no rectangle.
 */
function mergeCells(
  claims: number[][][],
  keyOf: (cell: number[]) => string | undefined,
): Array<{ grid: GridRect; key: string }> {
  const columns = claims.length;
  const rows = claims[0]?.length ?? 0;
  const keys = claims.map((column) => column.map(keyOf));
  const used = keys.map((column) => column.map(() => false));
  const free = (x: number, y: number, key: string) => keys[x][y] === key && !used[x][y];
  const rectangles: Array<{ grid: GridRect; key: string }> = [];
  for (let x = 0; x < columns; x++) {
    for (let y = 0; y < rows; y++) {
      const key = keys[x][y];
      if (key === undefined || used[x][y]) continue;
      let y1 = y + 1;
      while (y1 < rows && free(x, y1, key)) y1++;
      let x1 = x + 1;
      while (x1 < columns && rangeFree(x1, y, y1, key, free)) x1++;
      for (let column = x; column < x1; column++) {
        for (let row = y; row < y1; row++) used[column][row] = true;
      }
      rectangles.push({ grid: { x0: x, x1, y0: y, y1 }, key });
    }
  }
  return rectangles;
}

function rangeFree(
  x: number,
  y0: number,
  y1: number,
  key: string,
  free: (x: number, y: number, key: string) => boolean,
): boolean {
  for (let y = y0; y < y1; y++) {
    if (!free(x, y, key)) return false;
  }
  return true;
}

/** Pass rates of a quick inference by bin index, for colouring the map. */
export interface BinPassRates {
  rates: Map<number, number | null>;
  /** The sample the rates come from. */
  samplePath: string;
  complete: boolean;
}

/**
 * Matches the bins of a quick inference report to the current bins. The report applies only
 * while every bin keeps its index and label, so after a change of the bins it returns
 * undefined and the map is drawn without colours.
 */
export function matchPassRates(
  bins: readonly BinSummary[],
  report: {
    samplePath: string;
    complete: boolean;
    bins: ReadonlyArray<{ index: number; label: string; passRate: number | null }>;
  },
): BinPassRates | undefined {
  if (report.bins.length !== bins.length) return undefined;
  const rates = new Map<number, number | null>();
  for (const [position, bin] of bins.entries()) {
    const reported = report.bins[position];
    if (reported.index !== bin.index || reported.label !== bin.label) return undefined;
    rates.set(bin.index, reported.passRate);
  }
  return { rates, samplePath: report.samplePath, complete: report.complete };
}
