/**
 * User-visible strings of the language server itself (code action titles,
 * hover labels, configuration notices), in English and Chinese. Messages about
 * the plan come from the core (core/i18n.ts); these only frame them.
 */
import type { Lang } from '../core/index.js';
import { translator } from '../core/i18n.js';

export const LSP_MESSAGES = {
  'action.disable-line': { en: 'Disable {rule} for this line', zh: '在此行禁用 {rule}' },
  'action.disable-file': { en: 'Disable {rule} for this file', zh: '在此文件中禁用 {rule}' },
  'action.fix-all': { en: 'Fix all planlint problems', zh: '修复所有 planlint 问题' },
  'action.fix-all-fixable': { en: 'Fix all auto-fixable planlint problems', zh: '修复所有可自动修复的 planlint 问题' },
  'action.reveal': { en: 'Show the inserted text', zh: '显示插入的文本' },
  'action.insert-in-chapter': { en: 'Insert section: {title} (in {file})', zh: '插入章节：{title}（插入 {file}）' },
  'action.new-chapter': { en: 'Create chapter file {file} for {title}, listed in {index}', zh: '新建章节文件 {file}（{title}），并列入 {index}' },
  'lens.topics': { en: '{found}/{total} topics', zh: '主题 {found}/{total}' },
  'lens.words': { en: '{n} words', zh: '{n} 字' },
  'hover.guide-section': { en: 'Guide section: {title}', zh: '指南章节：{title}' },
  'hover.level': { en: 'Level: {level}', zh: '级别：{level}' },
  'hover.ref': { en: 'Guide § {ref}', zh: '指南 § {ref}' },
  'hover.words': { en: '{words} words', zh: '{words} 字' },
  'hover.topics-found': { en: 'Topics covered: {topics}', zh: '已涉及要点：{topics}' },
  'hover.topics-missing': { en: 'Topics still missing: {topics}', zh: '尚未涉及的要点：{topics}' },
  'hover.none': { en: 'none', zh: '无' },
  'symbol.satisfies': { en: '✓ {title} ({level})', zh: '✓ {title}（{level}）' },
  'completion.detail': { en: '{level} · guide § {ref}', zh: '{level} · 指南 § {ref}' },
  'config.invalid': {
    en: 'planlint: invalid configuration {problem}. Using {fallback} until it is fixed.',
    zh: 'planlint：配置无效 {problem}。在修正之前使用{fallback}。',
  },
  'config.fallback.last-good': { en: 'the last valid settings of that file', zh: '该文件上次有效的设置' },
  'config.fallback.defaults': { en: 'the defaults', zh: '默认设置' },
  'config.more': { en: '(and {count} more problems)', zh: '（另有 {count} 个问题）' },
  'settings.invalid': {
    en: 'planlint: invalid setting planlint.{problem}. The setting is ignored.',
    zh: 'planlint：设置 planlint.{problem} 无效，已忽略该设置。',
  },
  'new.title': { en: 'Business plan', zh: '商业计划书' },
  'doc.too-large': {
    en: 'planlint: this plan is too large to check ({chars} characters, {lines} lines; the limits are {maxChars} characters and {maxLines} lines). Split it into smaller files, or raise maxDocumentChars / maxDocumentLines in the server\'s initialization options.',
    zh: 'planlint：此计划书过大，未检查（{chars} 个字符，{lines} 行；上限为 {maxChars} 个字符、{maxLines} 行）。请拆分为较小的文件，或在服务器初始化选项中调高 maxDocumentChars / maxDocumentLines。',
  },
  'command.no-document': { en: 'planlint: no Markdown document given.', zh: 'planlint：未指定 Markdown 文档。' },
} satisfies Record<string, { en: string; zh: string }>;

export type LspMessageKey = keyof typeof LSP_MESSAGES;

export const m = translator<LspMessageKey>(LSP_MESSAGES);

/** The language of a locale such as `zh-cn`, `zh-tw`, `en-us`. */
export function langOfLocale(locale: string | undefined | null): Lang {
  return locale && /^zh\b/i.test(locale) ? 'zh' : 'en';
}
