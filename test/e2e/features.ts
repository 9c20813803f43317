/**
 * Helpers of the end-to-end tests of the feature commands: files they add to the
 * workspace, and access to webviews, notifications and dialogs of the workbench.
 */
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { waitFor } from './codeServer';
import { ROOT } from './environment';

export const DPL_FILE = 'dpl/dpl-config.json';
export const BIN_MAP_CONFIG = 'binmap/bdtCutOverlap.json';
export const SAMPLE_FILE = 'samples/pairs.csv';
export const SAMPLE_ROWS = 3000;
export const LARGE_SAMPLE_FILE = 'samples/large.csv';
export const LARGE_SAMPLE_ROWS = 1_200_000;
const WRITE_BLOCK_ROWS = 10_000;

/**
 * A config whose bins overlap (centrality 20–30 % belongs to both blocks) and leave a gap
 * (pT 2–3 GeV/c below centrality 20 %), so the bin map shows both.
 */
const OVERLAP_CONFIG = {
  OverlapCut: {
    type: 'Binary',
    inputFeatures: ['kPt1', 'kPt2'],
    modelFiles: ['low.onnx', 'high.onnx', 'peripheral.onnx'],
    cent: 'kCentFT0C',
    'AddCentCut-Cent0030': {
      centMin: 0,
      centMax: 30,
      'AddPtCut-pTBin1': {
        pTMin: 0,
        pTMax: 2,
        'AddMLCut-background': { var: 'kBdtBackground', cut: 0.3, exclude: true },
      },
      'AddPtCut-pTBin2': {
        pTMin: 3,
        pTMax: 20,
        'AddMLCut-background': { var: 'kBdtBackground', cut: 0.4, exclude: true },
      },
    },
    'AddCentCut-Cent2055': {
      centMin: 20,
      centMax: 55,
      'AddPtCut-pTBin1': {
        pTMin: 0,
        pTMax: 20,
        'AddMLCut-background': { var: 'kBdtBackground', cut: 0.5, exclude: true },
      },
    },
  },
};

/** Returns a reproducible generator of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Writes a DielectronsAll-like CSV for the features of a config: uniform values in rough
 * physical ranges, fPt over 0–25 GeV/c (so some rows fall in no bin), fCentFT0C and
 * fMcDecision.
 */
function writeSample(path: string, features: readonly string[], rows: number): void {
  const random = seededRandom(2024);
  const ranges: Record<string, [number, number]> = {
    Pt: [0.2, 8],
    DcaXY: [-0.1, 0.1],
    DcaZ: [-0.2, 0.2],
    TPCNSigmaEl: [-3, 3],
    TPCNSigmaPi: [-2, 6],
    ITSChi2NCl: [0, 6],
  };
  const columns = features.map((feature) => `f${feature.slice(1)}`);
  const range = (column: string): [number, number] => {
    const stem = column.slice(1).replace(/[12]$/, '');
    return ranges[stem] ?? [0, 1];
  };
  const file = openSync(path, 'w');
  try {
    writeSync(file, `${[...columns, 'fPt', 'fCentFT0C', 'fMcDecision'].join(',')}\n`);
    // Rows are written in blocks, so a large sample never sits in memory as one string.
    for (let start = 0; start < rows; start += WRITE_BLOCK_ROWS) {
      const lines: string[] = [];
      for (let row = start; row < Math.min(start + WRITE_BLOCK_ROWS, rows); row++) {
        const values = columns.map((column) => {
          const [low, high] = range(column);
          return (low + (high - low) * random()).toFixed(4);
        });
        values.push((25 * random()).toFixed(3), (60 * random()).toFixed(2));
        values.push(String(Math.floor(random() * 3)));
        lines.push(values.join(','));
      }
      writeSync(file, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(file);
  }
}

function exampleFeatures(workspace: string, exampleConfig: string): string[] {
  const config = JSON.parse(readFileSync(join(workspace, exampleConfig), 'utf8'));
  return (Object.values(config)[0] as { inputFeatures: string[] }).inputFeatures;
}

/**
 * Writes a sample large enough that a quick inference runs for seconds (1.2 million rows,
 * about 100 MB), so the test can cancel it while it reads.
 */
export function writeLargeSample(workspace: string, exampleConfig: string): void {
  const features = exampleFeatures(workspace, exampleConfig);
  writeSample(join(workspace, LARGE_SAMPLE_FILE), features, LARGE_SAMPLE_ROWS);
}

/** Adds the DPL file, the overlapping config and the sample to the workspace. */
export function addFeatureFiles(workspace: string, exampleConfig: string): void {
  mkdirSync(join(workspace, 'dpl'), { recursive: true });
  copyFileSync(join(ROOT, 'test/fixtures/dpl/ccdb-models.json'), join(workspace, DPL_FILE));
  mkdirSync(join(workspace, 'binmap'), { recursive: true });
  writeFileSync(join(workspace, BIN_MAP_CONFIG), `${JSON.stringify(OVERLAP_CONFIG, null, 2)}\n`);
  mkdirSync(join(workspace, 'samples'), { recursive: true });
  writeSample(join(workspace, SAMPLE_FILE), exampleFeatures(workspace, exampleConfig), SAMPLE_ROWS);
}

/**
 * Returns the frame of the visible webview whose document has `selector`. A webview is
 * two nested iframes in the workbench, and the inner one contains the extension's page.
 */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 30000) {
  let found: Frame | undefined;
  await waitFor(
    `a webview showing ${selector}`,
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        if (
          (await frame
            .locator(selector)
            .count()
            .catch(() => 0)) > 0
        ) {
          found = frame;
          return true;
        }
      }
      return false;
    },
    timeoutMs,
  );
  return found!;
}

