/** fast-check generators of Markdown-like plans, in zh and en, with every construct that has bitten parsers. */
import fc from 'fast-check';
import { getProfile } from '../../server/src/core/index.js';

const profile = getProfile();
const titles = profile.sections.flatMap((s) => [s.title.zh, s.title.en, ...s.aliases.zh.slice(0, 3), ...s.aliases.en.slice(0, 3)]);
const numbering = ['', '1. ', '2.3 ', '三、', '（二）', '第三章 ', 'IV. ', 'Part 2: ', '🚀 ', '(1) ', '４．'];
const words = ['市场', '规模', '增长', 'GDPR', '隐私', 'TODO', '待补充', '[timeframe]', '{X}', '${1:a}', 'lorem ipsum', 'XX万', 'model', 'revenue', '😀', 'e\u0301', '𠮷', '，', '。', '$1.5B', '1.2亿', '**bold**', '`code`', '[link](http://x)', '<b>', '&amp;', '\\', '|', '\t'];

const line = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom(...numbering), fc.constantFrom(...titles)).map(([d, n, t]) => `${'#'.repeat(d)} ${n}${t}`),
  fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
  fc.constantFrom('- item', '  - nested', '1. first', '> quote', '> > deeper', '- [ ] task', '---', '***', '```', '~~~', '```js', '    indented code', '<!-- planlint-disable -->', '<!-- planlint-enable -->', '<!-- planlint-disable-next-line placeholder -->', '<div>', '</div>', '<!--', '-->', '| a | b |', '|---|---|', '| 1 | 2 |', '===', '[ref]: http://example.com', '[^1]: note', '', '', ''),
);

export const planText = fc
  .tuple(
    fc.boolean(),
    fc.boolean(),
    fc.boolean(),
    fc.array(line, { maxLength: 60 }),
  )
  .map(([frontMatter, crlf, bom, lines]) => {
    const body = (frontMatter ? ['---', 'planlint:', '  language: en', '---'] : []).concat(lines).join('\n');
    const text = (bom ? '\uFEFF' : '') + body;
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

export const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), planText);
