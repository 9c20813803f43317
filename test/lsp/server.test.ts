import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InlayHint,
  MarkupContent,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspSession, REPOSITORY_ROOT } from '../support/lspClient';

const CONFIG = `{
    "BDTCut": {
        "type": "Binary",
        "inputFeatures": ["kMass", "kPt"],
        "modelFiles": ["a.onnx", "b.onnx"],
        "cent": "kCentFT0C",
        "AddCentCut-Cent1030": {
            "centMin": 10,
            "centMax": 30,
            "AddPtCut-pTBin1": {
                "pTMin": 0,
                "pTMax": 2,
                "AddMLCut-background": { "var": "kBdtBackground", "cut": "0.58", "exclude": true }
            },
            "AddPtCut-pTBin2": {
                "pTMin": 2,
                "pTMax": 20,
                "AddMLCut-background": { "var": "kBdtBackground", "cut": 0.4, "exclude": true }
            }
        }
    }
}
`;

const uriOf = (name: string) => pathToFileURL(resolve(REPOSITORY_ROOT, 'test-output', name)).href;

function positionOf(text: string, needle: string, delta = 1) {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found in the fixture`);
  return TextDocument.create('file:///x', 'json', 1, text).positionAt(offset + delta);
}

function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'json', 1, text), edits);
}

describe('language server over stdio', function () {
  let session: LspSession;

  before(async () => {
    session = await LspSession.start();
  });

  after(async () => {
    await session?.stop();
  });

  it('publishes diagnostics on open', async () => {
    const uri = uriOf('bdtCut-open.json');
    await session.open(uri, CONFIG);
    const diagnostics = await session.waitForDiagnostics(uri, 1);
    const wrongType = diagnostics.find((diagnostic) => diagnostic.code === 'wrong-value-type');
    assert.ok(
      wrongType,
      `no wrong-value-type among ${JSON.stringify(diagnostics.map((d) => d.code))}`,
    );
    assert.deepEqual(wrongType.range, {
      start: positionOf(CONFIG, '"0.58"', 0),
      end: positionOf(CONFIG, '"0.58"', 6),
    });
    assert.equal(wrongType.source, 'dqml');
    assert.match(wrongType.codeDescription?.href ?? '', /docs\/rules\/wrong-value-type\.md$/);
    assert.match(String(wrongType.message), /Write 0\.58 without quotes/);
  });

  it('applies a quick fix', async () => {
    const uri = uriOf('bdtCut-fix.json');
    await session.open(uri, CONFIG);
    const diagnostics = await session.waitForDiagnostics(uri, 1);
    const target = diagnostics.find((diagnostic) => diagnostic.code === 'wrong-value-type')!;
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target], only: ['quickfix'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Write 0.58 as a number');
    const fixed = applyTextEdits(CONFIG, actions[0].edit!.changes![uri]);
    assert.ok(fixed.includes('"cut": 0.58,'));

    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    const after = await session.waitForDiagnostics(uri, 2);
    assert.equal(after.filter((diagnostic) => diagnostic.code === 'wrong-value-type').length, 0);
  });

  it('offers fix-all as a source action', async () => {
    const uri = uriOf('bdtCut-fixall.json');
    const text = CONFIG.replace('"kMass"', '"fMass"');
    await session.open(uri, text);
    await session.waitForDiagnostics(uri, 1);
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.dqml');
    const fixed = applyTextEdits(text, actions[0].edit!.changes![uri]);
    assert.ok(fixed.includes('"kMass"'));
    assert.ok(fixed.includes('"cut": 0.58'));
  });

  it('hovers a pT block with its bin', async () => {
    const uri = uriOf('bdtCut-hover.json');
    await session.open(uri, CONFIG);
    await session.waitForDiagnostics(uri, 1);
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(CONFIG, '"AddPtCut-pTBin2"', 3),
    })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /Bin 1/);
    assert.match(value, /kCentFT0C_cent10_30_pt2\.0_20\.0/);
    assert.match(value, /b\.onnx/);
    assert.match(value, /background score ≤ 0\.4/);
  });

  it('hovers a feature with its column', async () => {
    const uri = uriOf('bdtCut-hover-feature.json');
    await session.open(uri, CONFIG);
    await session.waitForDiagnostics(uri, 1);
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(CONFIG, '"kPt"', 2),
    })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /pair transverse momentum/);
    assert.match(value, /fPt/);
    assert.match(value, /input column 1/);
  });

  it('completes keys of a score cut', async () => {
    const text = CONFIG.replace('"cut": 0.4, "exclude": true', '"cut": 0.4, ');
    const uri = uriOf('bdtCut-complete.json');
    await session.open(uri, text);
    await session.waitForDiagnostics(uri, 1);
    const result = (await session.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, '"cut": 0.4, ', 12),
    })) as CompletionItem[] | CompletionList;
    const labels = (Array.isArray(result) ? result : result.items).map((item) => item.label);
    assert.deepEqual(labels, ['exclude']);
  });

  it('offers no key a block already has', async () => {
    const text = CONFIG.replace('"pTMax": 20,', '"pTMax": 20,\n                ');
    const uri = uriOf('bdtCut-complete-pt.json');
    await session.open(uri, text);
    await session.waitForDiagnostics(uri, 1);
    const lines = text.split('\n');
    const line = lines.findIndex(
      (_entry, index) => index > 0 && lines[index - 1].includes('"pTMax": 20,'),
    );
    const result = (await session.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 16 },
    })) as CompletionItem[];
    assert.deepEqual(
      result.map((item) => item.label),
      [],
    );
  });

  it('completes features not yet listed', async () => {
    const text = CONFIG.replace('["kMass", "kPt"]', '["kMass", "kPt", ]');
    const uri = uriOf('bdtCut-complete-feature.json');
    await session.open(uri, text);
    await session.waitForDiagnostics(uri, 1);
    const result = (await session.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, '"kPt", ', 7),
    })) as CompletionItem[];
    const labels = result.map((item) => item.label);
    assert.ok(labels.includes('"kEta"'));
    assert.ok(!labels.includes('"kMass"'));
    assert.equal(labels.length, 28);
  });

  it('outlines selections, blocks and cuts', async () => {
    const uri = uriOf('bdtCut-symbols.json');
    await session.open(uri, CONFIG);
    await session.waitForDiagnostics(uri, 1);
    const symbols = (await session.connection.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri },
    })) as DocumentSymbol[];
    assert.equal(symbols[0].name, 'BDTCut');
    const centrality = symbols[0].children![0];
    assert.equal(centrality.name, 'AddCentCut-Cent1030');
    assert.deepEqual(
      centrality.children!.map((child) => child.detail),
      ['bin 0: pT 0–2 GeV/c', 'bin 1: pT 2–20 GeV/c'],
    );
  });

  it('hints the bin of each model file', async () => {
    const uri = uriOf('bdtCut-hints.json');
    await session.open(uri, CONFIG);
    await session.waitForDiagnostics(uri, 1);
    const hints = (await session.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
    })) as InlayHint[];
    const labels = hints.map((hint) => hint.label);
    assert.ok(labels.includes('bin 0 → a.onnx'));
    assert.ok(labels.includes('bin 1: cent 10–30, pT 2–20'));
  });

  it('answers the explain request', async () => {
    const uri = uriOf('bdtCut-explain.json');
    await session.open(uri, CONFIG);
    await session.waitForDiagnostics(uri, 1);
    const result = (await session.connection.sendRequest('dqml/explain', { uri })) as {
      bins: Array<{ label: string; modelFile: string }>;
      errors: number;
    };
    assert.deepEqual(
      result.bins.map((bin) => bin.label),
      ['kCentFT0C_cent10_30_pt0.0_2.0', 'kCentFT0C_cent10_30_pt2.0_20.0'],
    );
    assert.equal(result.errors, 1);
  });

  it('ignores JSON that is not a config', async () => {
    const uri = uriOf('package.json');
    await session.open(uri, '{ "name": "x", "version": "1.0.0" }');
    const marker = uriOf('bdtCut-after-package.json');
    await session.open(marker, CONFIG);
    await session.waitForDiagnostics(marker, 1);
    assert.equal(session.diagnostics.has(uri), false);
  });

  it('claims a config by its content', async () => {
    const uri = uriOf('selection.json');
    await session.open(uri, CONFIG.replace('"type": "Binary"', '"type": "Binay"'));
    const diagnostics = await session.waitForDiagnostics(uri, 1);
    assert.ok(diagnostics.some((diagnostic: Diagnostic) => diagnostic.code === 'invalid-type'));
  });

  it('clears diagnostics on close', async () => {
    const uri = uriOf('bdtCut-close.json');
    await session.open(uri, CONFIG);
    await session.waitForDiagnostics(uri, 1);
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await session.waitFor(
      () => (session.diagnostics.get(uri)?.diagnostics.length === 0 ? true : undefined),
      'cleared diagnostics',
    );
  });

  it('survives garbage and deep nesting', async () => {
    const garbage = uriOf('bdt-garbage.json');
    const bytes = Array.from({ length: 1 << 20 }, (_, index) =>
      String.fromCharCode((index * 7919) % 256),
    ).join('');
    await session.open(garbage, bytes);
    await session.waitForDiagnostics(garbage, 1);
    const deep = uriOf('bdt-deep.json');
    await session.open(deep, `${'['.repeat(100000)}${']'.repeat(100000)}`);
    await session.waitForDiagnostics(deep, 1);
    const hover = await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: deep },
      position: { line: 0, character: 50000 },
    });
    assert.equal(hover, null);
    const uri = uriOf('bdtCut-alive.json');
    await session.open(uri, CONFIG);
    const diagnostics = await session.waitForDiagnostics(uri, 1);
    assert.ok(diagnostics.length > 0);
  });
});

describe('dqml lsp --stdio', function () {
  it('serves diagnostics from the CLI bundle', async () => {
    const session = await LspSession.start([
      resolve(REPOSITORY_ROOT, 'bin/dqml.js'),
      'lsp',
      '--stdio',
    ]);
    try {
      const uri = uriOf('bdtCut-cli.json');
      await session.open(uri, CONFIG);
      const diagnostics = await session.waitForDiagnostics(uri, 1);
      assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'wrong-value-type'));
    } finally {
      await session.stop();
    }
  });
});