/** Clicks a button of the notification toast whose text matches `text`. */
export async function clickNotificationButton(page: Page, text: RegExp, button: string) {
  const toast = page.locator('.notification-toast').filter({ hasText: text }).first();
  await toast.waitFor({ timeout: 30000 });
  await toast.locator('.monaco-button').filter({ hasText: button }).first().click();
}

/** Clicks a button of the modal dialog, e.g. the one `showWarningMessage` opens with `modal`. */
export async function clickDialogButton(page: Page, button: string): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30000 });
  const message = await dialog.innerText();
  await dialog.locator('.monaco-button').filter({ hasText: button }).first().click();
  return message;
}

/**
 * Types a path into the simple file dialog that code-server opens for `showOpenDialog`
 * and accepts it. Enter is pressed again while the dialog stays open, because the dialog
 * may first complete the path. The path is typed again when the dialog's own completion
 * has changed it, which happens while the dialog is still listing the folder.
 */
export async function answerFileDialog(page: Page, path: string): Promise<void> {
  const input: Locator = page.locator('.quick-input-widget input').filter({ visible: true });
  await input.first().waitFor({ timeout: 20000 });
  await input.first().fill(path);
  await waitFor(
    `the file dialog to accept ${path}`,
    async () => {
      if ((await input.count()) === 0) return true;
      const typed = await input
        .first()
        .inputValue({ timeout: 1000 })
        .catch(() => path);
      if (typed !== path) await input.first().fill(path);
      await page.keyboard.press('Enter');
      await input
        .first()
        .waitFor({ state: 'hidden', timeout: 2000 })
        .catch(() => undefined);
      return (await input.count()) === 0;
    },
    40000,
    250,
  );
}

/**
 * Opens a workspace file through Quick Open by clicking the row of its folder, since
 * pressing Enter may open another recently used file of the same name.
 */
export async function openFileByPath(page: Page, relativePath: string): Promise<void> {
  const parts = relativePath.split('/');
  const name = parts.pop() ?? relativePath;
  const folder = parts.join('/');
  const input = page.locator('.quick-input-widget input').filter({ visible: true });
  await waitFor(
    'Quick Open',
    async () => {
      await page.keyboard.press('Control+P');
      await input.first().waitFor({ timeout: 2000 });
      return true;
    },
    20000,
    100,
  );
  await input.first().fill(relativePath);
  const row = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ hasText: name })
    .filter({ hasText: folder });
  await row.first().click({ timeout: 20000 });
  await page
    .locator(`.tabs-container .tab.active[data-resource-name="${name}"]`)
    .first()
    .waitFor({ timeout: 20000 });
}

/** Clicks an item of the quick pick whose title contains `titlePart`. */
export async function pickTitledItem(page: Page, titlePart: string, label: string) {
  const widget = page
    .locator('.quick-input-widget')
    .filter({ has: page.locator('.quick-input-title', { hasText: titlePart }) });
  await widget.waitFor({ timeout: 20000 });
  await widget.locator('.monaco-list-row').filter({ hasText: label }).first().click();
}
