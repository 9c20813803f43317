/**
 * The packaged extension in a real VS Code: code-server with the .vsix installed, driven
 * by Debian's Chromium through playwright-core. Screenshots of every step, and the logs of
 * code-server and of the extension, go to test-output/e2e/.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CodeServer, freePort, waitFor } from './codeServer';
import { findToolsOrSkip, OUTPUT_DIR, ROOT, type E2eTools } from './environment';
import { Workbench } from './workbench';
import {
  BROKEN_CONFIG,
  cliErrorCount,
  countBins,
  createWorkspace,
  EXAMPLE_CONFIG,
} from './workspace';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Packages the extension for this machine, or takes the .vsix named by DQML_E2E_VSIX. */
function packageExtension(scratch: string): string {
  if (process.env.DQML_E2E_VSIX) return process.env.DQML_E2E_VSIX;
  const vsix = join(scratch, 'dqml.vsix');
  const result = spawnSync(process.execPath, ['scripts/package.mjs', '--out', vsix], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`npm run package failed:\n${result.stdout}\n${result.stderr}`);
  }
  return vsix;
}

describe('extension in code-server', function () {
  this.timeout(120000);

  let tools: E2eTools;
  let scratch: string;
  let workspace: string;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench;

  before(async function () {
    this.timeout(600000);
    tools = findToolsOrSkip(this);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    scratch = mkdtempSync(join(tmpdir(), 'dqml-e2e-'));
    workspace = join(scratch, 'workspace');
    const source = createWorkspace(workspace);
    console.log(`    workspace ${workspace}, binary example from ${source}`);

    const vsix = packageExtension(scratch);
    server = new CodeServer(tools, scratch, await freePort(), join(OUTPUT_DIR, 'code-server.log'));
    const installed = server.installExtension(vsix);
    assert.match(installed, /was successfully installed/);
    await server.start(workspace);

    browser = await chromium.launch({ executablePath: tools.chromium, args: CHROMIUM_FLAGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    workbench = new Workbench(page);
    await workbench.open(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && browser) {
      const name = `failed-${this.currentTest.title.replace(/\W+/g, '-')}`;
      await workbench.screenshot(name).catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(60000);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (server && existsSync(server.logsDir)) {
      cpSync(server.logsDir, join(OUTPUT_DIR, 'logs'), { recursive: true });
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the bins of the example', async () => {
    const path = join(workspace, EXAMPLE_CONFIG);
    const bins = countBins(path);
    const errors = cliErrorCount(path);
    const expected = `DQ ML: ${bins} bin${bins === 1 ? '' : 's'}, ${errors} error`;
    await workbench.openFile(EXAMPLE_CONFIG);
    const item = workbench.statusItem();
    await waitFor(
      `the status bar to show "${expected}"`,
      async () => (await item.innerText()).includes(expected),
      60000,
    );
    await workbench.screenshot('01-binary-example');
  });

  it('lists the broken config in Problems', async () => {
    await workbench.openFile(BROKEN_CONFIG);
    const rows = await workbench.problems(
      (current) =>
        current.some((row) => row.includes('wrong-value-type')) &&
        current.some((row) => row.includes('f-prefixed-feature')) &&
        // VS Code's JSON service reports the same cut through the contributed schema.
        current.some((row) => row.includes('Incorrect type. Expected "number"')),
    );
    const text = rows.join('\n');
    assert.match(text, /fTPCNSigmaEl1/, 'the f-prefixed feature is named');
    assert.match(text, /"0\.58"|0\.58/, 'the string cut is named');
    await waitFor(
      'the status bar to count the two errors',
      async () => /2 errors/.test(await workbench.statusItem().innerText()),
      30000,
    );
    await workbench.screenshot('02-problems');
  });

  it('highlights config names with the grammar', async () => {
    const cases: Array<[string, string]> = [
      ['AddCentCut-Cent0090', 'keyword.control.block.centrality.dqml'],
      ['kCentFT0C', 'support.constant.estimator.dqml'],
      ['kTPCNSigmaEl2', 'support.variable.feature.dqml'],
    ];
    for (const [token, scope] of cases) {
      const scopes = await workbench.tokenScopes(token);
      assert.ok(scopes.includes(scope), `${token} has ${scope}: ${scopes}`);
    }
    await workbench.tokenScopes('kBdtBackground');
    await workbench.runCommand('Developer: Inspect Editor Tokens and Scopes');
    await workbench.screenshot('03-token-scopes');
    await workbench.page.keyboard.press('Escape');
  });

  it('hovers a pT block with its bin', async () => {
    const text = await workbench.hover('AddPtCut-pTBin1', /kCentFT0C_cent0_90_pt0\.0_2\.0/);
    assert.match(text, /modelBDT_cent0_90_pt0_2_onnx\.onnx/, 'the hover names the model file');
    await workbench.screenshot('04-hover-pt-block');
  });

  it('applies the quick fix for a string cut', async () => {
    const title = await workbench.applyQuickFix('0.58', /0\.58/);
    assert.match(title, /number/i);
    await workbench.save();
    const path = join(workspace, BROKEN_CONFIG);
    await waitFor(
      'the fixed cut to be saved',
      () => readFileSync(path, 'utf8').includes('"cut": 0.58'),
      20000,
    );
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    const cut = saved.BrokenCut['AddCentCut-Cent0090']['AddPtCut-pTBin1']['AddMLCut-background'];
    assert.equal(cut.cut, 0.58);
    await workbench.problems((rows) => !rows.some((row) => row.includes('wrong-value-type')));
    await workbench.screenshot('05-quick-fix-applied');
  });

  it('creates a config with New BDT config', async () => {
    await workbench.runCommand('DQ ML: New BDT config…');
    await workbench.pickQuickItem('Binary');
    await workbench.pickQuickItem('kCentFT0C');
    await workbench.answerInputBox('0, 10, 30', 'centrality');
    await workbench.answerInputBox('0, 2, 20', 'pT');
    await workbench.activeTab('bdtCut.json').waitFor({ timeout: 20000 });
    await waitFor(
      'the status bar to show the 4 bins of the new config',
      async () => (await workbench.statusItem().innerText()).includes('4 bins'),
      30000,
    );
    await workbench.screenshot('06-new-config');
    await workbench.save();
    // The command names the file after the workspace folder of the active editor.
    const path = join(workspace, 'bdtCut.json');
    let saved: Record<string, unknown> = {};
    await waitFor(
      'the new config to be saved without a dialog',
      () => {
        saved = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
        return true;
      },
      20000,
    );
    const selection = Object.values(saved)[0] as {
      type: string;
      cent: string;
      modelFiles: string[];
    };
    assert.equal(selection.type, 'Binary');
    assert.equal(selection.cent, 'kCentFT0C');
    assert.equal(selection.modelFiles.length, 4);
  });

  it('shows the server log with Show output', async () => {
    await workbench.runCommand('DQ ML: Show output');
    await workbench.panelText('Starting the language server');
    await workbench.screenshot('07-output');
  });
});
