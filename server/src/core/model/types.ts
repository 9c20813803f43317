import type { Node as JsonNode } from 'jsonc-parser';
import type { Span } from '../text';
import type { ModelType } from '../framework/selection';

export type { JsonNode };

/** A member of a JSON object: its key and its value, with the ranges of both. */
export interface Member {
  key: string;
  keySpan: Span;
  /** The whole `"key": value` text. */
  span: Span;
  value: JsonNode | undefined;
  node: JsonNode;
}

/**
 * A value the framework reads with a typed getter. `value` is set only when the JSON has
 * the expected type; otherwise the member exists but would crash or give garbage.
 */
export interface Field<T> {
  member: Member;
  value: T | undefined;
  valueSpan: Span;
}

/** One entry of `inputFeatures` or `modelFiles`. */
export interface StringItem {
  index: number;
  /** Undefined when the entry is not a string. */
  value: string | undefined;
  span: Span;
  node: JsonNode;
}

export interface StringList {
  member: Member;
  /** Undefined when the value is not an array. */
  items: StringItem[] | undefined;
  valueSpan: Span;
}

/** An `AddMLCut` member of a pT block: one score cut. */
export interface ScoreCut {
  member: Member;
  /** Position among the cuts of its pT block, which is what the framework matches on. */
  position: number;
  var?: Field<string>;
  cut?: Field<number>;
  exclude?: Field<boolean>;
  /** Other members, which the framework ignores. */
  otherMembers: Member[];
  isObject: boolean;
}

export interface PtBlock {
  member: Member;
  min?: Field<number>;
  max?: Field<number>;
  cuts: ScoreCut[];
  otherMembers: Member[];
  isObject: boolean;
}

export interface CentralityBlock {
  member: Member;
  min?: Field<number>;
  max?: Field<number>;
  ptBlocks: PtBlock[];
  otherMembers: Member[];
  isObject: boolean;
}

/** A score cut as the framework applies it in one bin. */
export interface AppliedCut {
  /** The score position: 0 is kBdtBackground, 1 kBdtPrompt, 2 kBdtNonprompt. */
  position: number;
  cut: number | undefined;
  /** The direction the framework uses, which is always the first pT block's. */
  exclude: boolean;
  source: ScoreCut;
}

/** One flat bin: a pT block inside a centrality block, in document order. */
export interface Bin {
  index: number;
  /** The label the framework prints, e.g. `kCentFT0C_cent10_30_pt0.0_2.0`. */
  label: string;
  centrality: CentralityBlock;
  pt: PtBlock;
  modelFile?: StringItem;
  cuts: AppliedCut[];
}

/** A named member of the top-level object: the active one is the first. */
export interface Selection {
  member: Member;
  isObject: boolean;
  type?: Field<string>;
  modelType?: ModelType;
  inputFeatures?: StringList;
  modelFiles?: StringList;
  cent?: Field<string>;
  title?: Field<string>;
  centralityBlocks: CentralityBlock[];
  /** Members that are neither known keys nor centrality blocks. */
  otherMembers: Member[];
  /**
   * Members of the selection shaped like pT blocks (an object with pTMin or pTMax), as
   * older layouts wrote them. The framework ignores them; they are kept to explain why.
   */
  misplacedPtBlocks: PtBlock[];
  bins: Bin[];
}

/** The config as the framework reads it. */
export interface ConfigModel {
  root: JsonNode | undefined;
  /** Every member of the top-level object, in document order. */
  selections: Selection[];
  /** The first selection: the only one the framework reads. */
  active: Selection | undefined;
}
