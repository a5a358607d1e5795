// UI check through the real workbench (code-server in headless Chromium, driven by playwright-core), one screenshot
// per thing the issue asks to see, each after an assertion on the page (not just a picture):
//   01-fresh-profile-no-warning.png   a fresh profile, no settings: the plan is checked, no settings warning toast
//   02-problems-panel.png             the missing section in the Problems panel
//   03-quick-fix-menu.png             Ctrl+. on it offers the fix (and fix-all beside it)
//   04-quick-fix-reveals-text.png     the fix applied: the inserted section is in view with its first fill-in selected
//   05-fix-all-menu.png               Ctrl+. on another problem offers "Fix all auto-fixable planlint problems"
//   06-fix-all-applied.png            after fix-all, no missing required section in the Problems panel
//   07-one-outline.png                the Outline lists each chapter once (planlint adds no second outline)
//   08-rule-docs-offline.png          "Open rule documentation" shows the shipped page in the Markdown preview, with
//                                     every host but 127.0.0.1 unreachable (Chromium's resolver maps them to nothing)
//   09-empty-plan.png                 an empty plan: no squiggle, status bar "Plan: empty"
//   10-skeleton-plan.png              "New business plan from the guide": every section present
//   11-real-plan-en.png, 12-real-plan-zh.png   the complete example plans: all sections, no problems, code lenses
//   13-planlint-view.png              the planlint view container: overview and checklist of a plan
//   14-guidance-panel.png             a click on a missing item: its guidance and the template, with Insert
//   15-guidance-inserted.png          Insert wrote the section into the plan
//   16-report-flawed.png, 17-report-clean.png   `planlint report` pages of the flawed and a complete example plan
//                                     (whole pages, opened from disk with no network)
//   failure.png                       the page when a step failed
// The UI_* variables retarget steps 02-04; UI_BASIC_ONLY=1 stops after them (the steps after 04 are planlint's own).
//
// env: CS_URL, WS (workspace folder), OUT, PW_CORE, CHROMIUM (default /usr/bin/chromium)
//      DEV      extension folder to load via extensionDevelopmentPath (code-server needs enable-smoke-test-driver);
//               unset: the extension must already be installed in code-server's --extensions-dir (VSIX mode)
//      UI_FILE    file to open                       (default business-plan.md)
//      UI_PROBLEM text of the problem to fix         (default "Missing required section: Data privacy")
//      UI_FIX     text of the quick fix to apply     (default "Insert section: Data privacy")
//      UI_INSERTED text the fix inserts, checked in view after the fix (default "## Data privacy"; "" skips)
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
const BASIC_ONLY = Boolean(process.env.UI_BASIC_ONLY);
const ROOT = path.resolve(__dirname, '../..');
const { chromium } = require(process.env.PW_CORE || 'playwright-core');

