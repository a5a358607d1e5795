/**
 * Every string the client shows itself, in en and zh (contributions are localised by package.nls*.json). The
 * language is the editor's display language, or the language of planlint's messages (PlanStatus.lang) in the
 * views and panels that show what the server sent, so that one view speaks one language.
 */
import * as vscode from 'vscode';

export type Lang = 'zh' | 'en';

export const STRINGS = {
  'status.text': { en: 'Plan {present}/{total}', zh: '计划书 {present}/{total}' },
  'status.errors': { en: '{n} errors', zh: '{n} 个错误' },
  'status.error': { en: '1 error', zh: '1 个错误' },
  'status.warnings': { en: '{n} warnings', zh: '{n} 个警告' },
  'status.warning': { en: '1 warning', zh: '1 个警告' },
  'status.clean': { en: 'no problems', zh: '没有问题' },
  'status.blank': { en: 'Plan: empty', zh: '计划书：空' },
  'status.blank.tooltip': {
    en: 'planlint: this plan has nothing in it yet, so nothing is reported. Type "## " for the guide\'s chapters, or run "planlint: New business plan" for a skeleton.',
    zh: 'planlint：这份计划书还没有内容，所以没有报告问题。输入“## ”可选择指南的章节，或运行“planlint：新建商业计划书”得到完整框架。',
  },
  'status.tooltip': { en: 'planlint: {present} of {total} guide sections present. Click to open the plan checklist.', zh: 'planlint：指南 {total} 个章节中已有 {present} 个。点击打开计划书清单。' },
  'state.present': { en: 'present', zh: '已有' },
  'state.thin': { en: 'too thin', zh: '内容过少' },
  'state.missing': { en: 'missing', zh: '缺少' },
  'tree.reveal': { en: 'Go to the section', zh: '转到该章节' },
  'tree.empty': { en: 'Open a business plan to see its checklist.', zh: '打开一份商业计划书以查看其清单。' },
  'tree.guidance': { en: 'Show what the guide expects, with an Insert button', zh: '查看指南要求，可从中插入' },
  'overview.required': { en: 'Required sections', zh: '必需章节' },
  'overview.recommended': { en: 'Recommended sections', zh: '推荐章节' },
  'overview.optional': { en: 'Optional sections', zh: '可选章节' },
  'overview.thin': { en: 'Thin sections', zh: '内容过少的章节' },
  'overview.thin.none': { en: 'none', zh: '无' },
  'overview.problems': { en: 'Problems', zh: '问题' },
  'overview.problems.tooltip': { en: 'Open the Problems panel', zh: '打开“问题”面板' },
  'overview.blank': { en: 'Nothing written yet', zh: '尚未开始撰写' },
  'overview.plan.tooltip': { en: '{file}: checked against the guide, {present} of {total} sections present', zh: '{file}：按指南检查，{total} 个章节中已有 {present} 个' },
  'guidance.title': { en: 'Guide: {title}', zh: '指南：{title}' },
  'report.title': { en: 'Report: {title}', zh: '报告：{title}' },
  'guidance.expects': { en: 'What the guide expects', zh: '指南的要求' },
  'guidance.topics': { en: 'Topics to cover', zh: '应涵盖的要点' },
  'guidance.preview': { en: 'Insert writes this at line {line} of {file}:', zh: '“插入”会在 {file} 的第 {line} 行写入：' },
  'guidance.present': { en: 'The plan has this section.', zh: '计划书中已有该章节。' },
  'guidance.insert': { en: 'Insert', zh: '插入' },
  'guidance.close': { en: 'Close', zh: '关闭' },
  'guidance.reveal': { en: 'Go to the section', zh: '转到该章节' },
  'guidance.gone': { en: 'planlint: the plan is no longer open.', zh: 'planlint：该计划书已不再打开。' },
  'pick.lang': { en: 'Language of the new plan', zh: '新计划书的语言' },
  'pick.section': { en: 'Chapter to insert (missing ones first)', zh: '要插入的章节（缺少的在前）' },
  'pick.rule': { en: 'Rule whose documentation to open', zh: '要打开其文档的规则' },
  'no.plan': { en: 'planlint: the active editor is not a business plan checked by planlint. Use "Check this file as a business plan" first.', zh: 'planlint：当前编辑器不是 planlint 检查的商业计划书。请先使用“将此文件作为商业计划书检查”。' },
  'no.editor': { en: 'planlint: open a Markdown file first.', zh: 'planlint：请先打开一个 Markdown 文件。' },
  'nothing.missing': { en: 'planlint: no required section is missing.', zh: 'planlint：没有缺少的必需章节。' },
  'workspace.progress': { en: 'planlint: checking the business plans of the workspace…', zh: 'planlint：正在检查工作区中的商业计划书…' },
  'workspace.done': { en: 'planlint: checked {plans} business plans ({files} Markdown files).', zh: 'planlint：已检查 {plans} 份商业计划书（共 {files} 个 Markdown 文件）。' },
} satisfies Record<string, Record<Lang, string>>;

export const uiLang: Lang = /^zh\b/i.test(vscode.env.language) ? 'zh' : 'en';

export type StringKey = keyof typeof STRINGS;

export function s(key: StringKey, params: Record<string, string | number> = {}, lang: Lang = uiLang): string {
  const msg: Record<Lang, string> = STRINGS[key];
  return msg[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
