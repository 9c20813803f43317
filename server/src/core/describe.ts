import { SCORE_VARS } from './framework/selection';
import type { AppliedCut, Bin } from './model/types';

const SCORE_WORDS = ['background', 'prompt', 'non-prompt'];

/** Names the score a cut position applies to, e.g. "background score". */
export function scoreName(position: number): string {
  const name = SCORE_VARS[position];
  return name ? `${SCORE_WORDS[position]} score` : `score ${position}`;
}

/**
 * Describes a cut in words. A score equal to the cut passes either way, so exclude true
 * keeps score ≤ cut and exclude false keeps score ≥ cut.
 */
export function describeCut(cut: AppliedCut): string {
  if (cut.cut === undefined)
    return `cuts on the ${scoreName(cut.position)}, but "cut" is not a number`;
  return `keeps ${scoreName(cut.position)} ${cut.exclude ? '≤' : '≥'} ${cut.cut}`;
}

function formatRange(min: number | undefined, max: number | undefined): string {
  return `${min ?? '?'}–${max ?? '?'}`;
}

export function centralityRange(bin: Bin): string {
  return formatRange(bin.centrality.min?.value, bin.centrality.max?.value);
}

export function ptRange(bin: Bin): string {
  return formatRange(bin.pt.min?.value, bin.pt.max?.value);
}

/** Describes the whole selection of one bin in a sentence. */
export function describeBinSelection(bin: Bin, estimator: string): string {
  const centrality = `${bin.centrality.min?.value ?? '?'} ≤ ${estimator.replace(/^kCent/, '')} centrality < ${bin.centrality.max?.value ?? '?'}`;
  const pt = `${bin.pt.min?.value ?? '?'} ≤ pT < ${bin.pt.max?.value ?? '?'} GeV/c`;
  const cuts = bin.cuts.map((cut) => describeCut(cut).replace(/^keeps /, ''));
  const scorePart = cuts.length > 0 ? ` and ${cuts.join(' and ')}` : '';
  return `keeps pairs with ${centrality}, ${pt}${scorePart}`;
}
