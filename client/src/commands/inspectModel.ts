import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  INSPECT_MODEL_REQUEST,
  type InspectModelParams,
  type InspectModelResult,
} from '../../../server/src/protocol';
import { request } from './target';

/** URI scheme of the read-only inspection documents. */
export const INSPECTION_SCHEME = 'dqml-onnx';

/** Returns the URI of the inspection document of a model file: its path is in the query. */
export function inspectionUri(model: vscode.Uri): vscode.Uri {
  const name = model.path.split('/').pop() ?? 'model.onnx';
  return vscode.Uri.from({
    scheme: INSPECTION_SCHEME,
    path: `/Inspection of ${name}`,
    query: model.toString(),
  });
}

/**
 * Serves the inspection documents: the lines of `dqml/inspectModel`, the same text as
 * `dqml inspect` prints, read again each time the document opens.
 */
export class InspectionDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const model = vscode.Uri.parse(uri.query);
    if (model.scheme !== 'file') {
      return `${model.toString()} is not a local file, so the language server cannot read it.\n`;
    }
    const result = await request<InspectModelResult>(this.client, this.log, INSPECT_MODEL_REQUEST, {
      path: model.fsPath,
    } satisfies InspectModelParams);
    if (!result) return `Inspecting ${model.fsPath} failed; see the DQ ML output.\n`;
    return `${result.lines.join('\n')}\n`;
  }
}

/**
 * Runs "Inspect ONNX model": opens the inspection of the model file it was given
 * (from the Explorer) or that the user picks, as a read-only document.
 */
export async function inspectOnnxModel(
  argument?: unknown,
): Promise<vscode.TextDocument | undefined> {
  let model = argument instanceof vscode.Uri ? argument : undefined;
  if (!model) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Inspect ONNX model',
      canSelectMany: false,
      filters: { 'ONNX models': ['onnx'] },
      openLabel: 'Inspect',
    });
    model = picked?.[0];
  }
  if (!model) return undefined;
  const document = await vscode.workspace.openTextDocument(inspectionUri(model));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
