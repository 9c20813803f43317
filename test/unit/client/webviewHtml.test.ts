import { strict as assert } from 'node:assert';
import {
  contentSecurityPolicy,
  createNonce,
  escapeHtml,
  webviewHtml,
} from '../../../client/src/webviews/html';
import { modelTableHtml } from '../../../client/src/webviews/modelTableView';
import type { ModelTableRow } from '../../../server/src/protocol';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('webviewHtml', () => {
  it('allows only nonce scripts', () => {
    const policy = contentSecurityPolicy(CSP_SOURCE, 'abc');
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /script-src 'nonce-abc'(;|$)/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|https?:\/\/(?!file\+)/);
  });

  it('puts the nonce on every script', () => {
    const html = webviewHtml({
      cspSource: CSP_SOURCE,
      nonce: 'n0nce',
      title: 'Bin map <test>',
      styles: [`${CSP_SOURCE}/a.css`],
      scripts: [`${CSP_SOURCE}/a.js`, `${CSP_SOURCE}/b.js`],
      body: '<main></main>',
    });
    assert.equal(html.match(/<script nonce="n0nce" src=/g)?.length, 2);
    assert.equal(html.match(/<script/g)?.length, 2);
    assert.match(html, /<title>Bin map &lt;test&gt;<\/title>/);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/file\+[^"]*\/a\.css">/);
  });

  it('creates distinct nonces', () => {
    const nonces = new Set(Array.from({ length: 20 }, createNonce));
    assert.equal(nonces.size, 20);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{24}$/);
  });

  it('escapes markup characters', () => {
    assert.equal(
      escapeHtml(`<a href="x">'&'</a>`),
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});

function row(overrides: Partial<ModelTableRow>): ModelTableRow {
  return {
    index: 0,
    name: 'model0.onnx',
    binLabel: 'kCentFT0C_cent0_10_pt0.0_3.0',
    path: '/data/model0.onnx',
    found: true,
    input: 'input float32[1, 12]',
    width: 12,
    metadata: 'match',
    outputs: 'label int64[1], probabilities float32[1, 2]',
    classes: 2,
    verdict: 'ok',
    messages: [],
    ...overrides,
  };
}

describe('modelTableHtml', () => {
  it('writes one row per model', () => {
    const html = modelTableHtml(
      {
        runtimeLoaded: true,
        rows: [
          row({}),
          row({
            index: 1,
            name: 'missing.onnx',
            path: null,
            found: false,
            input: null,
            width: null,
            metadata: 'not-checked',
            outputs: null,
            classes: null,
            verdict: 'not-found',
            messages: ['Model file missing.onnx not found.'],
          }),
        ],
      },
      'bdtCut.json',
    );
    assert.equal(html.match(/<tr data-model=/g)?.length, 2);
    assert.match(html, /2 model files, 1 with problems\./);
    assert.match(html, /<td class="verdict verdict-not-found">not-found<\/td>/);
    assert.match(html, /<td class="error">no<\/td>/);
    assert.match(html, /<li>Model file missing\.onnx not found\.<\/li>/);
    assert.match(
      html,
      /<div class="name">model0\.onnx<\/div><div class="label">kCentFT0C_cent0_10_pt0\.0_3\.0<\/div><div class="path">\/data\/model0\.onnx<\/div>/,
    );
    assert.match(
      html,
      /<td class="file"><div class="name">missing\.onnx<\/div><div class="label">kCentFT0C_cent0_10_pt0\.0_3\.0<\/div><\/td>/,
    );
    assert.doesNotMatch(html, /Restricted Mode/);
  });

  it('escapes names and messages', () => {
    const html = modelTableHtml(
      { runtimeLoaded: true, rows: [row({ name: '<b>.onnx', messages: ['a < b'] })] },
      'x"y.json',
    );
    assert.match(html, /data-model="&lt;b&gt;\.onnx"/);
    assert.match(html, /<li>a &lt; b<\/li>/);
    assert.match(html, /ONNX inputs of x&quot;y\.json/);
    assert.doesNotMatch(html, /<b>/);
  });

  it('notes Restricted Mode', () => {
    const html = modelTableHtml({ runtimeLoaded: false, rows: [row({})] }, 'bdtCut.json');
    assert.match(html, /Restricted Mode: the models were read but not loaded/);
  });

  it('says when there are no models', () => {
    const html = modelTableHtml({ runtimeLoaded: true, rows: [] }, 'bdtCut.json');
    assert.match(html, /The config names no model files\./);
  });
});
