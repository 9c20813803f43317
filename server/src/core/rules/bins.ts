import type { Bin, CentralityBlock, Field, PtBlock } from '../model/types';
import type { Rule, RuleContext } from './context';

interface Range {
  min: number;
  max: number;
}

function rangeOf(
  min: Field<number> | undefined,
  max: Field<number> | undefined,
): Range | undefined {
  if (min?.value === undefined || max?.value === undefined) return undefined;
  return { min: min.value, max: max.value };
}

const show = (range: Range) => `[${range.min}, ${range.max})`;

/** Checks every range: not empty, within physical bounds. */
export const checkRanges: Rule = (context) => {
  const selection = context.model.active;
  if (!selection?.isObject) return;
  for (const block of selection.centralityBlocks) {
    checkRange(context, block.min, block.max, 'centMin', 'centMax', block.member.key, 'centrality');
    for (const pt of block.ptBlocks) {
      checkRange(context, pt.min, pt.max, 'pTMin', 'pTMax', pt.member.key, 'pT');
    }
  }
};

function checkRange(
  context: RuleContext,
  min: Field<number> | undefined,
  max: Field<number> | undefined,
  minKey: string,
  maxKey: string,
  blockKey: string,
  quantity: 'centrality' | 'pT',
): void {
  const range = rangeOf(min, max);
  if (!range || !min || !max) return;
  if (range.min >= range.max) {
    context.report(
      'empty-range',
      {
        start: min.member.span.start,
        end: max.member.span.end > min.member.span.end ? max.member.span.end : min.member.span.end,
      },
      `"${blockKey}" has ${minKey} ${range.min} ≥ ${maxKey} ${range.max}, so no pair has ${range.min} ≤ ${quantity} < ${range.max} and the bin never receives one. Make ${minKey} smaller than ${maxKey}.`,
      {
        related: [{ span: max.member.span, message: `${maxKey} is ${range.max}.` }],
        fixes:
          range.min > range.max
            ? [
                {
                  title: `Swap ${minKey} and ${maxKey}`,
                  edits: [
                    {
                      span: min.valueSpan,
                      newText: context.text.slice(max.valueSpan.start, max.valueSpan.end),
                    },
                    {
                      span: max.valueSpan,
                      newText: context.text.slice(min.valueSpan.start, min.valueSpan.end),
                    },
                  ],
                  preferred: true,
                },
              ]
            : undefined,
      },
    );
    return;
  }
  if (quantity === 'pT' && range.min < 0) {
    context.report(
      'range-out-of-bounds',
      min.valueSpan,
      `pTMin ${range.min} in "${blockKey}" is negative; pair pT is never below 0 GeV/c. Use 0.`,
      {
        fixes: [
          { title: 'Use 0', edits: [{ span: min.valueSpan, newText: '0' }], preferred: true },
        ],
      },
    );
  }
  if (quantity === 'centrality') {
    if (range.min < -1) {
      context.report(
        'range-out-of-bounds',
        min.valueSpan,
        `centMin ${range.min} in "${blockKey}" is below -1, the centrality of events without a centrality estimate (pp). Use -1 or 0.`,
      );
    }
    if (range.min >= 100) {
      context.report(
        'range-out-of-bounds',
        min.valueSpan,
        `Centrality range ${show(range)} of "${blockKey}" lies above 100%, where no event is. Use percentiles between 0 and 100.`,
      );
    }
  }
}

/** Checks overlaps and gaps between centrality blocks, and between pT blocks of one. */
export const checkOverlapsAndGaps: Rule = (context) => {
  const selection = context.model.active;
  if (!selection?.isObject) return;
  const centralityBlocks = selection.centralityBlocks.filter((block) =>
    isUsable(rangeOf(block.min, block.max)),
  );
  checkCentralityOverlaps(context, centralityBlocks, selection.bins);
  reportGaps(
    context,
    centralityBlocks.map((block) => ({ range: rangeOf(block.min, block.max)!, block })),
    'centrality',
  );
  const binOfPt = new Map(selection.bins.map((bin) => [bin.pt, bin]));
  for (const block of selection.centralityBlocks) {
    const ptBlocks = block.ptBlocks.filter((pt) => isUsable(rangeOf(pt.min, pt.max)));
    checkPtOverlaps(context, block, ptBlocks, binOfPt);
    reportGaps(
      context,
      ptBlocks.map((pt) => ({ range: rangeOf(pt.min, pt.max)!, block: pt })),
      'pT',
      block.member.key,
    );
  }
  checkPpCoverage(context, centralityBlocks);
};

function isUsable(range: Range | undefined): boolean {
  return range !== undefined && range.min < range.max;
}

function intersection(a: Range, b: Range): Range | undefined {
  const min = Math.max(a.min, b.min);
  const max = Math.min(a.max, b.max);
  return min < max ? { min, max } : undefined;
}

/** Lists the bins that match, the first six by name, so a message stays readable. */
function binsOf(bins: readonly Bin[], predicate: (bin: Bin) => boolean): string {
  const matching = bins.filter(predicate);
  if (matching.length === 0) return 'no bin';
  const shown = matching
    .slice(0, 6)
    .map((bin) => `bin ${bin.index}${bin.modelFile?.value ? ` (${bin.modelFile.value})` : ''}`)
    .join(', ');
  return matching.length > 6 ? `${shown} and ${matching.length - 6} more` : shown;
}

