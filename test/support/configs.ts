import { strict as assert } from 'node:assert';
import { analyzeConfig, type Analysis } from '../../server/src/core/analyze';
import type { Finding, Fix } from '../../server/src/core/findings';
import type { AnalysisOptions } from '../../server/src/core/options';
import { applyEdits, LineIndex, type Span } from '../../server/src/core/text';

/** A JSON value as tests build it before writing it out with `toText`. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Builds a score cut member value, e.g. `{ var: 'kBdtBackground', cut: 0.5, exclude: true }`. */
export function scoreCut(variable: string, cut: Json, exclude: Json): JsonObject {
  return { var: variable, cut, exclude };
}

/**
 * Returns a valid Binary config without findings: one selection "BDTCut" with the
 * centrality block [10, 30) holding the pT blocks [0, 2) and [2, 20), so two bins, and a
 * model file named after each bin. Each call returns a new object that tests may change.
 */
export function binaryConfig(): JsonObject {
  return {
    BDTCut: {
      type: 'Binary',
      title: 'MyBDTModel',
      inputFeatures: ['kMass', 'kPt', 'kTPCNSigmaEl1'],
      modelFiles: ['cent_10_30_pt0_2_onnx.onnx', 'cent_10_30_pt2_20_onnx.onnx'],
      cent: 'kCentFT0C',
      'AddCentCut-Cent1030': {
        centMin: 10,
        centMax: 30,
        'AddPtCut-pTBin1': {
          pTMin: 0,
          pTMax: 2,
          'AddMLCut-background': scoreCut('kBdtBackground', 0.5, true),
        },
        'AddPtCut-pTBin2': {
          pTMin: 2,
          pTMax: 20,
          'AddMLCut-background': scoreCut('kBdtBackground', 0.4, true),
        },
      },
    },
  };
}

/** Returns a valid MultiClass config without findings, with the bins of `binaryConfig`. */
export function multiClassConfig(): JsonObject {
  const cuts = () => ({
    'AddMLCut-background': scoreCut('kBdtBackground', 0.1, true),
    'AddMLCut-prompt': scoreCut('kBdtPrompt', 0.6, false),
    'AddMLCut-nonprompt': scoreCut('kBdtNonprompt', 0.2, true),
  });
  const config = binaryConfig();
  const selection = config.BDTCut as JsonObject;
  selection.type = 'MultiClass';
  const centrality = selection['AddCentCut-Cent1030'] as JsonObject;
  centrality['AddPtCut-pTBin1'] = { pTMin: 0, pTMax: 2, ...cuts() };
  centrality['AddPtCut-pTBin2'] = { pTMin: 2, pTMax: 20, ...cuts() };
  return config;
}

/** Follows a path of member keys from a config object, e.g. `['BDTCut', 'cent']`. */
export function memberAt(config: JsonObject, ...path: string[]): JsonObject {
  let current: Json = config;
  for (const key of path) {
    assert.ok(isObject(current), `no object above "${key}"`);
    current = current[key];
  }
  assert.ok(isObject(current), `no object at ${path.join(' > ')}`);
  return current;
}

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the selection of a config built by `binaryConfig` or `multiClassConfig`. */
export function selectionOf(config: JsonObject): JsonObject {
  return memberAt(config, 'BDTCut');
}

/** Returns the first pT block of a config built by `binaryConfig` or `multiClassConfig`. */
export function firstPtBlock(config: JsonObject): JsonObject {
  return memberAt(config, 'BDTCut', 'AddCentCut-Cent1030', 'AddPtCut-pTBin1');
}

/** Returns the second pT block of a config built by `binaryConfig` or `multiClassConfig`. */
export function secondPtBlock(config: JsonObject): JsonObject {
  return memberAt(config, 'BDTCut', 'AddCentCut-Cent1030', 'AddPtCut-pTBin2');
}

/** Writes a config as JSON text indented by two spaces, as most editors format it. */
export function toText(config: Json): string {
  return JSON.stringify(config, null, 2);
}

/** Analyses a text without looking for model files unless the options ask for it. */
export function analyze(text: string, options: AnalysisOptions = {}): Analysis {
  return analyzeConfig(text, options);
}

export function findingsWith(text: string, code: string, options: AnalysisOptions = {}): Finding[] {
  return analyze(text, options).findings.filter((finding) => finding.code === code);
}

/** Returns the one finding with `code`, and fails when there are none or several. */
export function onlyFinding(text: string, code: string, options: AnalysisOptions = {}): Finding {
  const found = findingsWith(text, code, options);
  assert.equal(found.length, 1, `expected one ${code}, got ${found.length}`);
  return found[0];
}

/** Lists the codes found in a text, in position order. */
export function codesOf(text: string, options: AnalysisOptions = {}): string[] {
  return analyze(text, options).findings.map((finding) => finding.code);
}

/** Returns the source text under a span. */
export function sourceAt(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** Formats a span as one-based `line:column-line:column`, as editors show positions. */
export function rangeOf(text: string, span: Span): string {
  const index = new LineIndex(text);
  const start = index.positionAt(span.start);
  const end = index.positionAt(span.end);
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

/** Returns the span of the `occurrence`-th (from 0) appearance of `needle` in the text. */
export function spanOf(text: string, needle: string, occurrence = 0): Span {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    start = text.indexOf(needle, start + 1);
    assert.notEqual(start, -1, `"${needle}" occurs fewer than ${occurrence + 1} times`);
  }
  return { start, end: start + needle.length };
}

/** Returns the fix with the given title, failing when the finding has none such. */
export function fixTitled(finding: Finding, title: string): Fix {
  const fix = finding.fixes?.find((candidate) => candidate.title === title);
  assert.ok(
    fix,
    `no fix "${title}"; fixes: ${finding.fixes?.map((f) => f.title).join(', ') || 'none'}`,
  );
  return fix;
}

/** Applies the fix with the given title to the text the finding came from. */
export function applyFix(text: string, finding: Finding, title: string): string {
  return applyEdits(text, fixTitled(finding, title).edits);
}
