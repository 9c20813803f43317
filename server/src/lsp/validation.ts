import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { STATUS_NOTIFICATION, type StatusParams } from '../protocol';
import { findingToDiagnostic } from './convert';
import type { AnalysisStore } from './documentState';
import type { Logger } from './logger';
import type { ServerSettings } from './settings';

const DEBOUNCE_MS = 200;

/**
 * Publishes diagnostics: at once when a document opens, and after a short pause while it is
 * typed, so the editor does not flicker. The previous diagnostics stay until the new set
 * is complete.
 */
export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly store: AnalysisStore,
    private readonly settings: () => ServerSettings,
    private readonly packageRoot: string,
    private readonly logger: Logger,
  ) {}

  validateNow(document: TextDocument): void {
    this.cancel(document.uri);
    try {
      this.publish(document);
    } catch (error) {
      this.logger.error(`Validation of ${document.uri} failed: ${describe(error)}`);
    }
  }

  schedule(document: TextDocument): void {
    this.cancel(document.uri);
    const timer = setTimeout(() => {
      this.timers.delete(document.uri);
      const current = this.documents.get(document.uri);
      if (current) this.validateNow(current);
    }, DEBOUNCE_MS);
    this.timers.set(document.uri, timer);
  }

  validateAll(): void {
    for (const document of this.documents.all()) this.validateNow(document);
  }

  /** Clears what was published for a document that closed. */
  clear(uri: string): void {
    this.cancel(uri);
    this.store.delete(uri);
    if (this.published.delete(uri)) {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.sendStatus({ uri, isConfig: false, bins: 0, errors: 0, warnings: 0 });
    }
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private publish(document: TextDocument): void {
    const entry = this.store.get(document, this.settings());
    const findings = entry.dpl?.findings ?? entry.analysis?.findings;
    if (entry.kind === 'none' || !findings) {
      // A document that stopped matching gets its old diagnostics removed.
      if (this.published.delete(document.uri)) {
        void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
        this.sendStatus({ uri: document.uri, isConfig: false, bins: 0, errors: 0, warnings: 0 });
      }
      return;
    }
    const diagnostics = findings.map((finding) =>
      findingToDiagnostic(document, finding, this.packageRoot),
    );
    this.published.add(document.uri);
    void this.connection.sendDiagnostics({
      uri: document.uri,
      version: document.version,
      diagnostics,
    });
    this.sendStatus({
      uri: document.uri,
      isConfig: true,
      bins: entry.analysis?.model.active?.bins.length ?? 0,
      errors: findings.filter((finding) => finding.severity === 'error').length,
      warnings: findings.filter((finding) => finding.severity === 'warning').length,
    });
  }

  private sendStatus(params: StatusParams): void {
    void this.connection.sendNotification(STATUS_NOTIFICATION, params);
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
