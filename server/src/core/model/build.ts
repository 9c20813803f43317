import type { Node as JsonNode } from 'jsonc-parser';
import {
  CENT_BLOCK_MARK,
  CUT_BLOCK_MARK,
  MODEL_TYPES,
  PT_BLOCK_MARK,
  type ModelType,
} from '../framework/selection';
import { formatFixed } from '../framework/printf';
import {
  booleanField,
  findMember,
  membersOf,
  numberField,
  stringField,
  stringList,
} from './members';
import type {
  AppliedCut,
  Bin,
  CentralityBlock,
  ConfigModel,
  Member,
  PtBlock,
  ScoreCut,
  Selection,
} from './types';

const CENT_BLOCK_FIELDS = new Set(['centMin', 'centMax']);
const PT_BLOCK_FIELDS = new Set(['pTMin', 'pTMax']);
const CUT_FIELDS = new Set(['var', 'cut', 'exclude']);
const SELECTION_FIELDS = new Set(['type', 'inputFeatures', 'modelFiles', 'cent', 'title']);

/** Builds the framework's view of a parsed document: selections, blocks and flat bins. */
export function buildModel(root: JsonNode | undefined): ConfigModel {
  const selections = root?.type === 'object' ? membersOf(root).map(buildSelection) : [];
  return { root, selections, active: selections[0] };
}

function buildSelection(member: Member): Selection {
  const members = membersOf(member.value);
  const type = stringField(findMember(members, 'type'));
  const modelType = MODEL_TYPES.find((name) => name === type?.value) as ModelType | undefined;
  const selection: Selection = {
    member,
    isObject: member.value?.type === 'object',
    type,
    modelType,
    inputFeatures: stringList(findMember(members, 'inputFeatures')),
    modelFiles: stringList(findMember(members, 'modelFiles')),
    cent: stringField(findMember(members, 'cent')),
    title: stringField(findMember(members, 'title')),
    centralityBlocks: [],
    otherMembers: [],
    misplacedPtBlocks: [],
    bins: [],
  };
  for (const child of members) {
    if (child.key.includes(CENT_BLOCK_MARK)) {
      selection.centralityBlocks.push(buildCentralityBlock(child));
    } else if (!SELECTION_FIELDS.has(child.key)) {
      selection.otherMembers.push(child);
      const looksLikePtBlock = membersOf(child.value).some((grandchild) =>
        PT_BLOCK_FIELDS.has(grandchild.key),
      );
      if (looksLikePtBlock) selection.misplacedPtBlocks.push(buildPtBlock(child));
    }
  }
  selection.bins = flattenBins(selection);
  return selection;
}

function buildCentralityBlock(member: Member): CentralityBlock {
  const members = membersOf(member.value);
  const block: CentralityBlock = {
    member,
    isObject: member.value?.type === 'object',
    min: numberField(findMember(members, 'centMin')),
    max: numberField(findMember(members, 'centMax')),
    ptBlocks: [],
    otherMembers: [],
  };
  for (const child of members) {
    if (child.key.includes(PT_BLOCK_MARK)) block.ptBlocks.push(buildPtBlock(child));
    else if (!CENT_BLOCK_FIELDS.has(child.key)) block.otherMembers.push(child);
  }
  return block;
}

function buildPtBlock(member: Member): PtBlock {
  const members = membersOf(member.value);
  const block: PtBlock = {
    member,
    isObject: member.value?.type === 'object',
    min: numberField(findMember(members, 'pTMin')),
    max: numberField(findMember(members, 'pTMax')),
    cuts: [],
    otherMembers: [],
  };
  for (const child of members) {
    if (child.key.includes(CUT_BLOCK_MARK))
      block.cuts.push(buildScoreCut(child, block.cuts.length));
    else if (!PT_BLOCK_FIELDS.has(child.key)) block.otherMembers.push(child);
  }
  return block;
}

function buildScoreCut(member: Member, position: number): ScoreCut {
  const members = membersOf(member.value);
  return {
    member,
    position,
    isObject: member.value?.type === 'object',
    var: stringField(findMember(members, 'var')),
    cut: numberField(findMember(members, 'cut')),
    exclude: booleanField(findMember(members, 'exclude')),
    otherMembers: members.filter((child) => !CUT_FIELDS.has(child.key)),
  };
}

/**
 * Numbers the bins the way the framework does: every centrality block in document order,
 * and inside it every pT block in order. Cut directions come from the first pT block only.
 */
function flattenBins(selection: Selection): Bin[] {
  const firstPtBlock = selection.centralityBlocks.find((block) => block.ptBlocks.length > 0)
    ?.ptBlocks[0];
  const directions = (firstPtBlock?.cuts ?? []).map((cut) => cut.exclude?.value ?? false);
  const estimator = selection.cent?.value ?? 'cent';
  const bins: Bin[] = [];
  for (const centrality of selection.centralityBlocks) {
    for (const pt of centrality.ptBlocks) {
      const index = bins.length;
      const cuts: AppliedCut[] = pt.cuts.map((cut) => ({
        position: cut.position,
        cut: cut.cut?.value,
        exclude: directions[cut.position] ?? false,
        source: cut,
      }));
      bins.push({
        index,
        label: binLabel(estimator, centrality, pt),
        centrality,
        pt,
        modelFile: selection.modelFiles?.items?.[index],
        cuts,
      });
    }
  }
  return bins;
}

/** Formats a bin label as `<cent>_cent%.0f_%.0f_pt%.1f_%.1f`, the framework's own print. */
export function binLabel(estimator: string, centrality: CentralityBlock, pt: PtBlock): string {
  const show = (value: number | undefined, digits: number) =>
    value === undefined ? '?' : formatFixed(value, digits);
  return (
    `${estimator}_cent${show(centrality.min?.value, 0)}_${show(centrality.max?.value, 0)}` +
    `_pt${show(pt.min?.value, 1)}_${show(pt.max?.value, 1)}`
  );
}
