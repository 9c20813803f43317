// Builds the extension for one platform and packages it with @vscode/vsce:
//
//   node scripts/package.mjs [--target linux-x64] [--out FILE] [--no-build] [--no-smoke]
//
// Each .vsix contains the onnxruntime-node binaries of its own platform only. The script
// prints the size and the contents of the package, checks them against the allow-list of
// .vscodeignore and, when the target is this machine's platform, loads the packaged
// runtime modules and starts the packaged server to see that nothing it needs is missing.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractAll, listEntries } from './vsix.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ORT_BIN = 'node_modules/onnxruntime-node/bin/napi-v6';
const ORT_LINE = /^!node_modules\/onnxruntime-node\/bin\/napi-v6\/[^/]+\/[^/]+\/\*$/m;

/** Files every package must hold, relative to the extension folder. */
const REQUIRED = [
  'package.json',
  'LICENSE',
  'client/out/extension.js',
  'server/out/server.js',
  'schemas/bdt-config.schema.json',
  'syntaxes/dqml.injection.tmLanguage.json',
  'node_modules/onnxruntime-node/dist/index.js',
  'node_modules/onnxruntime-common/dist/cjs/index.js',
  // Marks dist/cjs as CommonJS inside a package of type module.
  'node_modules/onnxruntime-common/dist/cjs/package.json',
  'node_modules/jsroot/modules/io.mjs',
  'node_modules/jsroot/modules/tree.mjs',
  'node_modules/@oneidentity/zstd-js/lib/index.cjs.js',
];

/** Allow-list lines that may match nothing while those files do not exist yet. */
const OPTIONAL_PATTERNS = new Set(['README.md', 'CHANGELOG.md', 'docs/**', 'examples/**']);

/** Files vsce adds to every package besides the extension folder. */
const VSCE_FILES = new Set(['extension.vsixmanifest', '[Content_Types].xml']);
/** vsce stores these files under other names; compare them under their own. */
const VSCE_RENAMED = new Map([
  ['LICENSE.txt', 'LICENSE'],
  ['readme.md', 'README.md'],
  ['changelog.md', 'CHANGELOG.md'],
]);

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** Maps the VS Code targets that onnxruntime-node ships binaries for to their folders. */
function supportedTargets() {
  const targets = new Map();
  for (const platform of readdirSync(join(root, ORT_BIN))) {
    for (const arch of readdirSync(join(root, ORT_BIN, platform))) {
      targets.set(`${platform}-${arch}`, `${platform}/${arch}`);
    }
  }
  return targets;
}

/** Converts an allow-list glob (`*` within a folder, `**` across folders) to a RegExp. */
function globToRegExp(glob) {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (char === '*' && glob[index + 1] === '*') {
      const slash = glob[index + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

function allowPatterns(ignoreText) {
  return ignoreText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => ({ glob: line.slice(1), regexp: globToRegExp(line.slice(1)) }));
}

/** Returns the problems of a package's file list; an empty list means it passes. */
function checkContents(files, patterns, ortFolder) {
  const problems = [];
  for (const file of REQUIRED) {
    if (!files.includes(file)) problems.push(`missing ${file}`);
  }
  if (!files.some((file) => file.startsWith(`${ORT_BIN}/${ortFolder}/onnxruntime_binding.node`))) {
    problems.push(`missing the onnxruntime binding of ${ortFolder}`);
  }
  for (const file of files) {
    if (!patterns.some((pattern) => pattern.regexp.test(file))) {
      problems.push(`${file} is not on the allow-list`);
    }
    if (file.startsWith(`${ORT_BIN}/`) && !file.startsWith(`${ORT_BIN}/${ortFolder}/`)) {
      problems.push(`${file} belongs to another platform`);
    }
    if (/\.(ts|map)$/.test(file) && !file.endsWith('.d.ts')) {
      problems.push(`${file} is a source or source map file`);
    }
  }
  for (const pattern of patterns) {
    if (files.some((file) => pattern.regexp.test(file))) continue;
    if (OPTIONAL_PATTERNS.has(pattern.glob)) {
      console.warn(`package: note: nothing matches the optional allow-list line ${pattern.glob}`);
    } else if (!pattern.glob.startsWith(`${ORT_BIN}/`)) {
      problems.push(`the allow-list line ${pattern.glob} matches no file`);
    }
  }
  return problems;
}

function formatSize(bytes) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} exited with ${result.status}.`);
}

/** Sends `initialize` to the packaged server over stdio and waits for its response. */
function initializeServer(serverPath, timeoutMs) {
  return new Promise((resolvePromise, rejectPromise) => {
    const child = spawn(process.execPath, [serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    const timer = setTimeout(() => {
      child.kill();
      rejectPromise(new Error(`no response to initialize within ${timeoutMs} ms. ${errors}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      if (output.includes('"capabilities"')) {
        clearTimeout(timer);
        child.kill();
        resolvePromise();
      }
    });
    child.stderr.on('data', (chunk) => (errors += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!output.includes('"capabilities"')) {
        rejectPromise(new Error(`the server exited with ${code} before responding. ${errors}`));
      }
    });
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: process.pid, rootUri: null, capabilities: {} },
    });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

