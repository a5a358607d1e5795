/**
 * Configuration faults through the BUILT server: each bad planlint.config.json
 * gives one clear error (a diagnostic on the file and a message naming file,
 * key path and expectation) while the plan keeps being checked with the last
 * good or default settings. And configuration is data: nothing in a config
 * file or front matter makes planlint load code, fetch a URL, or read a
 * config file outside the workspace.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, type PublishDiagnosticsParams } from './lsp/client.js';
import { tmpWorkspace } from './helpers/fixtures.js';

const PLAN = `# Acme: Business Plan

## Executive summary

Acme builds an inspection assistant for small factories.

## Market demand

There are about 40,000 small factories in our first markets.
`;

const hasMissing = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'missing-section');

const workspace = (files: Record<string, string>) => tmpWorkspace(files, 'planlint-cfgfault-');

interface Case {
  name: string;
  setup: (dir: string) => void;
  /** What the one message and the file's diagnostic must say. */
  says: RegExp[];
}

const CFG = 'planlint.config.json';
const CASES: Case[] = [
  { name: 'invalid JSON', setup: (d) => fs.writeFileSync(path.join(d, CFG), '{\n  "rules": {\n    "placeholder": "off",\n'), says: [/invalid JSON at line \d+, column \d+/] },
  { name: 'a wrong type', setup: (d) => fs.writeFileSync(path.join(d, CFG), '{ "rules": { "thin-section": { "minWords": "ten" } } }'), says: [/rules\.thin-section\.minWords/, /expected number, got string "ten"/] },
  { name: 'an unknown rule', setup: (d) => fs.writeFileSync(path.join(d, CFG), '{ "rules": { "no-such-rule": "error" } }'), says: [/"rules"/, /unknown key "no-such-rule"; expected one of: missing-section/] },
  { name: 'an unknown section', setup: (d) => fs.writeFileSync(path.join(d, CFG), '{ "sections": { "marketing-plan": { "level": "required" } } }'), says: [/"sections"/, /unknown key "marketing-plan"/] },
  { name: 'a top-level array', setup: (d) => fs.writeFileSync(path.join(d, CFG), '[{ "rules": {} }]'), says: [/expected object, got an array/] },
  {
    name: 'a file over 1 MB',
    setup: (d) => fs.writeFileSync(path.join(d, CFG), `{ "language": "en", "x": "${'a'.repeat(1_100_000)}" }`),
    says: [/expected at most 1048576 bytes, the file has \d+/],
  },
  {
    name: 'a link to a file outside the workspace',
    setup: (d) => {
      const secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-secret-')), 'secret.json');
      fs.writeFileSync(secret, '{ "rules": { "missing-section": "off" }, "token": "sk-live-SECRET-123" }');
      fs.symlinkSync(secret, path.join(d, CFG));
    },
    says: [/links to a file outside, which is not read/],
  },
  { name: 'a folder where the file should be (unreadable)', setup: (d) => fs.mkdirSync(path.join(d, CFG)), says: [/expected a file/] },
];

