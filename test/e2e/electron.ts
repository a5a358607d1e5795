// The e2e suite (test/e2e/suite/index.ts) in desktop VS Code through @vscode/test-electron, for machines that can
// download VS Code (this project's CI cannot: it uses test/e2e/run.sh with code-server instead).
//
//   npm run build && node out/test/e2e/electron.js        # VSCODE_VERSION=stable|insiders|1.100.0 (default stable)
//
// Under `node --test out/test/` (npm test) this file is executed too; it then does nothing.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'planlint') return dir;
  }
  throw new Error('planlint repo root not found above ' + fileURLToPath(import.meta.url));
}

async function main(): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  const { build } = await import('esbuild');
  const root = repoRoot();
  // the extension host require()s the tests module and the package is "type":"module": bundle it to CJS
  const tests = join(root, 'out/e2e/suite.cjs');
  mkdirSync(dirname(tests), { recursive: true });
  await build({
    entryPoints: [join(root, 'test/e2e/suite/index.ts')], outfile: tests, bundle: true, platform: 'node',
    format: 'cjs', target: 'node20', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning',
  });
  const tmp = mkdtempSync(join(tmpdir(), 'planlint-e2e-electron-'));
  try {
    const ws = join(tmp, 'ws');
    cpSync(join(root, 'test/e2e/workspace'), ws, { recursive: true }); // tests may save edits: a fresh copy
    return await runTests({
      version: process.env['VSCODE_VERSION'] ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: tests,
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${join(tmp, 'ud')}`],
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain && !process.env['NODE_TEST_CONTEXT']) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error('e2e (electron) failed:', err);
      process.exit(1);
    },
  );
}
