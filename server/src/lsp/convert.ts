import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsPath } from '../core/docs';
import type { Finding, Severity } from '../core/findings';
import type { Span, TextEdit } from '../core/text';

/** A quick fix carried in `Diagnostic.data`, already in LSP ranges. */
export interface FixData {
  title: string;
  edits: LspTextEdit[];
  preferred: boolean;
}

/** The typed `data` of every diagnostic this server publishes. */
export interface DiagnosticData {
  fixes: FixData[];
}

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
  }
}

export function spanToRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function toLspEdit(document: TextDocument, edit: TextEdit): LspTextEdit {
  return { range: spanToRange(document, edit.span), newText: edit.newText };
}

/** Returns the `file:` URL of a code's documentation page in the installed package. */
export function ruleDocsUrl(packageRoot: string, code: string): string {
  return pathToFileURL(resolve(packageRoot, ruleDocsPath(code))).href;
}

/** Converts a core finding into an LSP diagnostic, the one place where that happens. */
export function findingToDiagnostic(
  document: TextDocument,
  finding: Finding,
  packageRoot: string,
): Diagnostic {
  const data: DiagnosticData = {
    fixes: (finding.fixes ?? []).map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((edit) => toLspEdit(document, edit)),
      preferred: fix.preferred ?? false,
    })),
  };
  const message = finding.rationale ? `${finding.message}\n${finding.rationale}` : finding.message;
  return {
    range: spanToRange(document, finding.span),
    severity: toLspSeverity(finding.severity),
    code: finding.code,
    codeDescription: { href: ruleDocsUrl(packageRoot, finding.code) },
    source: 'dqml',
    message,
    tags: finding.unnecessary ? [DiagnosticTag.Unnecessary] : undefined,
    relatedInformation: finding.related?.map((related) => ({
      location: {
        uri: related.file ? pathToFileURL(related.file).href : document.uri,
        range: spanToRange(document, related.span),
      },
      message: related.message,
    })),
    data,
  };
}
