import type { Span, TextEdit } from './text';

/** The severity levels of a finding, from most to least severe. */
export type Severity = 'error' | 'warning' | 'info';

/** A user's choice for one rule: a severity, or `off` to drop its findings. */
export type RuleSetting = Severity | 'off';

/** Another place that explains a finding, such as the block that wins an overlap. */
export interface RelatedLocation {
  span: Span;
  message: string;
  /** Path of another file; absent when the location is in the analysed document. */
  file?: string;
}

/** A quick fix: one or more edits of the analysed document, applied together. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** True for the fix an editor applies by default and `--fix` applies. */
  preferred?: boolean;
}

/** One problem found in a document. */
export interface Finding {
  /** Stable kebab-case code, a key of the rule registry. */
  code: string;
  severity: Severity;
  span: Span;
  message: string;
  /** The framework behaviour that makes this a problem, in one sentence. */
  rationale?: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Marks text the framework ignores, which editors may fade. */
  unnecessary?: boolean;
}
