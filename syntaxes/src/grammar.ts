/**
 * Builds the TextMate injection grammar that highlights BDT config names inside JSON:
 * block keys (`AddCentCut…`, `AddPtCut…`, `AddMLCut…`), score names (`kBdt…`),
 * centrality estimators and input features. The names come from the domain lists of the
 * analysis core, so the grammar cannot drift from what the checks accept.
 * `npm run generate` writes it to syntaxes/dqml.injection.tmLanguage.json; do not edit
 * that file by hand.
 */
import { FRAMEWORK_FEATURES } from '../../server/src/core/framework/features';
import {
  CENT_BLOCK_MARK,
  CENTRALITY_ESTIMATORS,
  CUT_BLOCK_MARK,
  PT_BLOCK_MARK,
  SCORE_VARS,
} from '../../server/src/core/framework/selection';

export const INJECTION_SCOPE = 'dqml.json.injection';
export const GRAMMAR_FILE = 'syntaxes/dqml.injection.tmLanguage.json';

/** A pattern of the grammar, with the name of the scope it gives its whole match. */
export interface NamedPattern {
  key: string;
  scope: string;
  /** Oniguruma syntax, restricted to what JavaScript's RegExp reads the same way. */
  match: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A key of a JSON member: a whole string followed by a colon, containing `mark`. */
function blockKey(mark: string): string {
  return `(")([^"\\\\]*${escapeRegExp(mark)}[^"\\\\]*)(")(?=\\s*:)`;
}

/** A JSON string value that is exactly one of `names`, and not a member key. */
function stringValue(names: readonly string[]): string {
  return `(")(${names.map(escapeRegExp).join('|')})(")(?!\\s*:)`;
}

/** The patterns of the grammar, in the order they are tried. */
export function grammarPatterns(): NamedPattern[] {
  return [
    {
      key: 'centrality-block-key',
      scope: 'keyword.control.block.centrality.dqml',
      match: blockKey(CENT_BLOCK_MARK),
    },
    { key: 'pt-block-key', scope: 'keyword.control.block.pt.dqml', match: blockKey(PT_BLOCK_MARK) },
    {
      key: 'score-cut-key',
      scope: 'keyword.control.block.score-cut.dqml',
      match: blockKey(CUT_BLOCK_MARK),
    },
    {
      key: 'score-name',
      scope: 'support.constant.score.dqml',
      match: stringValue(SCORE_VARS),
    },
    {
      key: 'centrality-estimator',
      scope: 'support.constant.estimator.dqml',
      match: stringValue(CENTRALITY_ESTIMATORS),
    },
    {
      key: 'input-feature',
      scope: 'support.variable.feature.dqml',
      match: stringValue(FRAMEWORK_FEATURES.map((feature) => feature.name)),
    },
  ];
}

function isKeyPattern(pattern: NamedPattern): boolean {
  return pattern.key.endsWith('-key');
}

/** Returns the grammar as the object VS Code reads from the JSON file. */
export function buildInjectionGrammar(): Record<string, unknown> {
  const patterns = grammarPatterns();
  const repository: Record<string, unknown> = {};
  for (const pattern of patterns) {
    // Keep the JSON grammar's own string scopes around the token, so themes that color
    // keys and strings still do, and add the dqml scope to the text between the quotes.
    const outer = isKeyPattern(pattern)
      ? 'string.json support.type.property-name.json'
      : 'string.quoted.double.json';
    const quote = isKeyPattern(pattern)
      ? 'punctuation.support.type.property-name'
      : 'punctuation.definition.string';
    repository[pattern.key] = {
      match: pattern.match,
      name: outer,
      captures: {
        '1': { name: `${quote}.begin.json` },
        '2': { name: pattern.scope },
        '3': { name: `${quote}.end.json` },
      },
    };
  }
  return {
    name: 'DQ ML names in JSON',
    scopeName: INJECTION_SCOPE,
    comment: 'Generated from syntaxes/src/grammar.ts by `npm run generate`. Do not edit.',
    // L: puts these patterns before the JSON grammar's own, so a block key is matched
    // here before the JSON grammar starts an ordinary key string.
    injectionSelector: 'L:source.json -comment -string',
    patterns: patterns.map((pattern) => ({ include: `#${pattern.key}` })),
    repository,
  };
}
