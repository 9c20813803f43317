/**
 * Drives the VS Code workbench that code-server serves, through the keyboard and mouse as
 * a person would, and reads what it shows. Every wait has a deadline.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { waitFor } from './codeServer';
import { OUTPUT_DIR } from './environment';

const QUICK_INPUT = '.quick-input-widget';

export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await this.page.locator('.statusbar').waitFor({ timeout: 60000 });
    // The Explorer lists the folder once the remote file system is connected.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({
      timeout: 60000,
    });
  }

  async screenshot(name: string): Promise<string> {
    const path = join(OUTPUT_DIR, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor tab. */
  async openFile(relativePath: string): Promise<void> {
    const name = relativePath.split('/').pop() ?? relativePath;
    const input = await this.openQuickInput('Control+P');
    await input.fill(relativePath);
    const row = this.page
      .locator(`${QUICK_INPUT} .monaco-list-row`)
      .filter({ hasText: name })
      .first();
    await row.waitFor({ timeout: 20000 });
    await this.page.keyboard.press('Enter');
    await this.activeTab(name).waitFor({ timeout: 20000 });
    await this.page.locator('.editor-instance .view-lines').first().waitFor({ timeout: 20000 });
  }

  activeTab(name: string): Locator {
    return this.page.locator('.tabs-container .tab.active').filter({ hasText: name });
  }

  /**
   * Presses the key that opens a quick input and returns its text box. A key press that
   * lands while the workbench moves focus can get lost, so it is repeated until the box
   * shows.
   */
  private async openQuickInput(key: string): Promise<Locator> {
    const input = this.page.locator(`${QUICK_INPUT} input`).filter({ visible: true });
    await waitFor(
      `the quick input opened by ${key}`,
      async () => {
        await this.page.keyboard.press(key);
        await input.first().waitFor({ timeout: 2000 });
        return true;
      },
      20000,
      100,
    );
    return input.first();
  }

  /**
   * Runs a command from the Command Palette (F1) by its title. The palette closes when an
   * editor takes the focus (e.g. a saved untitled file reopening), so the whole sequence
   * is repeated until the command row could be clicked.
   */
  async runCommand(title: string): Promise<void> {
    await waitFor(
      `the command "${title}" to run`,
      async () => {
        try {
          const input = await this.openQuickInput('F1');
          await input.fill(`>${title}`, { timeout: 3000 });
          const row = this.page
            .locator(`${QUICK_INPUT} .monaco-list-row`)
            .filter({ hasText: title })
            .first();
          await row.click({ timeout: 5000 });
          return true;
        } catch (error) {
          await this.page.keyboard.press('Escape');
          throw error;
        }
      },
      40000,
      500,
    );
  }

  /** Picks an item of the open quick pick by its label. */
  async pickQuickItem(label: string): Promise<void> {
    const row = this.page
      .locator(`${QUICK_INPUT} .monaco-list-row`)
      .filter({ hasText: label })
      .first();
    await row.waitFor({ timeout: 20000 });
    await row.click();
  }

  /** Types into the open input box and accepts it with Enter. */
  async answerInputBox(text: string, titlePart: string): Promise<void> {
    const widget = this.page.locator(QUICK_INPUT).filter({ hasText: titlePart });
    await widget.waitFor({ timeout: 20000 });
    const input = widget.locator('input');
    await input.fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** Opens the Problems panel and returns the text of its rows once `ready` accepts them. */
  async problems(ready: (rows: string[]) => boolean, timeoutMs = 30000): Promise<string[]> {
    await this.page.keyboard.press('Control+Shift+M');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ timeout: 10000 });
    let rows: string[] = [];
    await waitFor(
      'the Problems panel to list the expected rows',
      async () => {
        // The text of a row includes the source and code, e.g. "dqml(wrong-value-type)".
        rows = await panel.locator('.monaco-list-row').allTextContents();
        return ready(rows);
      },
      timeoutMs,
    );
    return rows;
  }

  /**
   * The span of the editor's rendered text that shows `text`, with or without quotes:
   * the editor renders a string and its quotes as one span when they have one color.
   */
  token(text: string): Locator {
    return this.page
      .locator('.editor-instance .view-lines span span')
      .filter({ hasText: new RegExp(`^"?${escapeRegExp(text)}"?$`) })
      .first();
  }

  /** Waits until the panel shows `text`, e.g. in an output channel. */
  async panelText(text: string, timeoutMs = 30000): Promise<void> {
    await this.page
      .locator('.panel .view-lines')
      .filter({ hasText: text })
      .first()
      .waitFor({ timeout: timeoutMs });
  }

  /** Moves the mouse over a token and returns the text of the hover that appears. */
  async hover(text: string, expected: RegExp, timeoutMs = 20000): Promise<string> {
    const token = this.token(text);
    await token.waitFor({ timeout: 10000 });
    let content = '';
    await waitFor(
      `a hover on ${text} matching ${expected}`,
      async () => {
        await token.hover();
        const hover = this.page.locator('.monaco-hover:visible');
        if ((await hover.count()) === 0) return false;
        content = (await hover.allInnerTexts()).join('\n');
        return expected.test(content);
      },
      timeoutMs,
      500,
    );
    return content;
  }

  /** Puts the cursor on a token, opens the quick fix menu and applies the matching fix. */
  async applyQuickFix(text: string, title: RegExp): Promise<string> {
    await this.token(text).click();
    let chosen = '';
    await waitFor(
      `a quick fix matching ${title} on ${text}`,
      async () => {
        await this.page.keyboard.press('Control+.');
        const rows = this.page.locator('.action-widget .monaco-list-row');
        await rows.first().waitFor({ timeout: 3000 });
        const labels = await rows.allInnerTexts();
        const index = labels.findIndex((label) => title.test(label));
        if (index < 0) {
          await this.page.keyboard.press('Escape');
          return false;
        }
        chosen = labels[index];
        await rows.nth(index).click();
        return true;
      },
      20000,
      500,
    );
    return chosen;
  }

  /**
   * Puts the cursor on a token and returns the TextMate scopes that "Developer: Inspect
   * Editor Tokens and Scopes" lists for it.
   */
  async tokenScopes(text: string): Promise<string> {
    await this.token(text).click();
    await this.runCommand('Developer: Inspect Editor Tokens and Scopes');
    const widget = this.page.locator('.token-inspect-widget');
    await widget.waitFor({ timeout: 10000 });
    const content = await widget.innerText();
    await this.page.keyboard.press('Escape');
    return content;
  }

  /** The status bar item of the extension, found by its text. */
  statusItem(): Locator {
    return this.page.locator('.statusbar-item').filter({ hasText: 'DQ ML:' }).first();
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
