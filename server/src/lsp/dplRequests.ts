import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import { hyperloopString, localString, updateDplConfiguration } from '../core/dpl';
import type { AnalysisOptions } from '../core/options';
import { readTextFile } from '../core/textFiles';
import type {
  HyperloopStringParams,
  HyperloopStringResult,
  UpdateDplParams,
  UpdateDplResult,
} from '../protocol';
import { spanToRange } from './convert';
import type { DocumentAnalysis } from './documentState';
import { filePathOf } from './documentState';

/** Builds the Hyperloop (compact) or local (escaped) string of an open config. */
export function hyperloopStringOf(
  document: TextDocument,
  entry: DocumentAnalysis,
  params: HyperloopStringParams,
): HyperloopStringResult {
  const errors = (entry.analysis?.findings ?? []).filter(
    (finding) => finding.severity === 'error',
  ).length;
  const result = hyperloopString(document.getText());
  if (!result.ok) {
    return {
      errors,
      message: `The config has JSON syntax errors (${result.errors.length}), so it has no one-line form. Fix them first.`,
    };
  }
  return { errors, text: params.form === 'local' ? localString(result.compact) : result.compact };
}

/** Reads a document from the editor when it is open, else from disk. */
function readDocument(documents: TextDocuments<TextDocument>, uri: string): TextDocument {
  const open = documents.get(uri);
  if (open) return open;
  const path = filePathOf(uri);
  if (!path) throw new Error(`Cannot read ${uri}: only file: URIs can be read from disk.`);
  return TextDocument.create(uri, 'json', 0, readTextFile(path).text);
}

/** Computes the edits that put a config into a DPL file, keeping every other byte. */
export function updateDpl(
  documents: TextDocuments<TextDocument>,
  params: UpdateDplParams,
  options: AnalysisOptions,
): UpdateDplResult {
  const config = readDocument(documents, params.configUri);
  const dpl = readDocument(documents, params.dplUri);
  const result = updateDplConfiguration(dpl.getText(), config.getText(), {
    modelPathsCCDB: params.modelPathsCCDB,
    analysis: options,
  });
  if (!result.ok) return { message: result.error.message };
  const { update } = result;
  return {
    edits: update.edits.map((edit) => ({
      range: spanToRange(dpl, edit.span),
      newText: edit.newText,
    })),
    message: update.changes.join(' '),
    modelPathsStatus: update.modelPaths.status,
    suggestedModelPaths: update.modelPaths.suggestion,
  };
}
