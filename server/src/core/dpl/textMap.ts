import type { Finding, Fix, RelatedLocation } from '../findings';
import type { Span, TextEdit } from '../text';
import { decodeStringLiteral, escapeStringContent } from './stringLiteral';

/**
 * Maps offsets in the text of a config embedded in a DPL file to offsets in that file,
 * and back. All offsets count UTF-16 units.
 */
export interface EmbeddedTextMap {
  /** The part of the DPL file the config text comes from: inside the quotes, or the object. */
  readonly contentSpan: Span;
  /** Levels of string encoding between the file and the config text: 0 for an object. */
  readonly depth: number;
  toSourceOffset(configOffset: number): number;
  /** Returns undefined for an offset outside `contentSpan`. */
  toConfigOffset(sourceOffset: number): number | undefined;
  toSourceSpan(span: Span): Span;
  /** Tells whether a span of the config text lies inside the mapped content. */
  covers(span: Span): boolean;
  /** Escapes config text once per level of string encoding, for writing it into the file. */
  encode(configText: string): string;
}

/**
 * Maps a config decoded from string literals. `sourceOffsets[i]` is the file offset where
 * the escape sequence or character that produced config character `i` starts. The last
 * entry is the offset of the closing quote, so a span's end maps to the end of the last
 * escape sequence the span covers.
 */
class LiteralTextMap implements EmbeddedTextMap {
  readonly contentSpan: Span;

  constructor(
    private readonly sourceOffsets: readonly number[],
    readonly depth: number,
  ) {
    this.contentSpan = { start: sourceOffsets[0], end: sourceOffsets[sourceOffsets.length - 1] };
  }

  toSourceOffset(configOffset: number): number {
    const index = Math.max(0, Math.min(configOffset, this.sourceOffsets.length - 1));
    return this.sourceOffsets[index];
  }

  toConfigOffset(sourceOffset: number): number | undefined {
    if (sourceOffset < this.contentSpan.start || sourceOffset > this.contentSpan.end) {
      return undefined;
    }
    // The last config offset whose escape sequence starts at or before the source offset.
    let low = 0;
    let high = this.sourceOffsets.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.sourceOffsets[middle] <= sourceOffset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  toSourceSpan(span: Span): Span {
    return { start: this.toSourceOffset(span.start), end: this.toSourceOffset(span.end) };
  }

  covers(span: Span): boolean {
    return span.start >= 0 && span.end <= this.sourceOffsets.length - 1 && span.start <= span.end;
  }

  encode(configText: string): string {
    let text = configText;
    for (let level = 0; level < this.depth; level++) text = escapeStringContent(text);
    return text;
  }
}

/**
 * Maps a config written as a JSON object inside the DPL file. The config is analysed in a
 * copy of the file where everything outside the object is blanked, so offsets are equal.
 */
class ObjectTextMap implements EmbeddedTextMap {
  readonly depth = 0;

  constructor(readonly contentSpan: Span) {}

  toSourceOffset(configOffset: number): number {
    return Math.max(this.contentSpan.start, Math.min(configOffset, this.contentSpan.end));
  }

  toConfigOffset(sourceOffset: number): number | undefined {
    const inside = sourceOffset >= this.contentSpan.start && sourceOffset <= this.contentSpan.end;
    return inside ? sourceOffset : undefined;
  }

  toSourceSpan(span: Span): Span {
    return { start: this.toSourceOffset(span.start), end: this.toSourceOffset(span.end) };
  }

  covers(span: Span): boolean {
    return (
      span.start >= this.contentSpan.start &&
      span.end <= this.contentSpan.end &&
      span.start <= span.end
    );
  }

  encode(configText: string): string {
    return configText;
  }
}

/** A config decoded from a string literal of a DPL file, one or more levels deep. */
export interface DecodedEmbeddedText {
  text: string;
  map: EmbeddedTextMap;
}

/**
 * Decodes the string literal at `literalStart` in `source` and builds its text map.
 * Returns undefined when the literal has an escape sequence JSON does not define.
 */
export function decodeLiteralAt(
  source: string,
  literalStart: number,
  literalLength: number,
): DecodedEmbeddedText | undefined {
  const decoded = decodeStringLiteral(source.slice(literalStart, literalStart + literalLength));
  if (!decoded) return undefined;
  const offsets = decoded.offsets.map((offset) => literalStart + offset);
  return { text: decoded.value, map: new LiteralTextMap(offsets, 1) };
}

/**
 * Decodes once more a config text that is itself one JSON string literal, possibly with
 * whitespace around it, and composes the text maps so offsets still reach the DPL file.
 */
export function decodeNestedLiteral(outer: DecodedEmbeddedText): DecodedEmbeddedText | undefined {
  const start = outer.text.search(/\S/);
  const end = outer.text.trimEnd().length;
  if (start < 0) return undefined;
  const inner = decodeStringLiteral(outer.text.slice(start, end));
  if (!inner) return undefined;
  const offsets = inner.offsets.map((offset) => outer.map.toSourceOffset(start + offset));
  return { text: inner.value, map: new LiteralTextMap(offsets, outer.map.depth + 1) };
}

/** Builds the text map of a config written as a JSON object at `span` of the DPL file. */
export function objectTextMap(span: Span): EmbeddedTextMap {
  return new ObjectTextMap(span);
}

/**
 * Blanks everything outside `span` with spaces, keeping line breaks, so a parser reads only
 * the object while offsets, lines and columns stay those of the file.
 */
export function blankOutside(text: string, span: Span): string {
  const blank = (part: string) => part.replace(/[^\r\n]/g, ' ');
  return (
    blank(text.slice(0, span.start)) +
    text.slice(span.start, span.end) +
    blank(text.slice(span.end))
  );
}

/**
 * Moves a finding of an embedded config into the DPL file: its span, its related places
 * and its fixes, whose replacement text is escaped once per level of string encoding.
 * A fix that would edit text outside the embedded config is dropped.
 */
export function mapFindingToSource(finding: Finding, map: EmbeddedTextMap): Finding {
  const related = finding.related?.map((location): RelatedLocation =>
    location.file === undefined ? { ...location, span: map.toSourceSpan(location.span) } : location,
  );
  const fixes = finding.fixes
    ?.filter((fix) => fix.edits.every((edit) => map.covers(edit.span)))
    .map((fix): Fix => ({
      ...fix,
      edits: fix.edits.map((edit): TextEdit => ({
        span: map.toSourceSpan(edit.span),
        newText: map.encode(edit.newText),
      })),
    }));
  return {
    ...finding,
    span: map.toSourceSpan(finding.span),
    related,
    fixes: fixes && fixes.length > 0 ? fixes : undefined,
  };
}
