import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { newConfigText } from '../core/newConfig';
import type { AnalysisOptions } from '../core/options';
import {
  CHECK_MODELS_REQUEST,
  EXPLAIN_REQUEST,
  HYPERLOOP_STRING_REQUEST,
  INSPECT_MODEL_REQUEST,
  NEW_CONFIG_REQUEST,
  RUN_INFERENCE_REQUEST,
  type InspectModelParams,
  type RunInferenceParams,
  UPDATE_DPL_REQUEST,
  type HyperloopStringParams,
  type UpdateDplParams,
  type UpdateDplResult,
  type CheckModelsParams,
  type ExplainParams,
  type ExplainResult,
  type NewConfigParams,
} from '../protocol';
import { fixAllDpl } from '../core/dpl';
import { fixAll } from '../core/fixAll';
import { FIX_ALL_KIND, provideCodeActions } from './codeActions';
import { defaultModelCache } from '../core/onnx';
import { hyperloopStringOf, updateDpl } from './dplRequests';
import { inspectModelRequest, runInferenceRequest } from './featureRequests';
import { checkModels, modelTable } from './modelChecks';
import { provideCompletion } from './completion';
import { AnalysisStore, filePathOf, type DocumentAnalysis } from './documentState';
import { provideFoldingRanges } from './folding';
import { provideHover } from './hover';
import { provideInlayHints } from './inlayHints';
import { provideDefinition, provideDocumentLinks } from './links';
import { connectionLogger } from './logger';
import { explain } from './requests';
import {
  DEFAULT_SETTINGS,
  normalizeSettings,
  resolveExtraFeatures,
  type ServerSettings,
} from './settings';
import { provideDocumentSymbols } from './symbols';
import { describe, Validator } from './validation';

/**
 * Starts the language server on the connection named by the process arguments
 * (`--stdio`, `--node-ipc` or `--socket`). `packageRoot` is where `docs/` is installed.
 */
