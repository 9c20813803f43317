import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspSession, REPOSITORY_ROOT } from '../support/lspClient';

const fixture = (name: string) => resolve(REPOSITORY_ROOT, 'test/fixtures/dpl', name);
const scratchUri = (name: string) =>
  pathToFileURL(resolve(REPOSITORY_ROOT, 'test-output', name)).href;

const DPL = readFileSync(fixture('escaped-config.json'), 'utf8');

describe('language server on DPL files', function () {
  let session: LspSession;

  before(async () => {
    session = await LspSession.start();
  });

  after(async () => {
    await session?.stop();
  });

  it('places findings inside the string', async () => {
    const text = DPL.replace('\\"cut\\":0.50', '\\"cut\\":\\"0.50\\"');
    const uri = scratchUri('dpl-string.json');
    await session.open(uri, text);
    const diagnostics = await session.waitForDiagnostics(uri, 1);
    const wrongType = diagnostics.find((diagnostic) => diagnostic.code === 'wrong-value-type');
    assert.ok(wrongType, `codes: ${diagnostics.map((diagnostic) => diagnostic.code).join(', ')}`);
    const document = TextDocument.create(uri, 'json', 1, text);
    const covered = text.slice(
      document.offsetAt(wrongType.range.start),
      document.offsetAt(wrongType.range.end),
    );
    assert.equal(covered, '\\"0.50\\"');
  });

  it('hovers a key inside the string', async () => {
    const uri = scratchUri('dpl-hover.json');
    await session.open(uri, DPL);
    await session.waitForDiagnostics(uri, 1);
    const document = TextDocument.create(uri, 'json', 1, DPL);
    const offset = DPL.indexOf('AddPtCut-pTBin1') + 3;
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: document.positionAt(offset),
    })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /Bin 1/);
    const range = hover.range!;
    assert.equal(
      DPL.slice(document.offsetAt(range.start), document.offsetAt(range.end)),
      '\\"AddPtCut-pTBin1\\"',
    );
  });

  it('fixes a finding inside the string', async () => {
    const text = DPL.replace('\\"cut\\":0.50', '\\"cut\\":\\"0.50\\"');
    const uri = scratchUri('dpl-fix.json');
    await session.open(uri, text);
    const diagnostics = await session.waitForDiagnostics(uri, 1);
    const target = diagnostics.find((diagnostic) => diagnostic.code === 'wrong-value-type')!;
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target], only: ['quickfix'] },
    })) as CodeAction[];
    const fixed = TextDocument.applyEdits(
      TextDocument.create(uri, 'json', 1, text),
      actions[0].edit!.changes![uri],
    );
    assert.equal(fixed, DPL);
  });
});

describe('Hyperloop string and DPL update requests', function () {
  let session: LspSession;

  before(async () => {
    session = await LspSession.start();
  });

  after(async () => {
    await session?.stop();
  });

  it('returns both string forms', async () => {
    const uri = scratchUri('bdtCut-hyperloop.json');
    const config =
      '{\n  "BDTCut": {\n    "type": "Binary",\n    "cut": 1e-3, "name": "ψ"\n  }\n}\n';
    await session.open(uri, config);
    await session.waitForDiagnostics(uri, 1);
    const compact = (await session.connection.sendRequest('dqml/hyperloopString', {
      uri,
      form: 'compact',
    })) as { text: string; errors: number };
    assert.equal(compact.text, '{"BDTCut":{"type":"Binary","cut":1e-3,"name":"ψ"}}');
    assert.ok(compact.errors > 0);
    const local = (await session.connection.sendRequest('dqml/hyperloopString', {
      uri,
      form: 'local',
    })) as { text: string };
    assert.equal(JSON.parse(local.text), compact.text);
  });

  it('updates a DPL file in one edit', async () => {
    const dplUri = pathToFileURL(fixture('escaped-config.json')).href;
    const configUri = scratchUri('bdtCut-update.json');
    const config =
      '{"BDTCut":{"type":"Binary","inputFeatures":["kPt"],"modelFiles":["a.onnx","b.onnx"],"cent":"kCentFT0C","AddCentCut-c":{"centMin":0,"centMax":90,"AddPtCut-a":{"pTMin":0,"pTMax":2,"AddMLCut-b":{"var":"kBdtBackground","cut":0.3,"exclude":true}},"AddPtCut-b":{"pTMin":2,"pTMax":20,"AddMLCut-b":{"var":"kBdtBackground","cut":0.3,"exclude":true}}}}}';
    await session.open(configUri, config);
    await session.waitForDiagnostics(configUri, 1);
    const result = (await session.connection.sendRequest('dqml/updateDplConfiguration', {
      configUri,
      dplUri,
    })) as {
      edits: Array<{
        range: {
          start: { line: number; character: number };
          end: { line: number; character: number };
        };
        newText: string;
      }>;
      message: string;
    };
    assert.ok(result.edits.length > 0, result.message);
    const updated = TextDocument.applyEdits(
      TextDocument.create(dplUri, 'json', 0, DPL),
      result.edits,
    );
    const parsed = JSON.parse(updated) as Record<string, Record<string, unknown>>;
    assert.equal(parsed['analysis-same-event-pairing'].fConfigBdtCutsJSON, config);
    assert.equal(parsed['analysis-same-event-pairing'].applyBDT, 'true');
    assert.equal(updated.split('\n')[0], DPL.split('\n')[0]);
  });
});
