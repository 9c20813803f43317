import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getLanguageService, TextDocument as JsonTextDocument } from 'vscode-json-languageservice';
import { analyzeConfig } from '../server/src/core/analyze';
import { newConfigText } from '../server/src/core/newConfig';
import { measure, type BenchResult } from './stats';

const ROOT = resolve(__dirname, '..');

/** A MultiClass config of 10 centrality × 100 pT blocks: 1000 bins. */
export function largeConfigText(): string {
  return newConfigText({
    type: 'MultiClass',
    estimator: 'kCentFT0C',
    centralityEdges: Array.from({ length: 11 }, (_, index) => index * 10),
    ptEdges: Array.from({ length: 101 }, (_, index) => index * 0.2),
  });
}

async function schemaValidationTime(name: string, text: string): Promise<BenchResult | undefined> {
  const schemaPath = resolve(ROOT, 'schemas/bdt-config.schema.json');
  if (!existsSync(schemaPath)) return undefined;
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
  const service = getLanguageService({});
  service.configure({
    validate: true,
    schemas: [{ uri: 'dqml://schema', fileMatch: ['*.json'], schema }],
  });
  const document = JsonTextDocument.create('file:///bench/bdtCut.json', 'json', 1, text);
  return measure(`${name}: vscode-json-languageservice schema validation`, async () => {
    const parsed = service.parseJSONDocument(document);
    await service.doValidation(document, parsed);
  });
}

/** Times the full analysis of the bundled binary example and of a 1000-bin config. */
export async function benchCore(): Promise<BenchResult[]> {
  const cases: Array<[string, string]> = [
    ['binary example', readFileSync(resolve(ROOT, 'examples/binary/bdtCut.json'), 'utf8')],
    ['1000-bin MultiClass config', largeConfigText()],
  ];
  const results: BenchResult[] = [];
  for (const [name, text] of cases) {
    const ours = await measure(`${name}: dqml analysis`, () =>
      analyzeConfig(text, { checkModelFiles: false }),
    );
    const schema = await schemaValidationTime(name, text);
    if (schema)
      ours.note = `ratio to schema validation: ${(ours.medianMs / schema.medianMs).toFixed(2)}`;
    results.push(ours);
    if (schema) results.push(schema);
  }
  return results;
}
