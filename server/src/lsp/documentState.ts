import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeConfig, type Analysis } from '../core/analyze';
import { analyzeDplDocument, type DplAnalysis } from '../core/dpl';
import type { ModelCheckReport } from '../core/onnx';
import type { AnalysisOptions } from '../core/options';
import { isConfigDocument } from './claims';
import type { ServerSettings } from './settings';

/**
 * The analysis of one version of one open document: a BDT config, a DPL configuration
 * file that embeds configs, or neither (then the server leaves the document alone).
 */
export interface DocumentAnalysis {
  uri: string;
  version: number;
  kind: 'config' | 'dpl' | 'none';
  /** The config's analysis; for a DPL file, the analysis of its first embedded config. */
  analysis?: Analysis;
  dpl?: DplAnalysis;
  /** The ONNX checks of a config's models, once they are done. */
  modelReport?: ModelCheckReport;
}

/** Caches one analysis per open document and version, shared by every handler. */
export class AnalysisStore {
  private readonly entries = new Map<string, DocumentAnalysis>();

  constructor(private readonly optionsFor: (document: TextDocument) => AnalysisOptions) {}

  get(document: TextDocument, settings: ServerSettings): DocumentAnalysis {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const entry = this.analyze(document, settings);
    this.entries.set(document.uri, entry);
    return entry;
  }

  private analyze(document: TextDocument, settings: ServerSettings): DocumentAnalysis {
    const text = document.getText();
    const base = { uri: document.uri, version: document.version };
    // A DPL file may match the config globs by name, so its content decides first.
    if (mentionsBdtOptions(text)) {
      const dpl = analyzeDplDocument(text, this.optionsFor(document));
      if (dpl.isDpl) return { ...base, kind: 'dpl', dpl, analysis: dpl.configs[0]?.analysis };
    }
    if (isConfigDocument(document.uri, text, settings)) {
      return { ...base, kind: 'config', analysis: analyzeConfig(text, this.optionsFor(document)) };
    }
    return { ...base, kind: 'none' };
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Tells cheaply whether a JSON text may be a DPL file with BDT options worth analysing. */
function mentionsBdtOptions(text: string): boolean {
  return text.includes('"fConfigBdtCutsJSON"') || text.includes('"analysis-same-event-pairing"');
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
