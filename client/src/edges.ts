/**
 * Parsing of the bin edges typed into the "New BDT config…" prompts. Free of the VS Code
 * API, so unit tests can run it in Node.
 */

export interface EdgeLimits {
  /** Smallest allowed edge, included. */
  min: number;
  /** Largest allowed edge, included. */
  max: number;
  /** Name of the quantity and its unit, for messages, e.g. "centrality (%)". */
  label: string;
}

/** Centrality in percent; -1 is the value of events without an estimate (pp collisions). */
export const CENTRALITY_LIMITS: EdgeLimits = { min: -1, max: 100, label: 'centrality (%)' };
export const PT_LIMITS: EdgeLimits = { min: 0, max: Number.POSITIVE_INFINITY, label: 'pT (GeV/c)' };

export type EdgeParseResult = { edges: number[] } | { error: string };

/** Parses edges separated by commas or spaces, e.g. "0, 10, 30" or "0 2 20". */
export function parseEdges(text: string, limits: EdgeLimits): EdgeParseResult {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (parts.length < 2) {
    return { error: `Enter at least two ${limits.label} edges, e.g. "0, 10, 30".` };
  }
  const edges: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!Number.isFinite(value)) {
      return { error: `"${part}" is not a number.` };
    }
    if (value < limits.min || value > limits.max) {
      return {
        error: `${part} is outside the ${limits.label} range [${limits.min}, ${limits.max}].`,
      };
    }
    const previous = edges[edges.length - 1];
    if (previous !== undefined && value <= previous) {
      return { error: `Edges must increase: ${part} follows ${previous}.` };
    }
    edges.push(value);
  }
  return { edges };
}

/**
 * Returns the first file name of the series bdtCut.json, bdtCut-2.json, … that is not in
 * `existing`.
 */
export function freeConfigName(existing: ReadonlySet<string>): string {
  if (!existing.has('bdtCut.json')) return 'bdtCut.json';
  for (let index = 2; ; index++) {
    const name = `bdtCut-${index}.json`;
    if (!existing.has(name)) return name;
  }
}
