// Bundles the CLI, the language server and the VS Code client with esbuild. Type checking
// is separate (`npm run typecheck`), so a build never waits for it.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Native or file-reading packages stay outside the bundles and ship in node_modules. */
const external = ['vscode', 'onnxruntime-node', 'jsroot', 'canvas'];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  external,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from esbuild; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const entries = [
  {
    entryPoints: ['server/src/cli/bin.ts'],
    outfile: 'bin/dqml.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'server/out/server.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' },
];

/**
 * The webview scripts run in the webview's browser context, each bundled with its CSS. The
 * model table has no script, only a style sheet.
 */
const webviewEntries = [
  ...['binMap', 'inference'].map((name) => ({
    entryPoints: [`client/src/webviews/browser/${name}.ts`],
    outfile: `client/out/webviews/${name}.js`,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    external: [],
  })),
  {
    entryPoints: ['client/src/webviews/browser/modelTable.css'],
    outfile: 'client/out/webviews/modelTable.css',
    external: [],
  },
];

const contexts = await Promise.all(
  [...entries, ...webviewEntries]
    .filter(
      (entry) =>
        !process.env.DQML_BUILD_ONLY || entry.outfile.includes(process.env.DQML_BUILD_ONLY),
    )
    .map((entry) => esbuild.context({ ...common, ...entry })),
);
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
