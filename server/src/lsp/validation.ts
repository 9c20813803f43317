import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/findings';
import type { AnalysisOptions } from '../core/options';
import { STATUS_NOTIFICATION, type StatusParams } from '../protocol';
import { findingToDiagnostic } from './convert';
import type { AnalysisStore, DocumentAnalysis } from './documentState';
import type { Logger } from './logger';
import { checkModels, mergeFindings, type TrustState } from './modelChecks';
import type { ServerSettings } from './settings';

const DEBOUNCE_MS = 200;

/** The server's parts that the validator uses. */
export interface ValidatorContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: AnalysisStore;
  settings: () => ServerSettings;
  optionsFor: (document: TextDocument) => AnalysisOptions;
  trust: TrustState;
  packageRoot: string;
  logger: Logger;
}

/**
 * Publishes diagnostics: at once when a document opens, and after a short pause while it is
 * typed, so the editor does not flicker. On open, the findings of the ONNX models follow as
 * soon as the models are read. Later they come together with the config's own findings,
 * so the previous diagnostics stay until the new set is complete.
 */
export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Set<string>();
  /** Counts the validations per document, so a slow model check cannot publish stale results. */
  private readonly generations = new Map<string, number>();

  constructor(private readonly context: ValidatorContext) {}

  validateNow(document: TextDocument): void {
    this.cancel(document.uri);
    this.publish(document).catch((error: unknown) =>
      this.context.logger.error(`Validation of ${document.uri} failed: ${describe(error)}`),
    );
  }

  schedule(document: TextDocument): void {
    this.cancel(document.uri);
    const timer = setTimeout(() => {
      this.timers.delete(document.uri);
      const current = this.context.documents.get(document.uri);
      if (current) this.validateNow(current);
    }, DEBOUNCE_MS);
    this.timers.set(document.uri, timer);
  }

  validateAll(): void {
    for (const document of this.context.documents.all()) this.validateNow(document);
  }

  /** Clears what was published for a document that closed. */
  clear(uri: string): void {
    this.cancel(uri);
    this.nextGeneration(uri);
    this.context.store.delete(uri);
    if (this.published.delete(uri)) this.unpublish(uri);
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private unpublish(uri: string): void {
    void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.sendStatus({ uri, isConfig: false, bins: 0, errors: 0, warnings: 0 });
  }

  private nextGeneration(uri: string): number {
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    return generation;
  }

  private async publish(document: TextDocument): Promise<void> {
    const generation = this.nextGeneration(document.uri);
    const entry = this.context.store.get(document, this.context.settings());
    const findings = entry.dpl?.findings ?? entry.analysis?.findings;
    if (entry.kind === 'none' || !findings) {
      // A document that stopped matching gets its old diagnostics removed.
      if (this.published.delete(document.uri)) this.unpublish(document.uri);
      return;
    }
    const isFirst = !this.published.has(document.uri);
    this.published.add(document.uri);
    if (isFirst) this.send(document, entry, findings);
    if (entry.kind !== 'config' || !entry.analysis) {
      if (!isFirst) this.send(document, entry, findings);
      return;
    }
    const report = await checkModels(
      entry.analysis,
      this.context.optionsFor(document),
      this.context.trust,
    );
    entry.modelReport = report;
    // A newer validation, or a closed and reopened document, makes this result stale.
    if (this.generations.get(document.uri) !== generation) return;
    if (!this.published.has(document.uri)) return;
    if (isFirst && report.findings.length === 0) return;
    this.send(document, entry, mergeFindings(findings, report.findings));
  }

  private send(
    document: TextDocument,
    entry: DocumentAnalysis,
    findings: readonly Finding[],
  ): void {
    const { connection, packageRoot } = this.context;
    const diagnostics = findings.map((finding) =>
      findingToDiagnostic(document, finding, packageRoot),
    );
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    this.sendStatus({
      uri: document.uri,
      isConfig: true,
      bins: entry.analysis?.model.active?.bins.length ?? 0,
      errors: findings.filter((finding) => finding.severity === 'error').length,
      warnings: findings.filter((finding) => finding.severity === 'warning').length,
    });
  }

  private sendStatus(params: StatusParams): void {
    void this.context.connection.sendNotification(STATUS_NOTIFICATION, params);
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