export function startServer(packageRoot: string): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const logger = connectionLogger(connection);
  const documents = new TextDocuments(TextDocument);
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let extraFeatures: string[] = [];
  let pullsConfiguration = false;

  const optionsFor = (document: TextDocument): AnalysisOptions => ({
    extraFeatures,
    rules: settings.rules,
    configPath: filePathOf(document.uri),
    modelSearchPaths: settings.modelSearchPaths,
    checkModelFiles: filePathOf(document.uri) !== undefined,
  });
  const store = new AnalysisStore(optionsFor);
  const trust = { trusted: true };
  const validator = new Validator({
    connection,
    documents,
    store,
    settings: () => settings,
    optionsFor,
    trust,
    packageRoot,
    logger,
  });

  const applySettings = (raw: unknown) => {
    settings = normalizeSettings(raw, (message) => logger.warn(message));
    extraFeatures = resolveExtraFeatures(settings, logger);
    store.clear();
    validator.validateAll();
  };

  connection.onInitialize((params): InitializeResult => {
    pullsConfiguration = params.capabilities.workspace?.configuration === true;
    const initialization = params.initializationOptions as
      { settings?: unknown; workspaceTrusted?: unknown } | undefined;
    // Editors other than VS Code have no workspace trust: the user started the server.
    trust.trusted = initialization?.workspaceTrusted !== false;
    const initial = initialization?.settings;
    if (initial !== undefined) {
      settings = normalizeSettings(initial, (message) => logger.warn(message));
      extraFeatures = resolveExtraFeatures(settings, logger);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', ':'] },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.Source],
        },
        documentSymbolProvider: true,
        inlayHintProvider: true,
        documentLinkProvider: { resolveProvider: false },
        definitionProvider: true,
        foldingRangeProvider: true,
      },
      serverInfo: { name: 'dqml', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    logger.info('dqml language server started.');
    if (pullsConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dqml' });
      void fetchSettings();
    }
  });

  const fetchSettings = async () => {
    try {
      applySettings(await connection.workspace.getConfiguration('dqml'));
    } catch (error) {
      logger.error(`Reading the dqml settings failed: ${describe(error)}`);
    }
  };

  connection.onDidChangeConfiguration((change) => {
    if (pullsConfiguration) void fetchSettings();
    else applySettings((change.settings as { dqml?: unknown } | undefined)?.dqml);
  });

  documents.onDidOpen((event) => validator.validateNow(event.document));
  documents.onDidChangeContent((event) => validator.schedule(event.document));
  documents.onDidClose((event) => validator.clear(event.document.uri));

  /**
   * Runs a handler on an open document the server claims; a handler that throws is logged
   * and returns `fallback`. With `configOnly`, DPL files get `fallback` too.
   */
  const onDocument = <T>(
    name: string,
    uri: string,
    fallback: T,
    handler: (document: TextDocument, entry: DocumentAnalysis) => T,
    configOnly = false,
  ): T => {
    const document = documents.get(uri);
    if (!document) return fallback;
    try {
      const entry = store.get(document, settings);
      if (entry.kind === 'none' || (configOnly && entry.kind !== 'config')) return fallback;
      return handler(document, entry);
    } catch (error) {
      logger.error(`${name} failed for ${uri}: ${describe(error)}`);
      return fallback;
    }
  };
  const onConfig = <T>(
    name: string,
    uri: string,
    fallback: T,
    handler: (document: TextDocument, entry: DocumentAnalysis) => T,
  ): T => onDocument(name, uri, fallback, handler, true);

  connection.onHover((params) =>
    onDocument('Hover', params.textDocument.uri, null, (document, entry) =>
      provideHover(document, entry, params, extraFeatures),
    ),
  );
  connection.onCompletion((params) =>
    onConfig('Completion', params.textDocument.uri, [], (document, entry) =>
      provideCompletion(document, entry.analysis!, params, extraFeatures),
    ),
  );
  connection.onCodeAction((params) =>
    onDocument('Code actions', params.textDocument.uri, [], (document, entry) => {
      const options = optionsFor(document);
      const fixAllOf =
        entry.kind === 'dpl'
          ? (text: string) => fixAllDpl(text, options)
          : (text: string) => fixAll(text, options);
      return provideCodeActions(document, params, fixAllOf, entry.kind === 'config');
    }),
  );
  connection.onDocumentSymbol((params) =>
    onConfig('Document symbols', params.textDocument.uri, [], (document, entry) =>
      provideDocumentSymbols(document, entry.analysis!),
    ),
  );
  connection.languages.inlayHint.on((params) =>
    onConfig('Inlay hints', params.textDocument.uri, [], (document, entry) =>
      provideInlayHints(document, entry.analysis!, params.range),
    ),
  );
  connection.onDocumentLinks((params) =>
    onConfig('Document links', params.textDocument.uri, [], (document, entry) =>
      provideDocumentLinks(document, entry.analysis!, settings.modelSearchPaths),
    ),
  );
  connection.onDefinition((params) =>
    onConfig('Definition', params.textDocument.uri, null, (document, entry) =>
      provideDefinition(document, entry.analysis!, params.position, settings.modelSearchPaths),
    ),
  );
  connection.onFoldingRanges((params) =>
    onConfig('Folding ranges', params.textDocument.uri, [], (document, entry) =>
      provideFoldingRanges(document, entry.analysis!.model.root),
    ),
  );

  connection.onRequest(EXPLAIN_REQUEST, (params: ExplainParams): ExplainResult | null =>
    onConfig('Explain', params.uri, null, (document, entry) => explain(document, entry.analysis)),
  );
  connection.onRequest(HYPERLOOP_STRING_REQUEST, (params: HyperloopStringParams) =>
    onConfig('Hyperloop string', params.uri, null, (document, entry) =>
      hyperloopStringOf(document, entry, params),
    ),
  );
  connection.onRequest(UPDATE_DPL_REQUEST, (params: UpdateDplParams): UpdateDplResult => {
    try {
      const configDocument = documents.get(params.configUri);
      const options: AnalysisOptions = configDocument
        ? optionsFor(configDocument)
        : { extraFeatures, rules: settings.rules, configPath: filePathOf(params.configUri) };
      return updateDpl(documents, params, options);
    } catch (error) {
      logger.error(`Updating ${params.dplUri} with ${params.configUri} failed: ${describe(error)}`);
      return {
        message: `The update failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  });
  connection.onRequest(CHECK_MODELS_REQUEST, async (params: CheckModelsParams) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    try {
      const entry = store.get(document, settings);
      if (entry.kind !== 'config' || !entry.analysis) return null;
      const report = await checkModels(entry.analysis, optionsFor(document), trust);
      return modelTable(report, trust);
    } catch (error) {
      logger.error(`Checking the models of ${params.uri} failed: ${describe(error)}`);
      return null;
    }
  });
  connection.onDidChangeWatchedFiles((change) => {
    const changedModels = change.changes.filter((event) => event.uri.endsWith('.onnx'));
    if (changedModels.length === 0) return;
    for (const event of changedModels) {
      const path = filePathOf(event.uri);
      if (path) defaultModelCache().delete(path);
    }
    logger.info(`${changedModels.length} model file(s) changed; checking the open configs again.`);
    store.clear();
    validator.validateAll();
  });
  connection.onRequest(NEW_CONFIG_REQUEST, (params: NewConfigParams): string =>
    newConfigText(params),
  );
  const features = {
    documents,
    trust,
    logger,
    analysisOptions: () => ({
      extraFeatures,
      rules: settings.rules,
      modelSearchPaths: settings.modelSearchPaths,
    }),
  };
  connection.onRequest(INSPECT_MODEL_REQUEST, (params: InspectModelParams) =>
    inspectModelRequest(features, params),
  );
  connection.onRequest(RUN_INFERENCE_REQUEST, (params: RunInferenceParams, token) =>
    runInferenceRequest(
      features,
      params,
      token,
      connection.window.attachWorkDoneProgress(params.workDoneToken),
    ),
  );

  documents.listen(connection);
  connection.listen();
  return connection;
}