describe('configuration faults through the server', () => {
  for (const cs of CASES) {
    test(`${cs.name}: one clear error, and the plan is checked with the defaults`, async () => {
      const dir = workspace({});
      cs.setup(dir);
      const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir });
      try {
        const uri = pathToFileURL(path.join(dir, 'business-plan.md')).href;
        c.open(uri, PLAN);
        const p = await c.nextDiagnostics(uri, { after: 0 });
        assert.ok(hasMissing(p), 'the plan is still checked');
        const msg = await c.waitFor('the error message', () => c.messages[0]);
        assert.equal(msg.type, 1, 'an error');
        assert.match(msg.message, /planlint\.config\.json/, 'names the file');
        for (const re of cs.says) assert.match(msg.message, re);
        assert.match(msg.message, /Using the defaults until it is fixed/);
        assert.doesNotMatch(msg.message, /SECRET/);
        const cfg = await c.nextDiagnostics(pathToFileURL(path.join(dir, CFG)).href, { after: 0 });
        assert.ok(cfg.diagnostics.length >= 1);
        assert.match(cfg.diagnostics[0]!.message, cs.says[cs.says.length - 1]!);
        // editing the plan: still checked, and the error is not repeated
        const from = c.published.length;
        const v = c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
        assert.ok(hasMissing(await c.nextDiagnostics(uri, { after: from, version: v })));
        assert.equal(c.messages.length, 1, c.messages.map((x) => x.message).join('\n'));
      } finally {
        await c.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test('a config broken while in use: the last good settings stay, the error is shown; fixing it clears the error', async () => {
    const dir = workspace({ [CFG]: '{ "rules": { "missing-section": "off" } }' });
    const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir });
    try {
      const uri = pathToFileURL(path.join(dir, 'business-plan.md')).href;
      const cfgUri = pathToFileURL(path.join(dir, CFG)).href;
      c.open(uri, PLAN);
      assert.equal(hasMissing(await c.nextDiagnostics(uri, { after: 0 })), false, 'the good config applies');
      fs.writeFileSync(path.join(dir, CFG), '{ "rules": { "missing-section": "of" } }');
      const from = c.published.length;
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
      const msg = await c.waitFor('the error message', () => c.messages[0]);
      assert.match(msg.message, /rules\.missing-section/);
      assert.match(msg.message, /"of"/);
      assert.match(msg.message, /Using the last valid settings of that file/);
      const bad = await c.nextDiagnostics(cfgUri, { after: from });
      assert.equal(bad.diagnostics.length, 1);
      // a round trip: the plan's re-check is in; unchanged diagnostics are not published again
      await c.request('planlint/status', { uri });
      const latest = c.published.filter((p) => p.uri === uri).at(-1)!;
      assert.equal(hasMissing(latest), false, 'the last good settings still apply');
      fs.writeFileSync(path.join(dir, CFG), '{ "rules": { "missing-section": "warning" } }');
      const from2 = c.published.length;
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
      assert.deepEqual((await c.nextDiagnostics(cfgUri, { after: from2 })).diagnostics, []);
      const fixed = await c.nextDiagnostics(uri, { after: from2 });
      assert.ok(fixed.diagnostics.some((d) => d.code === 'missing-section' && d.severity === 2), 'the fixed config applies');
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a document outside every workspace folder: a config in its own folder applies, none above it is searched', async () => {
  const ws = workspace({});
  const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-outside-'));
  const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: ws });
  try {
    fs.writeFileSync(path.join(outer, CFG), '{ "rules": { "missing-section": "off" } }');
    fs.mkdirSync(path.join(outer, 'plans'));
    const below = pathToFileURL(path.join(outer, 'plans', 'business-plan.md')).href;
    c.open(below, PLAN);
    assert.ok(hasMissing(await c.nextDiagnostics(below, { after: 0 })), 'the config in a parent folder was applied');
    const beside = pathToFileURL(path.join(outer, 'business-plan.md')).href;
    c.open(beside, PLAN);
    assert.equal(hasMissing(await c.nextDiagnostics(beside, { after: 0 })), false, 'the config beside the plan applies');
  } finally {
    await c.stop();
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(outer, { recursive: true, force: true });
  }
});

describe('configuration is data', () => {
  test('profile paths, extends, plugins, $schema URLs in config and front matter load no code, fetch nothing, read nothing outside', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const url = `http://127.0.0.1:${port}`;
    // outside the workspace: a config that must not be read, and code that must not run
    const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-outer-'));
    const marker = path.join(outer, 'code-ran');
    const evil = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); module.exports = {};`;
    fs.writeFileSync(path.join(outer, 'evil.cjs'), evil);
    fs.writeFileSync(path.join(outer, 'evil.mjs'), evil.replace("require('node:fs')", "(await import('node:fs'))"));
    fs.writeFileSync(path.join(outer, CFG), '{ "this file": "is outside the workspace and must not be read" ');
    const dir = path.join(outer, 'ws');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, CFG),
      JSON.stringify({
        $schema: `${url}/schema.json`,
        extends: '../evil.cjs',
        plugins: ['../evil.cjs', `${url}/plugin.js`],
        profile: '../evil.mjs',
        require: '../evil.cjs',
      }),
    );
    const c = await TestClient.start({ settings: { debounceMs: 0, profile: path.join(outer, 'evil.cjs') }, workspaceFolder: dir });
    try {
      const uri = pathToFileURL(path.join(dir, 'business-plan.md')).href;
      const fm = `---\nplanlint:\n  profile: ../evil.cjs\n  extends: ${url}/x.json\n  $schema: ${url}/fm.json\n---\n`;
      c.open(uri, fm + PLAN);
      const p = await c.nextDiagnostics(uri, { after: 0 });
      assert.ok(hasMissing(p), 'the plan is checked with the defaults');
      const fmErr = p.diagnostics.find((d) => d.code === 'config');
      assert.ok(fmErr, 'the front matter settings are rejected');
      assert.match(fmErr.message, /planlint\.profile|unknown key/);
      const cfg = await c.nextDiagnostics(pathToFileURL(path.join(dir, CFG)).href, { after: 0 });
      const all = cfg.diagnostics.map((d) => d.message).join('\n');
      assert.match(all, /unknown keys? .*"extends"/);
      assert.match(all, /"profile": expected one of "ai-startup"/);
      // the bad editor setting is reported and dropped, too
      await c.waitFor('the settings warning', () => c.messages.find((x) => /planlint\.profile/.test(x.message)));
      // a round trip and a second check, then: no code ran, no URL was fetched, the outer config was never read
      const from = c.published.length;
      const v = c.change(uri, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: ' ' }]);
      await c.nextDiagnostics(uri, { after: from, version: v });
      await c.request('planlint/status', { uri });
      assert.equal(fs.existsSync(marker), false, 'code named in configuration ran');
      assert.equal(hits, 0, 'a URL named in configuration was fetched');
      assert.ok(!c.messages.some((x) => x.message.includes(path.join(outer, CFG))), 'the config outside the workspace was read');
      assert.ok(!c.published.some((x) => x.uri === pathToFileURL(path.join(outer, CFG)).href));
    } finally {
      await c.stop();
      server.close();
      fs.rmSync(outer, { recursive: true, force: true });
    }
  });
});
