import type { PlannedBin } from './plan';

/**
 * Finds a row's bin as the framework does: the first bin in flat order with
 * centMin ≤ cent < centMax and pTMin ≤ pT < pTMax. Overlaps go to the earlier bin.
 */
export class BinLookup {
  private readonly edges: Float64Array;
  private readonly count: number;

  constructor(bins: readonly PlannedBin[]) {
    this.count = bins.length;
    this.edges = new Float64Array(bins.length * 4);
    bins.forEach((bin, index) => {
      this.edges.set([bin.centMin, bin.centMax, bin.ptMin, bin.ptMax], index * 4);
    });
  }

  /** Returns the position of the row's bin in the flat list, or -1 when the row is dropped. */
  find(centrality: number, pt: number): number {
    const edges = this.edges;
    for (let bin = 0; bin < this.count; bin++) {
      const offset = bin * 4;
      if (
        centrality >= edges[offset] &&
        centrality < edges[offset + 1] &&
        pt >= edges[offset + 2] &&
        pt < edges[offset + 3]
      ) {
        return bin;
      }
    }
    return -1;
  }
}
