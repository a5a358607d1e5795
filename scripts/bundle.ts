/**
 * Bundles what runs: the VS Code client, the language server and the CLI,
 * each one CommonJS file in dist/ with every dependency inside (vscode external).
 */
import { build, type BuildOptions } from 'esbuild';
import * as fs from 'node:fs';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  minify: process.env.PLANLINT_MINIFY !== '0',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  // the UMD build of jsonc-parser (its "main") require()s its own files at run time, which a bundle cannot follow
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // ESM dependencies (fdir via tinyglobby) use import.meta.url, which CommonJS output lacks
  define: { 'import.meta.url': '__planlint_import_meta_url' },
};

const entries: { in: string; out: string; bin?: boolean }[] = [
  { in: 'server/src/cli/bin.ts', out: 'dist/cli.cjs', bin: true },
  { in: 'server/src/lsp/bin.ts', out: 'dist/server.cjs', bin: true },
  { in: 'client/src/extension.ts', out: 'dist/extension.cjs' },
];

/**
 * VS Code for the Web: the client for the web extension host, the server for a web worker. Node's modules the
 * bundled code names are shims (server/src/lsp/web/): a browser has no file system, and the server reaches it only
 * for file: URIs, which the web editor never gives it.
 */
const web: BuildOptions = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  alias: {
    ...common.alias,
    'node:fs': './server/src/lsp/web/no-fs.cjs',
    'node:fs/promises': './server/src/lsp/web/no-fs.cjs',
    'node:url': './server/src/lsp/web/no-url.cjs',
    'node:crypto': './server/src/lsp/web/crypto.cjs',
    'node:path': 'path-browserify',
    fs: './server/src/lsp/web/no-fs.cjs',
    path: 'path-browserify',
    url: './server/src/lsp/web/no-url.cjs',
    module: './server/src/lsp/web/no-module.cjs',
    'node:module': './server/src/lsp/web/no-module.cjs',
  },
  // both run in workers: no DOM (decode-named-character-reference has a DOM build for "browser" and a plain one for "worker")
  conditions: ['worker'],
  inject: ['./server/src/lsp/web/process.mjs'],
  define: { ...common.define, 'process.env.NODE_ENV': '"production"' },
};
const webEntries: { in: string; out: string; format: 'cjs' | 'iife' }[] = [
  { in: 'client/src/extension-web.ts', out: 'dist/web/extension.cjs', format: 'cjs' },
  { in: 'server/src/lsp/browser.ts', out: 'dist/web/server.js', format: 'iife' },
];

const sizes: Record<string, number> = {};
await Promise.all(
  entries.map(async (e) => {
    await build({
      ...common,
      entryPoints: [e.in],
      outfile: e.out,
      external: ['vscode'],
      banner: { js: `${e.bin ? '#!/usr/bin/env node\n' : ''}var __planlint_import_meta_url = require('url').pathToFileURL(__filename).href;` },
    });
    if (e.bin) fs.chmodSync(e.out, 0o755);
    sizes[e.out] = fs.statSync(e.out).size;
  }),
);
await Promise.all(
  webEntries.map(async (e) => {
    await build({ ...web, format: e.format, entryPoints: [e.in], outfile: e.out, external: ['vscode'], banner: { js: 'var __planlint_import_meta_url = "";' } });
    sizes[e.out] = fs.statSync(e.out).size;
  }),
);
if (process.env.PLANLINT_BUNDLE_SIZES) console.log(JSON.stringify(sizes));
