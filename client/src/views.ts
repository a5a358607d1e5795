/**
 * The two tree views of the planlint view container: the plan checklist (every guide section and its state) and
 * the overview (the plan's name, required and recommended sections present, thin sections, errors and warnings).
 * Both show one PlanStatus from the server as it is; nothing about the plan is computed here but counts of its items.
 */
import * as vscode from 'vscode';
import type { ChecklistItem, PlanStatus } from '../../server/src/lsp/protocol.js';
import { s, uiLang, type Lang } from './l10n.js';

/** What a click on a checklist item runs: [uri, item]; present sections are revealed, missing ones show their guidance. */
export const OPEN_ITEM_COMMAND = 'planlint.openChecklistItem';

/** A row of a view as the user sees it (for the end-to-end tests, through the extension's API). */
export interface ViewRow {
  id: string;
  label: string;
  description: string;
  command?: { command: string; arguments: unknown[] };
  children?: ViewRow[];
}

/** The last segment of a document's URI path (`business-plan.md`, `Untitled-1`). */
export function fileName(uri: string): string {
  return vscode.Uri.parse(uri).path.split('/').pop() || uri;
}

const langOf = (st: PlanStatus | undefined): Lang => st?.lang ?? uiLang;

function rowOf(ti: vscode.TreeItem): ViewRow {
  const label = typeof ti.label === 'string' ? ti.label : (ti.label?.label ?? '');
  return {
    id: ti.id ?? label,
    label,
    description: typeof ti.description === 'string' ? ti.description : '',
    ...(ti.command ? { command: { command: ti.command.command, arguments: ti.command.arguments ?? [] } } : {}),
  };
}

export class ChecklistProvider implements vscode.TreeDataProvider<ChecklistItem> {
  private readonly emitter = new vscode.EventEmitter<ChecklistItem | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  status: PlanStatus | undefined;

  set(status: PlanStatus | undefined): void {
    this.status = status;
    this.emitter.fire(undefined);
  }

  getParent(): undefined {
    return undefined;
  }

  getChildren(element?: ChecklistItem): ChecklistItem[] {
    if (element || !this.status?.isPlan) return [];
    return this.status.sections;
  }

  getTreeItem(item: ChecklistItem): vscode.TreeItem {
    // one view, one language: the checklist speaks the language of planlint's messages, as its titles and levels do
    const lang = langOf(this.status);
    const ti = new vscode.TreeItem(item.title, vscode.TreeItemCollapsibleState.None);
    ti.id = item.id;
    ti.description = `${s(`state.${item.state}`, {}, lang)} · ${item.levelLabel}`;
    const action = item.state === 'missing' ? s('tree.guidance', {}, lang) : s('tree.reveal', {}, lang);
    ti.tooltip = new vscode.MarkdownString(`**${item.title}**\n\n${item.levelLabel} · § ${item.guideRef}\n\n${action}`);
    ti.contextValue = item.state;
    ti.iconPath =
      item.state === 'present'
        ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
        : item.state === 'thin'
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon(item.level === 'required' ? 'error' : 'circle-large-outline', new vscode.ThemeColor(item.level === 'required' ? 'list.errorForeground' : 'list.warningForeground'));
    ti.command = { command: OPEN_ITEM_COMMAND, title: action, arguments: [this.status?.uri, item] };
    return ti;
  }

  rows(): ViewRow[] {
    return this.getChildren().map((x) => rowOf(this.getTreeItem(x)));
  }
}

type OverviewNode = { id: string; item: vscode.TreeItem; children?: OverviewNode[] };

/** The plan at a glance: its name, how many required and recommended sections it has, thin sections, problems. */
export class OverviewProvider implements vscode.TreeDataProvider<OverviewNode> {
  private readonly emitter = new vscode.EventEmitter<OverviewNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private nodes: OverviewNode[] = [];

  set(status: PlanStatus | undefined): void {
    this.nodes = status?.isPlan ? build(status) : [];
    this.emitter.fire(undefined);
  }

  getChildren(element?: OverviewNode): OverviewNode[] {
    return element ? (element.children ?? []) : this.nodes;
  }

  getTreeItem(node: OverviewNode): vscode.TreeItem {
    return node.item;
  }

  rows(): ViewRow[] {
    const conv = (n: OverviewNode): ViewRow => ({ ...rowOf(n.item), ...(n.children ? { children: n.children.map(conv) } : {}) });
    return this.nodes.map(conv);
  }
}

function build(st: PlanStatus): OverviewNode[] {
  const lang = langOf(st);
  const file = fileName(st.uri);
  const node = (id: string, label: string, description: string, icon: vscode.ThemeIcon, extra: Partial<vscode.TreeItem> = {}, children?: OverviewNode[]): OverviewNode => {
    const item = new vscode.TreeItem(label, children?.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    Object.assign(item, { id: `overview.${id}`, description, iconPath: icon }, extra);
    return { id, item, ...(children ? { children } : {}) };
  };
  // the icons of the checklist: an error for required sections missing, an open circle for the others
  const ok = (good: boolean, bad: 'error' | 'warning' | 'circle-large-outline') =>
    good
      ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
      : new vscode.ThemeIcon(bad, new vscode.ThemeColor(bad === 'error' ? 'list.errorForeground' : 'list.warningForeground'));
  const out: OverviewNode[] = [
    node('plan', st.title ?? file, st.title ? file : '', new vscode.ThemeIcon('book'), {
      tooltip: s('overview.plan.tooltip', { file, present: st.present, total: st.total }, lang),
      ...(st.blank ? { description: s('overview.blank', {}, lang) } : {}),
    }),
  ];
  for (const level of ['required', 'recommended', 'optional'] as const) {
    const of = st.sections.filter((x) => x.level === level);
    if (!of.length) continue;
    const present = of.filter((x) => x.state !== 'missing').length;
    out.push(node(level, s(`overview.${level}`, {}, lang), `${present}/${of.length}`, ok(present === of.length, level === 'required' ? 'error' : 'circle-large-outline'), {
      tooltip: of.map((x) => `${x.state === 'missing' ? '✗' : x.state === 'thin' ? '⚠' : '✓'} ${x.title}`).join('\n'),
    }));
  }
  const thin = st.sections.filter((x) => x.state === 'thin');
  out.push(
    node(
      'thin',
      s('overview.thin', {}, lang),
      thin.length ? String(thin.length) : s('overview.thin.none', {}, lang),
      ok(!thin.length, 'warning'),
      {},
      thin.map((x) => {
        const item = new vscode.TreeItem(x.title, vscode.TreeItemCollapsibleState.None);
        Object.assign(item, {
          id: `overview.thin.${x.id}`,
          description: x.levelLabel,
          iconPath: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
          command: { command: OPEN_ITEM_COMMAND, title: s('tree.reveal', {}, lang), arguments: [st.uri, x] },
        });
        return { id: `thin.${x.id}`, item };
      }),
    ),
  );
  const { errors, warnings } = st.counts;
  const counts = [errors === 1 ? s('status.error', {}, lang) : s('status.errors', { n: errors }, lang), warnings === 1 ? s('status.warning', {}, lang) : s('status.warnings', { n: warnings }, lang)];
  out.push(
    node('problems', s('overview.problems', {}, lang), counts.join(' · '), errors ? ok(false, 'error') : ok(!warnings, 'warning'), {
      tooltip: s('overview.problems.tooltip', {}, lang),
      command: { command: 'workbench.actions.view.problems', title: s('overview.problems.tooltip', {}, lang) },
    }),
  );
  return out;
}
