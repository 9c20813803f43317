import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { StatusParams } from '../../server/src/protocol';
import { BinMapPanel } from './commands/binMap';
import { ModelTablePanel } from './commands/checkModels';
import { FEATURE_COMMANDS } from './commands/featureIds';
import { generateHyperloopString } from './commands/hyperloop';
import {
  INSPECTION_SCHEME,
  InspectionDocumentProvider,
  inspectOnnxModel,
} from './commands/inspectModel';
import { InferencePanel, InferenceResults, runQuickInference } from './commands/quickInference';
import { updateDplConfiguration } from './commands/updateDpl';
import { ConfigContext } from './configContext';

/**
 * Registers the commands that take a config further: the Hyperloop string, the local DPL
 * update, the ONNX table and inspector, the quick inference and the bin map. `onStatus`
 * fires on each `dqml/status` notification, so the webviews follow their config.
 */
export function registerFeatureCommands(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  onStatus: vscode.Event<StatusParams>,
): void {
  const results = new InferenceResults();
  const inferencePanel = new InferencePanel(context);
  const binMap = new BinMapPanel(context, client, log, onStatus, results);
  const modelTable = new ModelTablePanel(context, client, log, onStatus);
  context.subscriptions.push(
    new ConfigContext(client, log, onStatus),
    results,
    inferencePanel,
    binMap,
    modelTable,
    vscode.workspace.registerTextDocumentContentProvider(
      INSPECTION_SCHEME,
      new InspectionDocumentProvider(client, log),
    ),
    vscode.commands.registerCommand(FEATURE_COMMANDS.generateHyperloopString, (uri?: unknown) =>
      generateHyperloopString(client, log, uri),
    ),
    vscode.commands.registerCommand(
      FEATURE_COMMANDS.updateDplConfiguration,
      (uri?: unknown, dplUri?: unknown) => updateDplConfiguration(client, log, uri, dplUri),
    ),
    vscode.commands.registerCommand(FEATURE_COMMANDS.checkOnnxInputs, (uri?: unknown) =>
      modelTable.show(uri),
    ),
    vscode.commands.registerCommand(FEATURE_COMMANDS.inspectOnnxModel, (uri?: unknown) =>
      inspectOnnxModel(uri),
    ),
    vscode.commands.registerCommand(FEATURE_COMMANDS.runQuickInference, (uri?: unknown) =>
      runQuickInference(context, client, log, results, inferencePanel, uri),
    ),
    vscode.commands.registerCommand(FEATURE_COMMANDS.showBinMap, (uri?: unknown) =>
      binMap.show(uri),
    ),
  );
}
