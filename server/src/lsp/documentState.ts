import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeConfig, type Analysis } from '../core/analyze';
import type { AnalysisOptions } from '../core/options';
import { isConfigDocument } from './claims';
import type { ServerSettings } from './settings';

/** The analysis of one version of one open document. */
export interface DocumentAnalysis {
  uri: string;
  version: number;
  isConfig: boolean;
  analysis?: Analysis;
}

/** Caches one analysis per open document and version, shared by every handler. */
export class AnalysisStore {
  private readonly entries = new Map<string, DocumentAnalysis>();

  constructor(private readonly optionsFor: (document: TextDocument) => AnalysisOptions) {}

  get(document: TextDocument, settings: ServerSettings): DocumentAnalysis {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const text = document.getText();
    const isConfig = isConfigDocument(document.uri, text, settings);
    const entry: DocumentAnalysis = {
      uri: document.uri,
      version: document.version,
      isConfig,
      analysis: isConfig ? analyzeConfig(text, this.optionsFor(document)) : undefined,
    };
    this.entries.set(document.uri, entry);
    return entry;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Returns the file path of a `file:` URI, or undefined for other schemes. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
