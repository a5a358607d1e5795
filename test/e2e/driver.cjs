// Run an extensionTestsPath module (the @vscode/test-electron model: exports run(), rejects on failure) inside
// code-server's real Node extension host, with the extension loaded unpacked through extensionDevelopmentPath.
// code-server must run with `--vscode-option enable-smoke-test-driver`, or the URL payload is ignored. The workbench
// reports the result by calling window.codeAutomationExit(code); its console goes through window.codeAutomationLog.
//
// env: CS_URL (code-server base URL), WS (workspace folder), DEV (extension folder), TESTS (tests module, CJS),
//      OUT (artifacts folder), PW_CORE (playwright-core folder), CHROMIUM (default /usr/bin/chromium),
//      TIMEOUT_MS (whole run; default 300000)
// exit: 0 when the tests module resolved, 1 otherwise (failure, timeout, browser or server trouble).
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');

const need = (k) => { const v = process.env[k]; if (!v) { console.error(`driver.cjs: env ${k} is required`); process.exit(2); } return v; };
const CS_URL = need('CS_URL'); const WS = need('WS'); const DEV = need('DEV'); const TESTS = need('TESTS');
const OUT = process.env.OUT || '.';
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS || 300000);
const { chromium } = require(process.env.PW_CORE || 'playwright-core');

const { host } = new URL(CS_URL);
// a file path as a vscode-remote URI (segments percent-encoded, so spaces and non-ASCII survive)
const remote = (p) => `vscode-remote://${host}${path.resolve(p).split('/').map(encodeURIComponent).join('/')}`;
// workbench chatter unrelated to the extension under test, kept in workbench-console.log only
const NOISE = /AgentHost|ChatModelSelection|open-vsx\.org|AccountPolicyGate|authentication provider 'github'|^\s+at /;
const t0 = Date.now();
const stamp = () => `[${((Date.now() - t0) / 1000).toFixed(1)}s]`;

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-e2e-chromium-'));
  const consoleLog = fs.createWriteStream(path.join(OUT, 'ext-tests-console.log'));
  let ctx;
  let code = 'not started';
  try {
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 },
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = ctx.pages()[0] || await ctx.newPage();
    let settle;
    const result = new Promise((r) => (settle = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = (args || []).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      consoleLog.write(`[${type}] ${line}\n`);
      const shown = line.split('\n').filter((l) => !NOISE.test(l)).join('\n');
      if (shown.trim() && !NOISE.test(line)) console.log(`${stamp()} [exthost:${type}]`, shown);
    });
    await page.exposeFunction('codeAutomationExit', (c) => settle(c));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack || e.message}\n`));
    page.on('crash', () => settle('page crashed'));
    page.on('close', () => settle('page closed'));
    const timer = setTimeout(() => settle(`timeout after ${TIMEOUT_MS} ms (no result from the extension host; see remoteexthost.log)`), TIMEOUT_MS);
    const payload = [['extensionDevelopmentPath', remote(DEV)], ['extensionTestsPath', remote(TESTS)]];
    const url = `${CS_URL}/?folder=${encodeURIComponent(WS)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    console.log(`${stamp()} opening workbench: ${url}`);
    await page.goto(url);
    code = await result;
    clearTimeout(timer);
    await page.screenshot({ path: path.join(OUT, 'ext-tests-final.png') }).catch(() => {});
  } catch (e) {
    code = `driver error: ${e && e.stack || e}`;
  } finally {
    if (ctx) await ctx.close().catch(() => {});
    consoleLog.end();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${stamp()} extension tests exit code: ${code}`);
  process.exit(code === 0 ? 0 : 1);
})();
