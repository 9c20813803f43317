/** A half-open range of UTF-16 offsets into a document: `start` included, `end` excluded. */
export interface Span {
  start: number;
  end: number;
}

/** A zero-based line and UTF-16 character position, as LSP and editors count them. */
export interface Position {
  line: number;
  character: number;
}

/** A replacement of the text in `span` by `newText`. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** Converts offsets to line and character positions for one fixed text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[Math.max(0, position.line)];
    return Math.min(lineStart + Math.max(0, position.character), this.text.length);
  }
}

/** Applies non-overlapping edits to a text; the edits may come in any order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  let result = text;
  let lastStart = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.span.end > lastStart) {
      throw new Error(
        `Overlapping edits at offsets ${edit.span.start}-${edit.span.end} and ${lastStart}.`,
      );
    }
    result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
    lastStart = edit.span.start;
  }
  return result;
}
