import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { benchCore } from './core';
import { benchInference } from './inference';
import { benchLsp } from './lsp';
import { benchOnnx } from './onnx';
import type { BenchResult } from './stats';

interface Section {
  title: string;
  target: string;
  /** Explanation of what bounds the numbers, where a target is hard to reach. */
  notes?: string;
  run: () => Promise<BenchResult[]>;
}

const SECTIONS: Section[] = [
  {
    title: 'Analysis core',
    target:
      'typical file under 1 ms, 1000-bin file under 20 ms, ratio to schema validation at most 1',
    notes:
      'The 1000-bin config is about 700 kB of JSON. Building its tree with jsonc-parser and the model from it takes most of the time; the rules take a few milliseconds.',
    run: benchCore,
  },
  {
    title: 'Language server over stdio',
    target: 'first diagnostics under 50 ms (example) and 100 ms (1000 bins), memory under 150 MB',
    run: benchLsp,
  },
  {
    title: 'ONNX model checks',
    target: 'the 4 models of the binary example under 200 ms cold, under 5 ms warm',
    run: benchOnnx,
  },
  {
    title: 'Quick inference',
    target:
      'pipeline end to end at least 20× the per-row rate and at least 80 % of raw batched session.run',
    notes:
      'The per-row rate calls session.run once per row from Node, as the framework calls the model once per candidate. On one thread the batched tree-ensemble kernel of ONNX Runtime is only about ten times faster than that (the raw rows), so no pipeline on top of it reaches 20×; on 20k rows, reading the file and loading the models also weigh against a few tens of milliseconds of inference.',
    run: benchInference,
  },
];

function format(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value.toFixed(value < 1 ? 3 : 1);
}

async function main(): Promise<void> {
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}.`,
    'Times in milliseconds: median, interquartile range and minimum over the given number of runs.',
    `Load average when the run started: ${loadavg()
      .map((value) => value.toFixed(2))
      .join(', ')} (1, 5 and 15 minutes); other work on the machine slows every number.`,
    '',
  ];
  for (const section of SECTIONS) {
    process.stderr.write(`Running ${section.title}…\n`);
    const results = await section.run();
    lines.push(
      `## ${section.title}`,
      '',
      `Target: ${section.target}.`,
      '',
      ...(section.notes ? [section.notes, ''] : []),
      '| case | runs | median | IQR | min | note |',
      '|---|---|---|---|---|---|',
    );
    for (const result of results) {
      lines.push(
        `| ${result.name} | ${result.runs} | ${format(result.medianMs)} | ${format(result.iqrMs)} | ${format(result.minMs)} | ${result.note ?? ''} |`,
      );
    }
    lines.push('');
  }
  const text = lines.join('\n');
  writeFileSync(resolve(__dirname, '..', 'BENCHMARKS.md'), `${text}\n`);
  process.stdout.write(`${text}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
