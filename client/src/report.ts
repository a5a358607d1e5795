/**
 * The plan report panel: the page the server renders for a plan (`planlint/report`, the same page `planlint report`
 * writes) shown in a webview. Nothing is computed here; the page has no script and loads nothing, and the webview
 * runs no script either. Its line links open the line in the editor (command URIs of planlint.revealLine).
 */
import * as vscode from 'vscode';
import type { PlanReportPage } from '../../server/src/lsp/protocol.js';
import { s, type Lang } from './l10n.js';

export const REPORT_VIEW_TYPE = 'planlint.report';

export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: PlanReportPage | undefined;

  /** The report shown, for the end-to-end tests. */
  snapshot(): { uri: string; title: string; visible: boolean } | undefined {
    return this.panel && this.shown ? { uri: this.shown.uri, title: this.panel.title, visible: this.panel.visible } : undefined;
  }

  show(page: PlanReportPage, lang: Lang): void {
    this.shown = page;
    const title = s('report.title', { title: page.title }, lang);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        REPORT_VIEW_TYPE,
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        // no script; the line links are command URIs of the one command that opens a line of the plan
        { enableScripts: false, enableCommandUris: ['planlint.revealLine'], localResourceRoots: [], retainContextWhenHidden: false },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
      });
    } else this.panel.reveal(undefined, false);
    this.panel.title = title;
    this.panel.webview.html = page.html;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