/**
 * Finds, for every range that overlaps an earlier one (in document order), the first such
 * earlier range. A sweep over the ranges sorted by their start visits only pairs that
 * overlap, so disjoint bins cost O(n log n) instead of comparing every pair.
 */
export function firstEarlierOverlaps(ranges: readonly Range[]): Map<number, number> {
  const order = ranges
    .map((_, index) => index)
    .sort((a, b) => ranges[a].min - ranges[b].min || a - b);
  const earliest = new Map<number, number>();
  let active: number[] = [];
  for (const index of order) {
    const start = ranges[index].min;
    active = active.filter((other) => ranges[other].max > start);
    for (const other of active) {
      const [earlier, later] = other < index ? [other, index] : [index, other];
      const known = earliest.get(later);
      if (known === undefined || earlier < known) earliest.set(later, earlier);
    }
    active.push(index);
  }
  return earliest;
}

function checkCentralityOverlaps(
  context: RuleContext,
  blocks: CentralityBlock[],
  bins: readonly Bin[],
): void {
  const ranges = blocks.map((block) => rangeOf(block.min, block.max)!);
  const overlaps = [...firstEarlierOverlaps(ranges)].sort(([a], [b]) => a - b);
  for (const [later, earlier] of overlaps) {
    const overlap = intersection(ranges[earlier], ranges[later])!;
    const winner = blocks[earlier];
    const loser = blocks[later];
    context.report(
      'overlapping-centrality',
      loser.member.keySpan,
      `Centrality ${show(overlap)} is in "${winner.member.key}" and in "${loser.member.key}". Pairs there go to the earlier block's bins (${binsOf(bins, (bin) => bin.centrality === winner)}); the bins of "${loser.member.key}" (${binsOf(bins, (bin) => bin.centrality === loser)}) never see them. Make the ranges disjoint.`,
      {
        related: [
          {
            span: winner.member.keySpan,
            message: `"${winner.member.key}" wins centrality ${show(overlap)}.`,
          },
        ],
      },
    );
  }
}

function checkPtOverlaps(
  context: RuleContext,
  block: CentralityBlock,
  ptBlocks: PtBlock[],
  binOfPt: ReadonlyMap<PtBlock, Bin>,
): void {
  const ranges = ptBlocks.map((pt) => rangeOf(pt.min, pt.max)!);
  const overlaps = [...firstEarlierOverlaps(ranges)].sort(([a], [b]) => a - b);
  const describe = (bin: Bin | undefined) =>
    bin ? `bin ${bin.index}${bin.modelFile?.value ? ` (${bin.modelFile.value})` : ''}` : 'its bin';
  for (const [later, earlier] of overlaps) {
    const overlap = intersection(ranges[earlier], ranges[later])!;
    const winnerBin = binOfPt.get(ptBlocks[earlier]);
    const loserBin = binOfPt.get(ptBlocks[later]);
    context.report(
      'overlapping-pt',
      ptBlocks[later].member.keySpan,
      `pT ${show(overlap)} GeV/c is in "${ptBlocks[earlier].member.key}" and in "${ptBlocks[later].member.key}" of "${block.member.key}". ${capitalize(describe(winnerBin))} wins these pairs; the model of ${describe(loserBin)} never sees them. Make the ranges disjoint.`,
      {
        related: [
          {
            span: ptBlocks[earlier].member.keySpan,
            message: `${capitalize(describe(winnerBin))} wins pT ${show(overlap)}.`,
          },
        ],
      },
    );
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function reportGaps(
  context: RuleContext,
  entries: Array<{
    range: Range;
    block: { member: { key: string; keySpan: { start: number; end: number } } };
  }>,
  quantity: 'centrality' | 'pT',
  parentKey?: string,
): void {
  const sorted = [...entries].sort((a, b) => a.range.min - b.range.min);
  let coveredUpTo: number | undefined;
  let previousKey: string | undefined;
  for (const entry of sorted) {
    if (coveredUpTo !== undefined && entry.range.min > coveredUpTo) {
      const unit = quantity === 'pT' ? ' GeV/c' : '';
      const place = parentKey ? ` in "${parentKey}"` : '';
      context.report(
        'range-gap',
        entry.block.member.keySpan,
        `No bin covers ${quantity} ${show({ min: coveredUpTo, max: entry.range.min })}${unit}${place}, between "${previousKey}" and "${entry.block.member.key}": pairs there are dropped. Extend a neighbouring range if they should be kept.`,
      );
    }
    if (coveredUpTo === undefined || entry.range.max > coveredUpTo) {
      coveredUpTo = entry.range.max;
      previousKey = entry.block.member.key;
    }
  }
}

function checkPpCoverage(context: RuleContext, blocks: CentralityBlock[]): void {
  const ranges = blocks.map((block) => rangeOf(block.min, block.max)!);
  if (ranges.length === 0 || ranges.some((range) => range.min <= -1 && range.max > -1)) return;
  const lowest = Math.min(...ranges.map((range) => range.min));
  const highest = Math.max(...ranges.map((range) => range.max));
  if (lowest !== 0 || highest < 100) return;
  const first = blocks.find((block) => block.min?.value === 0)!;
  context.report(
    'centrality-excludes-pp',
    first.min!.valueSpan,
    `The centrality blocks start at 0, so pp events, whose centrality is -1, fall in no bin and are dropped. For pp data use centMin -1, as the DQ training example does; for Pb–Pb this is fine.`,
    {
      fixes: [{ title: 'Use centMin -1', edits: [{ span: first.min!.valueSpan, newText: '-1' }] }],
    },
  );
}