const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const flat = (s) => s.replace(/\s+/g, ' ').trim();
const shots = [];
const EXAMPLES = ['business-plan-legalmind.md', '商业计划书-智医助手.md'];
const assert = (cond, msg) => { if (!cond) throw new Error(`assertion failed: ${msg}`); };

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  if (!BASIC_ONLY) {
    // an empty plan and the two complete example plans, beside the fixtures
    fs.writeFileSync(path.join(WS, 'empty-plan.md'), '');
    for (const f of EXAMPLES) fs.copyFileSync(path.join(ROOT, 'examples', f), path.join(WS, f));
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-e2e-chromium-'));
  const consoleLines = [];
  let ctx; let page; let ok = false; let step = 'launch chromium';
  try {
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 },
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        // offline but for code-server: every other host name resolves to nothing (rule docs must open without a network)
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    ctx.setDefaultTimeout(T);
    const external = [];
    // requests for other hosts (each fails); a webview's *.vscode-resource.vscode-cdn.net resources are served from
    // code-server by the webview's service worker, not fetched
    ctx.on('request', (r) => {
      const u = new URL(r.url());
      if (/^https?:$/.test(u.protocol) && u.hostname !== '127.0.0.1' && !u.hostname.endsWith('.vscode-resource.vscode-cdn.net')) external.push(r.url());
    });
    page = ctx.pages()[0] || await ctx.newPage();
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));

    const shot = async (name) => { await page.screenshot({ path: path.join(OUT, `${name}.png`) }); shots.push(`${name}.png`); log(`screenshot ${name}.png`); };
    const viewLine = (text) => {
      const words = text.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      return page.locator('.editor-instance .view-line', { hasText: new RegExp(words.join('\\s+')) }).first();
    };
    const statusBar = async (re) => {
      const item = page.locator('.statusbar-item', { hasText: re }).first();
      await item.waitFor();
      return flat(await item.innerText());
    };
    const quickOpen = async (file) => {
      // keys go to the workbench, not to a webview that had the focus (or was just closed)
      await page.locator('.part.editor').click({ position: { x: 400, y: 300 } });
      await page.keyboard.press('Control+P');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type(file);
      // click the row that names the file (Enter would take the best match, which may be a longer name)
      await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().click();
      await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor();
      await page.waitForSelector('.editor-instance .monaco-editor .view-lines');
    };
    const command = async (label) => {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type(label);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
      await page.keyboard.press('Enter');
    };
    /** Picks `text` in the quick pick whose placeholder starts with `placeholder` (opened by a command, maybe after a request). */
    const pick = async (placeholder, text) => {
      await page.locator(`.quick-input-widget input[placeholder^="${placeholder}"]`).waitFor();
      await page.keyboard.type(text);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor();
      await page.keyboard.press('Enter');
    };
    /** The document inside the webview whose tab is active (VS Code nests it in two iframes). */
    const webview = () => page.frameLocator('iframe.webview.ready >> visible=true').first().frameLocator('iframe#active-frame');

    const sidebar = page.locator('.part.sidebar');
    /** Opens the planlint view container from its activity bar icon (if it is not open): overview and checklist. */
    const openPlanlintView = async () => {
      if (!(await sidebar.locator('.pane-header', { hasText: 'Plan checklist' }).count())) {
        await page.locator('.activitybar .action-item a[aria-label^="planlint"], .activitybar .action-item[aria-label^="planlint"]').first().click();
      }
      await sidebar.locator('.pane-header', { hasText: 'Overview' }).waitFor();
      await sidebar.locator('.pane-header', { hasText: 'Plan checklist' }).waitFor();
    };

    async function planlintSteps(problems) {
      step = 'fix-all offered in the quick-fix menu of another problem';
      // each missing section sits where it would go, so the list may hold many rows before it: filter to it
      const filter = page.locator('.panel input[placeholder^="Filter"]').first();
      await filter.fill('Model explainability');
      const other = problems.locator('.monaco-list-row', { hasText: 'Missing required section: Model explainability' }).first();
      await other.dblclick();
      await page.waitForSelector('.editor-instance .monaco-editor.focused');
      await page.keyboard.press('Control+.');
      const fixAll = page.locator('.action-widget .monaco-list-row', { hasText: 'Fix all auto-fixable planlint problems' }).first();
      await fixAll.waitFor();
      await page.locator('.action-widget .monaco-list-row', { hasText: 'Insert section: Model explainability' }).first().waitFor();
      log('quick fixes offered:', flat(await page.locator('.action-widget').first().innerText()).slice(0, 300));
      await shot('05-fix-all-menu');

      step = 'fix-all applied: no missing required section left';
      await fixAll.click();
      await problems.locator('.monaco-list-row', { hasText: 'Missing required section' }).first().waitFor({ state: 'detached' });
      await filter.fill('');
      // every section fix-all could insert is in (the templates' fill-ins are reported until written)
      const [, fixed, of] = /Plan (\d+)\/(\d+)/.exec(await statusBar(/Plan \d+\/\d+/));
      const missingLeft = await problems.locator('.monaco-list-row', { hasText: /Missing (required|recommended) section/ }).count();
      assert(Number(of) - Number(fixed) === missingLeft || missingLeft === 0, `Plan ${fixed}/${of}, ${missingLeft} missing-section rows`);
      assert(Number(fixed) > 4, `fix-all inserted the missing sections: Plan ${fixed}/${of}`);
      log('after fix-all, Problems panel:', flat(await problems.innerText()).slice(0, 300));
      await shot('06-fix-all-applied');

      step = 'one outline: each chapter once';
      await page.keyboard.press('Control+J'); // the panel is not needed from here on
      await page.locator('.part.panel').waitFor({ state: 'hidden' });
      await command('Explorer: Focus on Outline View');
      const outlinePane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^\s*Outline/ }) });
      await outlinePane.locator('.monaco-list-row', { hasText: 'Market demand' }).first().waitFor();
      const outlineRows = (await outlinePane.locator('.monaco-list-row').allInnerTexts()).map(flat);
      log('outline:', JSON.stringify(outlineRows));
      assert((await page.locator('.pane-header', { hasText: /^\s*Outline/ }).count()) === 1, 'one Outline view');
      // VS Code's Markdown outline names headings as written; a row may end with its problem count
      // (and icon glyphs, private-use characters)
      const labels = outlineRows.map((r) => r.replace(/[\p{Co}\p{Cf}]/gu, '').replace(/\s+\d+$/, '').trim());
      for (const title of ['# Lumen Health AI: Business Plan', '## Executive summary', '## Market demand', '## Technical feasibility']) {
        assert(labels.filter((r) => r === title).length === 1, `"${title}" once in the outline: ${JSON.stringify(outlineRows)}`);
      }
      assert(new Set(labels).size === labels.length, `no heading twice: ${JSON.stringify(labels)}`);
      await shot('07-one-outline');

      step = 'rule docs open offline in the Markdown preview';
      await page.locator('.editor-instance .monaco-editor').first().click({ position: { x: 300, y: 200 } });
      const before = external.length;
      await command('planlint: Open rule documentation');
      await pick('Rule whose documentation', 'missing-section');
      await page.locator('.tabs-container .tab.active', { hasText: /Preview missing-section/ }).waitFor();
      await webview().locator('h1', { hasText: 'missing-section' }).first().waitFor();
      const body = flat(await webview().locator('body').innerText());
      assert(/required/i.test(body), `the preview shows the rule page: ${body.slice(0, 200)}`);
      const fetched = external.slice(before);
      assert(fetched.length === 0, `nothing was fetched from another host for the docs: ${JSON.stringify(fetched)}`);
      log('rule docs in the preview:', body.slice(0, 160));
      await shot('08-rule-docs-offline');
      const previewTab = page.locator('.tabs-container .tab', { hasText: /Preview missing-section/ });
      await previewTab.click({ button: 'middle' }); // a middle click closes a tab
      await previewTab.waitFor({ state: 'detached' });

      step = 'an empty plan: quiet, status bar "Plan: empty"';
      await quickOpen('empty-plan.md');
      assert((await statusBar(/Plan: empty/)) === 'Plan: empty', 'the status bar says the plan is empty');
      assert((await page.locator('.editor-instance .monaco-editor [class*="squiggly-"]').count()) === 0, 'no squiggle on an empty plan');
      await shot('09-empty-plan');

      step = 'a skeleton plan from "New business plan from the guide"';
      await command('planlint: New business plan from the guide');
      await pick('Language of the new plan', 'English');
      await page.locator('.tabs-container .tab.active', { hasText: /Untitled/ }).waitFor();
      await viewLine('## Executive summary').waitFor();
      const skel = await statusBar(/Plan \d+\/\d+/);
      // every required and recommended chapter (optional ones are left out): the planlint overview counts them
      await openPlanlintView();
      for (const label of ['Required sections', 'Recommended sections']) {
        const text = flat(await sidebar.locator('.monaco-list-row', { hasText: label }).innerText());
        const [, n, of] = /(\d+)\/(\d+)/.exec(text) || [];
        assert(n && n === of, `the skeleton has every ${label.toLowerCase()}: ${text}`);
      }
      log('skeleton status:', skel);
      await shot('10-skeleton-plan');

      for (const [file, name, lens] of [[EXAMPLES[0], '11-real-plan-en', 'Executive summary ✓'], [EXAMPLES[1], '12-real-plan-zh', 'Executive summary ✓']]) {
        step = `a real plan, ${file}: every section, no problems, code lenses`;
        await quickOpen(file);
        const st = await statusBar(/Plan \d+\/\d+ · no problems/);
        const [, p, t] = /Plan (\d+)\/(\d+)/.exec(st);
        assert(p === t, `every section present: ${st}`);
        await page.locator('.editor-instance .codelens-decoration', { hasText: lens }).first().waitFor();
        log(`${file}: ${st}`);
        await shot(name);
      }

      step = 'the planlint view container: overview and checklist';
      await quickOpen('商业计划书.md');
      await openPlanlintView();
      await sidebar.locator('.monaco-list-row', { hasText: '灵析智能：商业计划书' }).waitFor();
      const required = flat(await sidebar.locator('.monaco-list-row', { hasText: 'Required sections' }).innerText());
      assert(/2\/4/.test(required), `overview: ${required}`);
      const missingRow = sidebar.locator('.monaco-list-row', { hasText: 'Data privacy' }).filter({ hasText: 'missing' }).first();
      await missingRow.waitFor();
      log('planlint view:', flat(await sidebar.innerText()).slice(0, 400));
      await shot('13-planlint-view');

      step = 'a click on a missing item shows its guidance, with Insert';
      await missingRow.click();
      await page.locator('.tabs-container .tab', { hasText: 'Guide: Data privacy' }).waitFor();
      const panel = webview();
      await panel.locator('h1', { hasText: 'Data privacy' }).waitFor();
      await panel.locator('#preview', { hasText: '## 数据隐私' }).waitFor();
      const insert = panel.locator('button#insert', { hasText: 'Insert' });
      await insert.waitFor();
      assert(/GDPR/.test(await panel.locator('#guidance').innerText()), 'the guide\'s guidance is shown');
      // nothing written: any edit would mark the plan's tab dirty, and the checklist still has the section missing
      assert((await page.locator('.tabs-container .tab.dirty', { hasText: '商业计划书.md' }).count()) === 0, 'the click did not change the plan');
      assert((await page.locator('.tabs-container .tab', { hasText: '商业计划书.md' }).count()) === 1, 'the plan is still open beside the panel');
      await missingRow.waitFor();
      await shot('14-guidance-panel');

      step = 'Insert writes the section into the plan';
      await insert.click();
      await page.locator('.tabs-container .tab', { hasText: 'Guide: Data privacy' }).waitFor({ state: 'detached' });
      await viewLine('## 数据隐私').waitFor();
      await page.locator('.tabs-container .tab.dirty', { hasText: '商业计划书.md' }).waitFor();
      await sidebar.locator('.monaco-list-row', { hasText: 'Required sections' }).filter({ hasText: '3/4' }).waitFor();
      await shot('15-guidance-inserted');

      // the plan report, as `planlint report` writes it: two pages opened from disk, with every host unreachable
      const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-e2e-report-'));
      try {
        for (const [name, file, check] of [
          ['16-report-flawed', 'flawed-plan.md', { 'data-privacy': 'missing', 'market-demand': 'present', marketing: 'thin' }],
          ['17-report-clean', 'business-plan-legalmind.md', { 'data-privacy': 'present', 'market-demand': 'present' }],
        ]) {
          step = `the plan report of ${file}`;
          const html = path.join(reports, `${name}.html`);
          const r = require('child_process').spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.cjs'), 'report', path.join(ROOT, 'examples', file), '-o', html], { encoding: 'utf8' });
          assert(r.status === 0, `planlint report exits 0: ${r.stderr}`);
          const rp = await ctx.newPage();
          await rp.goto(`file://${html}`);
          for (const [id, state] of Object.entries(check)) assert(await rp.locator(`#coverage tr[data-section="${id}"][data-state="${state}"]`).count() === 1, `${id} is ${state}`);
          const findings = await rp.locator('#findings tr.finding').count();
          assert(file === 'flawed-plan.md' ? findings > 0 : findings === 0, `findings listed: ${findings}`);
          await rp.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
          shots.push(`${name}.png`);
          log(`screenshot ${name}.png`);
          await rp.close();
        }
      } finally {
        fs.rmSync(reports, { recursive: true, force: true });
      }
      if (external.length) log(`requests to other hosts (unreachable): ${external.length}, e.g. ${external.slice(0, 3).join(' ')}`);
    }

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
    await quickOpen(FILE);
    log(`editor open on ${FILE}`);

    step = 'a squiggle from the language server';
    await page.waitForSelector('.editor-instance .monaco-editor [class*="squiggly-"]');
    log('squiggle visible');

    step = 'no settings warning on a fresh profile';
    // the server reads the settings before it publishes diagnostics, so a warning about them would be up by now
    // (no toast container at all is the usual case: count first, innerText would wait for one)
    const toastBox = page.locator('.notifications-toasts');
    const toasts = (await toastBox.count()) ? flat(await toastBox.first().innerText()) : '';
    if (/invalid setting planlint\.|设置 planlint\./.test(toasts)) throw new Error(`a settings warning is shown: ${toasts.slice(0, 300)}`);
    if (!BASIC_ONLY) await statusBar(/Plan \d+\/\d+/);
    log('no settings warning');
    await shot('01-fresh-profile-no-warning');

    step = `"${PROBLEM}" in the Problems panel`;
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    const row = problems.locator('.monaco-list-row', { hasText: PROBLEM }).first();
    await row.waitFor();
    log('Problems panel:', flat(await problems.innerText()).slice(0, 300));
    await shot('02-problems-panel');

    step = `quick fix "${FIX}" offered by Ctrl+.`;
    // double-clicking the problem puts the editor's cursor on the diagnostic and focuses the editor
    await row.dblclick();
    await page.waitForSelector('.editor-instance .monaco-editor.focused');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: FIX }).first();
    await fix.waitFor();
    log('quick fixes offered:', flat(await page.locator('.action-widget').first().innerText()).slice(0, 300));
    await shot('03-quick-fix-menu');

    step = `apply "${FIX}": "${PROBLEM}" leaves the Problems panel`;
    await fix.click();
    await problems.locator('.monaco-list-row', { hasText: PROBLEM }).first().waitFor({ state: 'detached' });
    log('quick fix applied; Problems panel now:', flat(await problems.innerText()).slice(0, 300));
    if (UI_INSERTED) {
      step = `the fix reveals what it wrote: "${UI_INSERTED}" in view, a fill-in selected`;
      // no scrolling or searching here: the fix itself shows the inserted text
      await viewLine(UI_INSERTED).waitFor();
      await page.waitForSelector('.editor-instance .monaco-editor.focused .selected-text');
      log(`"${UI_INSERTED}" is in view with a selection`);
    }
    await shot('04-quick-fix-reveals-text');
    if (!BASIC_ONLY) await planlintSteps(problems);
    ok = true;
  } catch (e) {
    console.error(`UI check FAILED at step: ${step}\n${e && e.message || e}`);
    if (page) await page.screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => {});
    console.error(`screenshots so far: ${shots.join(', ')}`);
  } finally {
    fs.writeFileSync(path.join(OUT, 'ui-console.log'), consoleLines.join('\n') + '\n');
    if (ctx) await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  log(ok ? `UI check PASS (${shots.length} screenshots: ${shots.join(', ')})` : 'UI check FAIL');
  process.exit(ok ? 0 : 1);
})();
