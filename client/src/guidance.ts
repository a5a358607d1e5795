/**
 * The guidance panel: what a click on a missing checklist item shows before anything is written. It holds the
 * server's SectionGuidance (what the guide expects, its topics, the exact text Insert would write and where) and an
 * Insert button, which runs the insert-section command. One panel, reused; a webview with a strict content
 * security policy (no network, no resources, only its own nonce'd style and script).
 */
import * as vscode from 'vscode';
import type { SectionGuidance } from '../../server/src/lsp/protocol.js';
import { s } from './l10n.js';
import { fileName } from './views.js';

export const GUIDANCE_VIEW_TYPE = 'planlint.guidance';

/** What the panel shows, for the end-to-end tests (through the extension's API). */
export interface GuidanceSnapshot {
  uri: string;
  section: string;
  title: string;
  /** Whether the panel offers Insert (the section is missing). */
  canInsert: boolean;
  visible: boolean;
}

type Message = { type: 'insert' | 'close' | 'reveal' };

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class GuidancePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: SectionGuidance | undefined;

  constructor(
    private readonly actions: {
      /** Inserts the section shown (the insert-section command); the panel closes once it is written. */
      insert(g: SectionGuidance): Promise<boolean>;
      /** Shows a present section in its plan. */
      reveal(g: SectionGuidance): Promise<void>;
    },
  ) {}

  get current(): SectionGuidance | undefined {
    return this.panel ? this.shown : undefined;
  }

  snapshot(): GuidanceSnapshot | undefined {
    const g = this.current;
    return g && this.panel ? { uri: g.uri, section: g.id, title: this.panel.title, canInsert: Boolean(g.insert), visible: this.panel.visible } : undefined;
  }

  /** Shows the guidance of the plan and section shown, as checked now (after an edit), without taking the focus. */
  update(g: SectionGuidance): void {
    const shown = this.current;
    if (!shown || !this.panel || shown.uri !== g.uri || shown.id !== g.id || JSON.stringify(shown) === JSON.stringify(g)) return;
    this.shown = g;
    this.panel.webview.html = html(g);
  }

  show(g: SectionGuidance): void {
    this.shown = g;
    const title = s('guidance.title', { title: g.title }, g.lang);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        GUIDANCE_VIEW_TYPE,
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        { enableScripts: true, enableCommandUris: false, localResourceRoots: [], retainContextWhenHidden: false },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
      });
      this.panel.webview.onDidReceiveMessage((msg: unknown) => void this.onMessage(msg));
    } else {
      this.panel.reveal(undefined, false);
    }
    this.panel.title = title;
    this.panel.webview.html = html(g);
  }

  /** The panel's Insert button: inserts the section shown; false when there is nothing to insert. */
  async insert(): Promise<boolean> {
    const g = this.current;
    if (!g?.insert) return false;
    const done = await this.actions.insert(g);
    if (done) this.close();
    return done;
  }

  close(): void {
    this.panel?.dispose();
  }

  dispose(): void {
    this.close();
  }

  private async onMessage(msg: unknown): Promise<void> {
    const type = typeof msg === 'object' && msg !== null ? (msg as Message).type : undefined;
    const g = this.current;
    if (!g) return;
    if (type === 'insert') await this.insert();
    else if (type === 'close') this.close();
    else if (type === 'reveal') await this.actions.reveal(g);
  }
}

function html(g: SectionGuidance): string {
  // Web Crypto: the same in the desktop extension host and in a browser
  const nonce = btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(16))));
  const lang = g.lang;
  const state = s(`state.${g.state}`, {}, lang);
  const topics = g.topics.length ? `<h2>${escape(s('guidance.topics', {}, lang))}</h2>\n<ul id="topics">${g.topics.map((x) => `<li>${escape(x)}</li>`).join('')}</ul>` : '';
  const actions = g.insert
    ? `<button id="insert" type="button">${escape(s('guidance.insert', {}, lang))}</button><button id="close" type="button" class="secondary">${escape(s('guidance.close', {}, lang))}</button>`
    : `<button id="reveal" type="button">${escape(s('guidance.reveal', {}, lang))}</button><button id="close" type="button" class="secondary">${escape(s('guidance.close', {}, lang))}</button>`;
  const preview = g.insert
    ? `<p class="where">${escape(s('guidance.preview', { line: g.insert.line + 1, file: fileName(g.uri) }, lang))}</p>\n<pre id="preview" lang="${g.docLang === 'zh' ? 'zh-CN' : 'en'}"><code>${escape(g.insert.text)}</code></pre>`
    : `<p class="where">${escape(s('guidance.present', {}, lang))}</p>`;
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(g.title)}</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 20px; max-width: 56em; line-height: 1.5; }
  h1 { font-size: 1.6em; font-weight: 600; margin: 0.8em 0 0.2em; }
  h2 { font-size: 1.05em; font-weight: 600; margin: 1.2em 0 0.3em; }
  .meta, .where { color: var(--vscode-descriptionForeground); }
  ul { margin: 0; padding-left: 1.4em; }
  pre { background: var(--vscode-textCodeBlock-background); padding: 10px 12px; border-radius: 3px; white-space: pre-wrap; word-break: break-word;
        font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); max-height: 55vh; overflow: auto; }
  .actions { display: flex; gap: 8px; margin: 18px 0 8px; }
  button { font: inherit; padding: 4px 14px; border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; cursor: pointer;
           color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
  button:hover { background: var(--vscode-button-hoverBackground); }
  button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
  button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
</style>
</head>
<body data-section="${escape(g.id)}">
<h1 id="title">${escape(g.title)}</h1>
<p class="meta">${escape(state)} · ${escape(g.levelLabel)} · § ${escape(g.guideRef)}</p>
<h2>${escape(s('guidance.expects', {}, lang))}</h2>
<p id="guidance">${escape(g.guidance)}</p>
${topics}
<div class="actions">${actions}</div>
${preview}
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  for (const id of ['insert', 'reveal', 'close']) {
    const b = document.getElementById(id);
    if (b) b.addEventListener('click', () => vscode.postMessage({ type: id }));
  }
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') vscode.postMessage({ type: 'close' }); });
  (document.getElementById('insert') || document.getElementById('reveal')).focus();
</script>
</body>
</html>`;
}
