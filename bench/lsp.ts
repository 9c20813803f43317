import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LspSession } from '../test/support/lspClient';
import { largeConfigText } from './core';
import { summarize, type BenchResult } from './stats';

const ROOT = resolve(__dirname, '..');

function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kilobytes / 1024;
}

async function timeOpen(
  session: LspSession,
  name: string,
  text: string,
  runs: number,
): Promise<BenchResult> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const uri = `file:///bench/${name.replace(/\W+/g, '-')}-${run}/bdtCut.json`;
    const start = performance.now();
    await session.open(uri, text);
    await session.waitForDiagnostics(uri, 1);
    times.push(performance.now() - start);
  }
  return summarize(`${name}: didOpen to publishDiagnostics`, times);
}

async function timeEdit(session: LspSession, text: string, runs: number): Promise<BenchResult> {
  const uri = 'file:///bench/edit/bdtCut.json';
  await session.open(uri, text);
  await session.waitForDiagnostics(uri, 1);
  const offset = text.indexOf('"cut": 0.5') + '"cut": 0.'.length;
  const position = {
    line: text.slice(0, offset).split('\n').length - 1,
    character: offset - text.lastIndexOf('\n', offset - 1) - 1,
  };
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const version = run + 2;
    const start = performance.now();
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        {
          range: { start: position, end: { ...position, character: position.character + 1 } },
          text: String((run % 9) + 1),
        },
      ],
    });
    await session.waitForDiagnostics(uri, version);
    times.push(performance.now() - start);
  }
  const result = summarize(
    'one-character edit to new diagnostics (includes the 200 ms debounce)',
    times,
  );
  return result;
}

/** Times the server over stdio: first diagnostics, edits, and memory with 50 configs open. */
export async function benchLsp(): Promise<BenchResult[]> {
  const example = readFileSync(resolve(ROOT, 'examples/binary/bdtCut.json'), 'utf8');
  const large = largeConfigText();
  const session = await LspSession.start();
  try {
    const results = [
      await timeOpen(session, 'binary example', example, 30),
      await timeOpen(session, '1000-bin config', large, 10),
      await timeEdit(session, example, 10),
    ];
    const memorySession = await LspSession.start();
    try {
      for (let index = 0; index < 50; index++) {
        const uri = `file:///bench/memory-${index}/bdtCut.json`;
        await memorySession.open(uri, example);
        await memorySession.waitForDiagnostics(uri, 1);
      }
      const megabytes = residentMegabytes(memorySession.process.pid!);
      results.push({
        name: 'server resident memory, 50 configs open',
        runs: 1,
        medianMs: NaN,
        iqrMs: NaN,
        minMs: NaN,
        note: `${megabytes.toFixed(0)} MB`,
      });
    } finally {
      await memorySession.stop();
    }
    return results;
  } finally {
    await session.stop();
  }
}
