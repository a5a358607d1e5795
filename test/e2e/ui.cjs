// UI check through the real workbench (code-server in headless Chromium, driven by playwright-core):
// open a file, its diagnostic shows as a squiggle and in the Problems panel, Ctrl+. on it offers the quick fix,
// applying the fix removes that problem. Screenshots go to $OUT (01-problems.png, 02-quickfix.png, 03-after-fix.png,
// failure.png). Defaults are planlint's; the UI_* variables retarget it (run.sh's self-test uses the recipe's toy).
//
// env: CS_URL, WS (workspace folder), OUT, PW_CORE, CHROMIUM (default /usr/bin/chromium)
//      DEV      extension folder to load via extensionDevelopmentPath (code-server needs enable-smoke-test-driver);
//               unset: the extension must already be installed in code-server's --extensions-dir (VSIX mode)
//      UI_FILE    file to open                       (default business-plan.md)
//      UI_PROBLEM text of the problem to fix         (default "Missing required section: Data privacy")
//      UI_FIX     text of the quick fix to apply     (default "Insert section: Data privacy")
//      UI_INSERTED text the fix inserts, found and shown for the last screenshot (default "## Data privacy"; "" skips)
//      UI_TIMEOUT_MS per step                       (default 60000)
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');

const CS_URL = process.env.CS_URL; const WS = process.env.WS;
if (!CS_URL || !WS) { console.error('ui.cjs: env CS_URL and WS are required'); process.exit(2); }
const OUT = process.env.OUT || '.';
const FILE = process.env.UI_FILE || 'business-plan.md';
const PROBLEM = process.env.UI_PROBLEM || 'Missing required section: Data privacy';
const FIX = process.env.UI_FIX || 'Insert section: Data privacy';
const UI_INSERTED = process.env.UI_INSERTED ?? '## Data privacy';
const T = Number(process.env.UI_TIMEOUT_MS || 60000);
const { chromium } = require(process.env.PW_CORE || 'playwright-core');

const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const flat = (s) => s.replace(/\s+/g, ' ').trim();

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-e2e-chromium-'));
  const consoleLines = [];
  let ctx; let page; let ok = false; let step = 'launch chromium';
  try {
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 },
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    ctx.setDefaultTimeout(T);
    page = ctx.pages()[0] || await ctx.newPage();
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));

    step = 'open the workbench';
    let url = `${CS_URL}/?folder=${encodeURIComponent(WS)}`;
    if (process.env.DEV) {
      const dev = path.resolve(process.env.DEV).split('/').map(encodeURIComponent).join('/');
      url += `&payload=${encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${new URL(CS_URL).host}${dev}`]]))}`;
    }
    log(process.env.DEV ? `extension loaded from ${process.env.DEV} (extensionDevelopmentPath)` : 'extension as installed in code-server (VSIX)');
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench');
    await page.waitForSelector('.explorer-folders-view .monaco-list-row');
    log('workbench and explorer ready');

    step = `open ${FILE} with Quick Open`;
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(FILE);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor();
    await page.waitForSelector('.editor-instance .monaco-editor .view-lines');
    log(`editor open on ${FILE}`);

    step = 'a squiggle from the language server';
    await page.waitForSelector('.editor-instance .monaco-editor [class*="squiggly-"]');
    log('squiggle visible');

    step = 'no settings warning on a fresh profile';
    // the server reads the settings before it publishes diagnostics, so a warning about them would be up by now
    const toasts = flat(await page.locator('.notifications-toasts').innerText().catch(() => ''));
    if (/invalid setting planlint\.|设置 planlint\./.test(toasts)) throw new Error(`a settings warning is shown: ${toasts.slice(0, 300)}`);
    log('no settings warning');

    step = `"${PROBLEM}" in the Problems panel`;
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    const row = problems.locator('.monaco-list-row', { hasText: PROBLEM }).first();
    await row.waitFor();
    log('Problems panel:', flat(await problems.innerText()).slice(0, 300));
    await page.screenshot({ path: path.join(OUT, '01-problems.png') });

    step = `quick fix "${FIX}" offered by Ctrl+.`;
    // double-clicking the problem puts the editor's cursor on the diagnostic and focuses the editor
    await row.dblclick();
    await page.waitForSelector('.editor-instance .monaco-editor.focused');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: FIX }).first();
    await fix.waitFor();
    log('quick fixes offered:', flat(await page.locator('.action-widget').first().innerText()).slice(0, 300));
    await page.screenshot({ path: path.join(OUT, '02-quickfix.png') });

    step = `apply "${FIX}": "${PROBLEM}" leaves the Problems panel`;
    await fix.click();
    await problems.locator('.monaco-list-row', { hasText: PROBLEM }).first().waitFor({ state: 'detached' });
    log('quick fix applied; Problems panel now:', flat(await problems.innerText()).slice(0, 300));
    if (UI_INSERTED) {
      step = `the inserted "${UI_INSERTED}" in the editor`;
      // find it (Ctrl+F reveals the match), so that the screenshot shows the inserted section
      await page.waitForSelector('.editor-instance .monaco-editor.focused');
      await page.keyboard.press('Control+F');
      await page.waitForSelector('.editor-instance .find-widget.visible');
      await page.keyboard.type(UI_INSERTED);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      const words = UI_INSERTED.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      await page.locator('.editor-instance .view-line', { hasText: new RegExp(words.join('\\s+')) }).first().waitFor();
      log(`"${UI_INSERTED}" is in the editor`);
    }
    await page.screenshot({ path: path.join(OUT, '03-after-fix.png') });
    ok = true;
  } catch (e) {
    console.error(`UI check FAILED at step: ${step}\n${e && e.message || e}`);
    if (page) await page.screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => {});
  } finally {
    fs.writeFileSync(path.join(OUT, 'ui-console.log'), consoleLines.join('\n') + '\n');
    if (ctx) await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  log(ok ? 'UI check PASS' : 'UI check FAIL');
  process.exit(ok ? 0 : 1);
})();
