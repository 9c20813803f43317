import type {
  Bin,
  CentralityBlock,
  Member,
  PtBlock,
  ScoreCut,
  Selection,
  StringItem,
} from './model/types';
import type { ConfigModel } from './model/types';
import type { Span } from './text';

/** The place of an offset in a config, in the framework's terms. */
export interface ConfigLocation {
  /** `key` when the offset is on a member's key, `value` when on its value. */
  part: 'key' | 'value' | 'inside';
  /** The innermost member the offset is in, if any. */
  member?: Member;
  selection?: Selection;
  /** True when the selection is not the first one, so the framework ignores it. */
  ignoredSelection?: boolean;
  centrality?: CentralityBlock;
  pt?: PtBlock;
  cut?: ScoreCut;
  /** The bin of the pT block the offset is in. */
  bin?: Bin;
  /** The `inputFeatures` entry under the offset. */
  feature?: StringItem;
  /** The `modelFiles` entry under the offset. */
  modelFile?: StringItem;
  /** The level whose members surround the offset. */
  level: 'top' | 'selection' | 'centrality' | 'pt' | 'cut' | 'other';
}

const contains = (span: Span, offset: number) => offset >= span.start && offset <= span.end;
const containsStrictly = (span: Span, offset: number) => offset > span.start && offset < span.end;

/** Finds what the offset points at: a selection, block, cut, member, feature or model file. */
export function locate(model: ConfigModel, offset: number): ConfigLocation {
  const selection = model.selections.find((candidate) => contains(candidate.member.span, offset));
  if (!selection) return { part: 'inside', level: 'top' };
  const ignoredSelection = selection !== model.active;
  if (contains(selection.member.keySpan, offset)) {
    return { part: 'key', member: selection.member, selection, ignoredSelection, level: 'top' };
  }
  const location: ConfigLocation = {
    part: 'inside',
    selection,
    ignoredSelection,
    level: 'selection',
  };

  const listEntry = (list: Selection['inputFeatures']) =>
    list?.items?.find((item) => contains(item.span, offset));
  if (selection.inputFeatures && contains(selection.inputFeatures.member.span, offset)) {
    return withMember(location, selection.inputFeatures.member, offset, {
      feature: listEntry(selection.inputFeatures),
    });
  }
  if (selection.modelFiles && contains(selection.modelFiles.member.span, offset)) {
    const modelFile = listEntry(selection.modelFiles);
    const bin = modelFile ? selection.bins[modelFile.index] : undefined;
    return withMember(location, selection.modelFiles.member, offset, { modelFile, bin });
  }
  const centrality = selection.centralityBlocks.find((block) =>
    contains(block.member.span, offset),
  );
  if (!centrality) {
    const member = [selection.type, selection.cent, selection.title]
      .map((field) => field?.member)
      .concat(selection.otherMembers)
      .find((candidate) => candidate && contains(candidate.span, offset));
    return member ? withMember(location, member, offset, {}) : location;
  }
  Object.assign(location, { centrality, level: 'centrality' });
  if (!isInsideValue(centrality.member, offset)) {
    return withMember({ ...location, level: 'selection' }, centrality.member, offset, {});
  }
  const pt = centrality.ptBlocks.find((block) => contains(block.member.span, offset));
  if (!pt) {
    const member = [centrality.min, centrality.max]
      .map((field) => field?.member)
      .concat(centrality.otherMembers)
      .find((candidate) => candidate && contains(candidate.span, offset));
    return member ? withMember(location, member, offset, {}) : location;
  }
  const bin = selection.bins.find((candidate) => candidate.pt === pt);
  Object.assign(location, { pt, bin, level: 'pt' });
  if (!isInsideValue(pt.member, offset)) {
    return withMember({ ...location, level: 'centrality' }, pt.member, offset, {});
  }
  const cut = pt.cuts.find((candidate) => contains(candidate.member.span, offset));
  if (!cut) {
    const member = [pt.min, pt.max]
      .map((field) => field?.member)
      .concat(pt.otherMembers)
      .find((candidate) => candidate && contains(candidate.span, offset));
    return member ? withMember(location, member, offset, {}) : location;
  }
  Object.assign(location, { cut, level: 'cut' });
  if (!isInsideValue(cut.member, offset)) {
    return withMember({ ...location, level: 'pt' }, cut.member, offset, {});
  }
  const member = [cut.var, cut.cut, cut.exclude]
    .map((field) => field?.member)
    .concat(cut.otherMembers)
    .find((candidate) => candidate && contains(candidate.span, offset));
  return member ? withMember(location, member, offset, {}) : location;
}

/** Tells whether the offset is strictly inside the braces of a member's object value. */
function isInsideValue(member: Member, offset: number): boolean {
  const value = member.value;
  if (!value || contains(member.keySpan, offset)) return false;
  return containsStrictly({ start: value.offset, end: value.offset + value.length }, offset);
}

function withMember(
  location: ConfigLocation,
  member: Member,
  offset: number,
  extra: Partial<ConfigLocation>,
): ConfigLocation {
  const part = contains(member.keySpan, offset) ? 'key' : 'value';
  return { ...location, ...extra, member, part };
}
