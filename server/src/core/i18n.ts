/**
 * Every user-visible message of the core, in English and Chinese. Rules and
 * fixes ask for a message by key; nothing user-visible is written elsewhere.
 */
import type { Lang } from './profile/schema.js';

type Params = Record<string, string | number>;
type Message = { en: string; zh: string };

export const MESSAGES = {
  'level.required': { en: 'required', zh: '必需' },
  'level.recommended': { en: 'recommended', zh: '推荐' },
  'level.optional': { en: 'optional', zh: '可选' },
  'missing-section.required': { en: 'Missing required section: {title}', zh: '缺少必需章节：{title}' },
  'missing-section.recommended': { en: 'Missing recommended section: {title}', zh: '缺少推荐章节：{title}' },
  'missing-section.optional': { en: 'Missing optional section: {title}', zh: '缺少可选章节：{title}' },
  'fix.insert-section': { en: 'Insert section: {title}', zh: '插入章节：{title}' },
  'fix.insert-all-required': { en: 'Insert all missing required sections', zh: '插入所有缺少的必需章节' },
  'fix.add-topics': { en: 'Add prompts for the missing topics of {title}', zh: '为“{title}”补充缺失要点的提示' },
  'thin-section.empty': { en: 'Section "{title}" is empty', zh: '章节“{title}”内容为空' },
  'thin-section.thin': {
    en: 'Section "{title}" is thin: {words} words, at least {min} expected',
    zh: '章节“{title}”内容过少：{words} 字，至少应有 {min} 字',
  },
  'missing-topic': {
    en: 'Section "{title}" says nothing about: {topics}',
    zh: '章节“{title}”未涉及：{topics}',
  },
  placeholder: { en: 'Placeholder left in the text: "{text}"', zh: '文本中留有待填写的占位内容：“{text}”' },
  'duplicate-section': {
    en: 'Section "{title}" appears more than once (first at line {line})',
    zh: '章节“{title}”重复出现（首次出现在第 {line} 行）',
  },
  'duplicate-section.related': { en: 'First occurrence of "{title}"', zh: '“{title}”首次出现处' },
  'section-order': {
    en: 'Section "{title}" comes after "{after}"; the guide puts it earlier',
    zh: '章节“{title}”位于“{after}”之后；指南建议将其放在前面',
  },
  'list.separator': { en: ', ', zh: '、' },
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof MESSAGES;

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  const m: Message = MESSAGES[key];
  return m[lang].replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

export function list(lang: Lang, items: string[]): string {
  return items.join(t(lang, 'list.separator'));
}