/** Loads the packaged runtime modules and starts the packaged server. */
async function smokeTest(vsixPath) {
  const folder = mkdtempSync(join(tmpdir(), 'dqml-vsix-'));
  try {
    extractAll(vsixPath, folder);
    const extension = join(folder, 'extension');
    const modules = join(extension, 'node_modules');
    const check = [
      `require(${JSON.stringify(join(modules, 'onnxruntime-node'))});`,
      `await import(${JSON.stringify(join(modules, 'jsroot/modules/io.mjs'))});`,
      `await import(${JSON.stringify(join(modules, 'jsroot/modules/tree.mjs'))});`,
      `await import(${JSON.stringify(join(modules, 'jsroot/modules/base/lzma.mjs'))});`,
      `const zstd = require(${JSON.stringify(join(modules, '@oneidentity/zstd-js'))});`,
      `await zstd.ZstdInit();`,
    ].join('\n');
    const result = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);\n${check}`,
      ],
      {
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) {
      fail(`the packaged runtime modules do not load:\n${result.stderr}`);
    }
    await initializeServer(join(extension, 'server/out/server.js'), 20000);
    console.log('Smoke test: onnxruntime-node, jsroot and zstd load, and the server initializes.');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', default: 'linux-x64' },
      out: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'no-smoke': { type: 'boolean', default: false },
    },
  });
  const targets = supportedTargets();
  const ortFolder = targets.get(values.target);
  if (!ortFolder) {
    fail(
      `onnxruntime-node has no binaries for ${values.target}. ` +
        `Targets it ships: ${[...targets.keys()].join(', ')}.`,
    );
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const vsixPath = resolve(
    root,
    values.out ?? join('dist', `${manifest.name}-${manifest.version}-${values.target}.vsix`),
  );
  mkdirSync(dirname(vsixPath), { recursive: true });

  const ignoreText = readFileSync(join(root, '.vscodeignore'), 'utf8');
  if (!ORT_LINE.test(ignoreText)) {
    fail(
      '.vscodeignore has no "!node_modules/onnxruntime-node/bin/napi-v6/<platform>/<arch>/*" line.',
    );
  }
  const targetIgnore = ignoreText.replace(ORT_LINE, `!${ORT_BIN}/${ortFolder}/*`);
  const scratch = mkdtempSync(join(tmpdir(), 'dqml-package-'));
  const ignoreFile = join(scratch, '.vscodeignore');
  writeFileSync(ignoreFile, targetIgnore);

  try {
    if (!values['no-build']) run(process.execPath, ['scripts/build.mjs', '--production']);
    const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
    run(process.execPath, [
      vsce,
      'package',
      '--target',
      values.target,
      '--out',
      vsixPath,
      '--ignoreFile',
      ignoreFile,
      // Relative links in README.md resolve inside the installed extension, where docs/
      // is packaged; rewriting them would need a public repository URL.
      '--no-rewrite-relative-links',
    ]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const entries = listEntries(readFileSync(vsixPath));
  const files = entries
    .filter((entry) => !entry.name.endsWith('/') && !VSCE_FILES.has(entry.name))
    .map((entry) => {
      const name = entry.name.replace(/^extension\//, '');
      return { ...entry, name: VSCE_RENAMED.get(name) ?? name };
    });
  console.log(`\nContents of ${relative(root, vsixPath)}:`);
  for (const file of files.sort((a, b) => a.name.localeCompare(b.name))) {
    console.log(`  ${formatSize(file.size).padStart(10)}  ${file.name}`);
  }
  const unpacked = files.reduce((sum, file) => sum + file.size, 0);
  console.log(
    `\n${relative(root, vsixPath)}: ${formatSize(statSync(vsixPath).size)} packed, ` +
      `${formatSize(unpacked)} unpacked, ${files.length} files, target ${values.target}.`,
  );

  const problems = checkContents(
    files.map((file) => file.name),
    allowPatterns(targetIgnore),
    ortFolder,
  );
  if (problems.length > 0) {
    fail(`the package does not match the allow-list:\n  ${problems.join('\n  ')}`);
  }
  console.log('The contents match the allow-list of .vscodeignore.');

  const host = `${process.platform}-${process.arch}`;
  if (values['no-smoke']) return;
  if (host !== values.target) {
    console.log(`Smoke test skipped: this machine is ${host}, the package is ${values.target}.`);
    return;
  }
  if (!existsSync(vsixPath)) fail(`${vsixPath} was not written.`);
  await smokeTest(vsixPath);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
