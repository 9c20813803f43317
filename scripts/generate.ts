/**
 * Writes the files derived from the domain lists of the analysis core: the JSON schema
 * and the TextMate injection grammar. `--check` writes nothing and exits 1 when a file is
 * out of date.
 *
 *   node --import tsx scripts/generate.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles, type GeneratedFile } from './generated';

const root = join(__dirname, '..');

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files: GeneratedFile[] = await generatedFiles(root);
  let stale = 0;
  for (const file of files) {
    const path = join(root, file.path);
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === file.text) continue;
    if (check) {
      console.error(`${file.path} is out of date: run \`npm run generate\`.`);
      stale++;
    } else {
      writeFileSync(path, file.text);
      console.log(`Wrote ${file.path}.`);
    }
  }
  if (stale > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
