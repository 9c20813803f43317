/**
 * The feature commands of the packaged extension in code-server: the Hyperloop string, the
 * local DPL update, the ONNX table, the bin map and the quick inference report. Screenshots
 * go to test-output/e2e/ with the prefix `features-`.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CodeServer, freePort, waitFor } from './codeServer';
import { findToolsOrSkip, OUTPUT_DIR, ROOT, type E2eTools } from './environment';
import {
  addFeatureFiles,
  answerFileDialog,
  BIN_MAP_CONFIG,
  clickDialogButton,
  clickNotificationButton,
  DPL_FILE,
  LARGE_SAMPLE_FILE,
  LARGE_SAMPLE_ROWS,
  openFileByPath,
  pickTitledItem,
  SAMPLE_FILE,
  SAMPLE_ROWS,
  webviewFrame,
  writeLargeSample,
} from './features';
import { Workbench } from './workbench';
import { BROKEN_CONFIG, createWorkspace, EXAMPLE_CONFIG } from './workspace';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

interface InferJson {
  total: number;
  dropped: number;
  passed: number;
  bins: Array<{ label: string; rows: number; passed: number }>;
}

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

/** Runs `dqml infer --json` from the repository build, the reference for the webview. */
function cliInference(config: string, sample: string): InferJson {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'dqml.js'), 'infer', config, sample, '--json'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`dqml infer exited with ${result.status}: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as InferJson;
}

function countText(count: number): string {
  return count.toLocaleString('en-US');
}

describe('feature commands in code-server', function () {
  this.timeout(120000);

  let tools: E2eTools;
  let scratch: string;
  let workspace: string;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let workbench: Workbench;
  /** Console messages about the Content-Security-Policy, with the URL of their frame. */
  const securityReports: string[] = [];

  const screenshot = async (name: string) => {
    const path = join(OUTPUT_DIR, `features-${name}.png`);
    await page.screenshot({ path });
    return path;
  };

  before(async function () {
    this.timeout(600000);
    tools = findToolsOrSkip(this);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    scratch = mkdtempSync(join(tmpdir(), 'dqml-e2e-features-'));
    workspace = join(scratch, 'workspace');
    createWorkspace(workspace);
    addFeatureFiles(workspace, EXAMPLE_CONFIG);

    const vsix = packageExtension(scratch);
    server = new CodeServer(
      tools,
      scratch,
      await freePort(),
      join(OUTPUT_DIR, 'features-code-server.log'),
    );
    assert.match(server.installExtension(vsix), /was successfully installed/);
    await server.start(workspace);

    browser = await chromium.launch({ executablePath: tools.chromium, args: CHROMIUM_FLAGS });
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    page.on('console', (message) => {
      const text = message.text();
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(text)) {
        securityReports.push(`${message.location().url}: ${text}`);
      }
    });
    workbench = new Workbench(page);
    await workbench.open(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    // Without the side bar the webviews get the width of the window in the screenshots.
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && browser) {
      await screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(
        () => undefined,
      );
    }
  });

  after(async function () {
    this.timeout(60000);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (server && existsSync(server.logsDir)) {
      const { cpSync } = await import('node:fs');
      cpSync(server.logsDir, join(OUTPUT_DIR, 'features-logs'), { recursive: true });
    }
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('generates the Hyperloop string', async () => {
    const path = join(workspace, EXAMPLE_CONFIG);
    // The example writes every number the way JSON.stringify does, so its compact form is
    // the stringified parse.
    const expected = JSON.stringify(JSON.parse(readFileSync(path, 'utf8')));

    await openFileByPath(page, EXAMPLE_CONFIG);
    await waitFor(
      'the status bar to show the example',
      async () => (await workbench.statusItem().innerText()).includes('4 bins'),
      60000,
    );
    await workbench.runCommand('DQ ML: Generate Hyperloop string');
    await pickTitledItem(page, 'Generate Hyperloop string', 'Hyperloop string');

    let clipboard = '';
    await waitFor(
      'the Hyperloop string in the clipboard',
      async () => {
        clipboard = await page.evaluate(() => navigator.clipboard.readText());
        return clipboard === expected;
      },
      20000,
    );
    assert.equal(clipboard, expected);

    await clickNotificationButton(
      page,
      /copied the Hyperloop string \(compact JSON\) of bdtCut\.json/,
      'Show in editor',
    );
    await page.locator('.tabs-container .tab.active').filter({ hasText: 'Untitled' }).waitFor();
    // Monaco may leave parts of a long line out of the DOM, so the editor's text is read by
    // copying it, after the clipboard was cleared.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.locator('.editor-group-container.active .view-lines').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    await waitFor(
      'the text of the untitled editor in the clipboard',
      async () => (await page.evaluate(() => navigator.clipboard.readText())) === expected,
      20000,
    );
    await screenshot('hyperloop-string');
  });

  it('asks before generating from errors', async () => {
    const marker = 'clipboard before the command';
    await page.evaluate((text) => navigator.clipboard.writeText(text), marker);
    await openFileByPath(page, BROKEN_CONFIG);
    await waitFor(
      'the status bar to count the errors of the broken config',
      async () => /[1-9]\d* errors?/.test(await workbench.statusItem().innerText()),
      60000,
    );
    const errors = Number(/(\d+) errors?/.exec(await workbench.statusItem().innerText())![1]);
    await workbench.runCommand('DQ ML: Generate Hyperloop string');
    const question = await clickDialogButton(page, 'Show problems');
    assert.match(question, new RegExp(`bdtCutBroken\\.json has ${errors} errors?`));
    await page.locator('.markers-panel').waitFor({ timeout: 20000 });
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), marker);
    await page.keyboard.press('Control+Shift+M');
  });

  it('updates a local DPL configuration', async () => {
    const path = join(workspace, DPL_FILE);
    const before = readFileSync(path, 'utf8');
    const config = JSON.parse(readFileSync(join(workspace, EXAMPLE_CONFIG), 'utf8'));
    const modelFiles = (Object.values(config)[0] as { modelFiles: string[] }).modelFiles;

    await openFileByPath(page, EXAMPLE_CONFIG);
    await workbench.runCommand('DQ ML: Update local DPL configuration…');
    await pickTitledItem(page, 'Update local DPL configuration', DPL_FILE);
    // The DPL file lists 2 CCDB folders for the 4 model files of the example.
    const question = await clickDialogButton(page, 'Set the CCDB folders…');
    assert.match(question, /modelPathsCCDB whose count differs/);
    await page.locator('.quick-input-widget').filter({ hasText: 'CCDB folders' }).waitFor();
    await screenshot('dpl-ccdb-folders');
    await page.keyboard.press('Enter');
    await workbench.activeTab('dpl-config.json').waitFor({ timeout: 20000 });
    await workbench.save();

    let saved: Record<string, Record<string, unknown>> = {};
    await waitFor(
      'the updated DPL file to be saved',
      () => {
        const text = readFileSync(path, 'utf8');
        if (text === before) return false;
        saved = JSON.parse(text);
        return true;
      },
      20000,
    );
    const task = saved['analysis-same-event-pairing'];
    assert.equal(task.fConfigBdtCutsJSON, JSON.stringify(config));
    assert.equal(task.applyBDT, 'true');
    assert.equal(task.loadModelsFromCCDB, 'true');
    const folders = (task.modelPathsCCDB as { values: string[] }).values;
    assert.equal(folders.length, modelFiles.length);
    assert.equal(new Set(folders).size, folders.length, `distinct folders: ${folders}`);
    assert.equal(saved['internal-dpl-clock'], '', 'other tasks are kept');
    assert.equal(task.timestampCCDB, '-1', 'other options are kept');
    const after = readFileSync(path, 'utf8');
    assert.ok(after.startsWith('{\n  "internal-dpl-clock": "",\n'), 'the layout is kept');
    await screenshot('dpl-updated');
  });

  it('shows the ONNX inputs table', async () => {
    await openFileByPath(page, EXAMPLE_CONFIG);
    await workbench.runCommand('DQ ML: Check ONNX inputs');
    const frame = await webviewFrame(page, 'table.models');
    const rows = frame.locator('table.models tbody tr');
    await waitFor('four model rows', async () => (await rows.count()) === 4, 20000);
    const verdicts = await frame.locator('td.verdict').allInnerTexts();
    assert.deepEqual(verdicts, ['ok', 'ok', 'ok', 'ok']);
    const files = await frame
      .locator('tr[data-model]')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-model')));
    const config = JSON.parse(readFileSync(join(workspace, EXAMPLE_CONFIG), 'utf8'));
    assert.deepEqual(files, (Object.values(config)[0] as { modelFiles: string[] }).modelFiles);
    assert.match(await frame.locator('.summary').innerText(), /4 model files, 0 with problems/);
    await screenshot('onnx-inputs');
  });

  it('draws overlaps and gaps in the bin map', async () => {
    await openFileByPath(page, BIN_MAP_CONFIG);
    await workbench.runCommand('DQ ML: Show bin map');
    const frame = await webviewFrame(page, 'svg.plane');
    await waitFor(
      'three bins in the map',
      async () => (await frame.locator('g.bin').count()) === 3,
      20000,
    );
    assert.equal(await frame.locator('g.overlap').count(), 2);
    assert.equal(await frame.locator('g.gap').count(), 1);
    const notes = await frame.locator('.summary li').allInnerTexts();
    assert.ok(
      notes.some((note) =>
        /^Overlap: bins 0, 2 claim centrality 20–30 %, pT 0–2 GeV\/c/.test(note),
      ),
      notes.join('\n'),
    );
    assert.ok(
      notes.some((note) => /^Gap: no bin covers centrality 0–20 %, pT 2–3 GeV\/c/.test(note)),
      notes.join('\n'),
    );
    assert.match((await frame.locator('g.bin[data-index="1"]').textContent()) ?? '', /high\.onnx/);
    await screenshot('bin-map');

    // Clicking bin 1 selects the key of its pT block, the second AddPtCut-pTBin2 of the file.
    const text = readFileSync(join(workspace, BIN_MAP_CONFIG), 'utf8');
    const line = text.split('\n').findIndex((entry) => entry.includes('"AddPtCut-pTBin2"')) + 1;
    // The label lies where the bin wins, so no other bin covers it.
    await frame.locator('g.bin[data-index="1"] text').click();
    const selection = page.locator('.statusbar-item').filter({ hasText: /^Ln \d+, Col \d+/ });
    await waitFor(
      `the cursor on line ${line}`,
      async () => (await selection.first().innerText()).startsWith(`Ln ${line},`),
      20000,
    );
    assert.match(await selection.first().innerText(), /\(17 selected\)/);
  });

  it('follows edits in the bin map', async () => {
    const frame = await webviewFrame(page, 'svg.plane');
    // The map's ticks list the edges; 55 is the only centMax of 55 in the file.
    await workbench.token('55').dblclick();
    await page.keyboard.type('70');
    await waitFor(
      'the centrality edge 70 in the map',
      async () => (await frame.locator('.axes text').allTextContents()).includes('70'),
      20000,
    );
    const ticks = await frame.locator('.axes text').allTextContents();
    assert.ok(!ticks.includes('55'), `ticks: ${ticks.join(', ')}`);
    await page.keyboard.press('Control+Z');
  });

  it('shows the quick inference report', async () => {
    const reference = cliInference(join(workspace, EXAMPLE_CONFIG), join(workspace, SAMPLE_FILE));
    await openFileByPath(page, EXAMPLE_CONFIG);
    await workbench.runCommand('DQ ML: Run quick inference on sample file…');
    await answerFileDialog(page, join(workspace, SAMPLE_FILE));
    const frame = await webviewFrame(page, '.status', 60000);
    assert.equal(
      await frame.locator('.status').innerText(),
      `Complete: ${countText(SAMPLE_ROWS)} rows read.`,
    );
    const rows = await frame
      .locator('table.bins tr[data-index]')
      .evaluateAll((elements) =>
        elements.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent)),
      );
    assert.deepEqual(
      rows.map((cells) => [cells[1], cells[2], cells[3]]),
      reference.bins.map((bin) => [bin.label, countText(bin.rows), countText(bin.passed)]),
    );
    const totals = await frame.locator('table.facts').first().innerText();
    assert.match(totals, new RegExp(`Dropped \\(in no bin\\)\\s+${countText(reference.dropped)}`));
    assert.match(totals, /Signal pass rate/);
    await waitFor(
      'one histogram per bin',
      async () =>
        (await frame.locator('figure.histogram canvas').count()) === reference.bins.length,
      20000,
    );
    await frame.locator('section.bin').first().scrollIntoViewIfNeeded();
    await screenshot('quick-inference');
  });

  it('reruns on the remembered sample', async () => {
    // Closing the report first means a report on screen afterwards comes from the rerun.
    // A retry finds the report already closed, so closing it is skipped then.
    const reportTab = page.locator('.tabs-container .tab').filter({ hasText: 'Quick inference:' });
    if ((await reportTab.count()) > 0) {
      await reportTab.first().click();
      await workbench.runCommand('View: Close Editor');
      await reportTab.first().waitFor({ state: 'detached', timeout: 20000 });
    }

    await openFileByPath(page, EXAMPLE_CONFIG);
    await workbench.runCommand('DQ ML: Run quick inference on sample file…');
    await pickTitledItem(page, 'Run quick inference on sample file', 'pairs.csv');
    const frame = await webviewFrame(page, '.status', 60000);
    await waitFor(
      'the report of the second run',
      async () => (await frame.locator('.status').innerText()).startsWith('Complete:'),
      60000,
    );
    assert.equal(
      await frame.locator('.status').innerText(),
      `Complete: ${countText(SAMPLE_ROWS)} rows read.`,
    );
  });

  it('inspects an ONNX model', async () => {
    const config = JSON.parse(readFileSync(join(workspace, EXAMPLE_CONFIG), 'utf8'));
    const model = (Object.values(config)[0] as { modelFiles: string[] }).modelFiles[0];
    await workbench.runCommand('DQ ML: Inspect ONNX model');
    await answerFileDialog(page, join(workspace, 'binary', model));
    await page
      .locator('.tabs-container .tab.active')
      .filter({ hasText: `Inspection of ${model}` })
      .waitFor({ timeout: 30000 });
    await page.locator('.editor-group-container.active .view-line').first().waitFor();
    await screenshot('onnx-inspection');

    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.locator('.editor-group-container.active .view-lines').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    let text = '';
    await waitFor(
      'the inspection text in the clipboard',
      async () => {
        text = await page.evaluate(() => navigator.clipboard.readText());
        return text.includes('Inputs:');
      },
      20000,
    );
    assert.match(text, /^\/.*\.onnx \(/, 'the first line names the file');
    assert.match(text, /ONNX Runtime: loaded/);
    assert.match(text, /input\s+float32\[1, 12\]/);
    assert.match(text, /feature_0 = kPt1/);
    assert.match(text, /Tree ensemble: TreeEnsembleClassifier/);
  });

  it('colours the bin map by pass rate', async () => {
    await openFileByPath(page, EXAMPLE_CONFIG);
    await workbench.runCommand('DQ ML: Show bin map');
    await waitFor(
      'the bin map of the example coloured by pass rate',
      async () => {
        const frame = await webviewFrame(page, 'svg.plane');
        const heading = await frame.locator('h1').innerText();
        return heading.includes('bdtCut.json') && (await frame.locator('p.rates').count()) === 1;
      },
      30000,
    );
    const frame = await webviewFrame(page, 'p.rates');
    const fills = await frame
      .locator('g.bin rect')
      .evaluateAll((rects) =>
        rects.map((rect) => [rect.getAttribute('fill'), getComputedStyle(rect).fill]),
      );
    assert.equal(fills.length, 4);
    for (const [attribute, computed] of fills) {
      assert.match(attribute ?? '', /^hsl\(/, 'each bin has a pass rate colour');
      assert.notEqual(computed, 'none');
    }
    // The pass rates of the sample differ, so the bins do not all share one colour.
    const colours = new Set(fills.map(([, computed]) => computed));
    assert.ok(colours.size >= 2, JSON.stringify(fills));
    assert.match(await frame.locator('p.rates').innerText(), /pairs\.csv/);
    await screenshot('bin-map-pass-rates');
  });

  it('marks a cancelled report incomplete', async () => {
    writeLargeSample(workspace, EXAMPLE_CONFIG);
    await openFileByPath(page, EXAMPLE_CONFIG);
    await workbench.runCommand('DQ ML: Run quick inference on sample file…');
    await pickTitledItem(page, 'Run quick inference on sample file', 'Choose a sample file');
    await answerFileDialog(page, join(workspace, LARGE_SAMPLE_FILE));
    await clickNotificationButton(page, /quick inference on large\.csv/, 'Cancel');

    const frame = await webviewFrame(page, '.status.partial', 60000);
    const status = await frame.locator('.status').innerText();
    assert.match(status, /^INCOMPLETE: the run was cancelled after [\d,]+ rows/);
    const rowsRead = Number(/after ([\d,]+) rows/.exec(status)![1].replace(/,/g, ''));
    assert.ok(rowsRead < LARGE_SAMPLE_ROWS, `rows read: ${rowsRead}`);
    await page
      .locator('.tabs-container .tab')
      .filter({ hasText: '(INCOMPLETE)' })
      .first()
      .waitFor({ timeout: 20000 });
    await page
      .locator('.notification-toast')
      .filter({ hasText: 'The report is marked INCOMPLETE' })
      .first()
      .waitFor({ timeout: 20000 });
    const sections = await frame.locator('section.bin h2').allInnerTexts();
    assert.ok(sections.length > 0);
    for (const heading of sections) assert.match(heading, /\(partial\)$/);
    await screenshot('quick-inference-cancelled');

    // The bin map of the example takes the partial rates and marks them INCOMPLETE.
    await openFileByPath(page, EXAMPLE_CONFIG);
    await workbench.runCommand('DQ ML: Show bin map');
    const map = await webviewFrame(page, 'p.rates.partial', 30000);
    assert.match(await map.locator('p.rates').innerText(), /large\.csv.*INCOMPLETE/s);
  });

  it('breaks no webview security policy', () => {
    // The webviews ran above: the model table, the bin map and the inference report.
    const fromWebviews = securityReports.filter((report) => /webview|vscode-resource/.test(report));
    assert.deepEqual(fromWebviews, []);
  });
});
