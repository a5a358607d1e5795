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
if (process.env.PLANLINT_BUNDLE_SIZES) console.log(JSON.stringify(sizes));
