/**
 * Heading normalisation: strips numbering in every common style (Arabic,
 * dotted, Chinese, Roman, "Part 2", "第三章"), emoji, and punctuation in
 * ASCII and full width, folds width and case, and collapses white space, so
 * that `三、市场需求分析：`, `## 2.3 Market Need` and `**Data Privacy &
 * Compliance**` compare by their words alone.
 */

const CN_NUM = '零〇一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾';
const ROMAN = '(?:x{0,3})(?:ix|iv|v?i{0,3})';

// Numbering prefixes, tried repeatedly at the start of the title.
const PREFIXES: RegExp[] = [
  // 第三章 / 第3节 / 第一部分 / 第二篇
  new RegExp(`^第\\s*[${CN_NUM}\\d]+\\s*[章节部分篇条卷]+\\s*[:：、.．]?\\s*`, 'u'),
  // 附录A / 附录一
  new RegExp(`^附录\\s*[A-Za-z${CN_NUM}\\d]*\\s*[:：、.．]?\\s*`, 'u'),
  // 一、 / 十二. / 三． (Chinese numerals followed by a separator)
  new RegExp(`^[${CN_NUM}]+\\s*[、.．:：)）]\\s*`, 'u'),
  // （二） / (2) / (iv) / 【一】 / [3]
  new RegExp(`^[(（【\\[]\\s*(?:[${CN_NUM}]+|\\d+|[a-z]|${ROMAN})\\s*[)）】\\]]\\s*[、.．:：]?\\s*`, 'iu'),
  // Part 2 / Chapter III / Section 4 / Appendix A (followed by separator or space)
  new RegExp(`^(?:part|chapter|section|appendix|step|phase)\\s+(?:\\d+|[a-z]|${ROMAN})\\b\\s*[:：.．)\\-–—]?\\s*`, 'iu'),
  // 1. / 2.3 / 2.3.1 / 1) / 1、 / 1: / 1 - (Arabic or full-width digits)
  /^[0-9０-９]+(?:[.．][0-9０-９]+)*\s*(?:[.．、)）:：\-–—]\s*|\s+|(?=\p{Script=Han}))/u,
  // IV. / ii) — roman numerals need a separator to avoid eating words
  new RegExp(`^(?=[ivxlc]+[.．)）:：])${ROMAN}[.．)）:：]\\s*`, 'iu'),
  // A. / B) single letter enumerations, or A.1
  /^[A-Z](?:[.．][0-9]+)*[.．)）:：]\s+/u,
];

const EMOJI_RE = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]/gu;

/** Folds full-width ASCII forms and ideographic space to their ASCII forms. */
export function foldWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Strips leading numbering and decoration; keeps the title's words. */
export function stripNumbering(title: string): string {
  let t = title.replace(EMOJI_RE, ' ').trim();
  // each style of numbering is stripped once: `6.5 39城复制推广` keeps its "39城"
  const used = new Set<RegExp>();
  for (let guard = 0; guard < 4; guard++) {
    const before = t;
    for (const re of PREFIXES) {
      if (used.has(re)) continue;
      const next = t.replace(re, '');
      if (next !== t) {
        used.add(re);
        t = next.trim();
      }
    }
    if (t === before) break;
  }
  return t;
}

/**
 * The comparable form of a heading: numbering, emoji and punctuation removed,
 * width and case folded, `&`/`and`/`与`/`和`/`及` kept as plain words so that
 * containment tests still work, spaces collapsed.
 */
export function normalizeTitle(title: string): string {
  let t = stripNumbering(title);
  t = foldWidth(t).toLowerCase();
  // punctuation of every script, including CJK brackets and quotes
  t = t.replace(/[\p{P}\p{S}]+/gu, ' ');
  t = t.replace(/\s+/g, ' ').trim();
  return t;
}

/** Normalises a guide alias or keyword the same way as a heading. */
export function normalizePhrase(s: string): string {
  return foldWidth(s).toLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim();
}
