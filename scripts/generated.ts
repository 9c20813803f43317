/**
 * The files that scripts/generate.ts writes, computed in memory so that a unit test can
 * compare them with the committed ones.
 */
import { join } from 'node:path';
import * as prettier from 'prettier';
import { buildConfigSchema } from '../schemas/src/schema';
import { buildInjectionGrammar, GRAMMAR_FILE } from '../syntaxes/src/grammar';

export interface GeneratedFile {
  /** Path relative to the repository root. */
  path: string;
  text: string;
}

export const SCHEMA_FILE = 'schemas/bdt-config.schema.json';

async function formatJson(root: string, path: string, value: unknown): Promise<string> {
  const options = (await prettier.resolveConfig(join(root, path))) ?? {};
  return prettier.format(JSON.stringify(value), { ...options, filepath: path });
}

/** Computes every generated file from the sources in the repository at `root`. */
export async function generatedFiles(root: string): Promise<GeneratedFile[]> {
  return [
    { path: SCHEMA_FILE, text: await formatJson(root, SCHEMA_FILE, buildConfigSchema()) },
    { path: GRAMMAR_FILE, text: await formatJson(root, GRAMMAR_FILE, buildInjectionGrammar()) },
  ];
}
