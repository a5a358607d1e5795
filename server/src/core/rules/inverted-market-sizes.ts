import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';
import { innermostSection, type NumberToken } from '../numbers.js';
import { marketFigures, type Figure } from '../market.js';
import type { PlanModel } from '../parse.js';

type Layer = 'TAM' | 'SAM' | 'SOM';

/** The layer a sentence, row or heading sizes: its acronym or its English name (the Chinese names are used loosely). */
const LAYERS: Array<[Layer, RegExp]> = [
  ['TAM', /\bTAM\b|total addressable market/i],
  ['SAM', /\bSAM\b|serviceable (?:available|addressable) market/i],
  ['SOM', /\bSOM\b|serviceable obtainable market/i],
];
/** Between the two ends of a range: `¥5–8亿`, `$2-10B`, `5 至 8 亿元`. */
const RANGE_GAP = /^\s{0,2}(?:[-–—~～至到]|to)\s{0,2}$/;

interface Size {
  layer: Layer;
  lo: number;
  hi: number;
  currency: string | null;
  start: number;
  end: number;
  raw: string;
}

function layerOf(unit: string): Layer | null {
  const found = LAYERS.filter(([, re]) => re.test(unit)).map(([l]) => l);
  return found.length === 1 ? found[0]! : null;
}

/** A figure's own value, when its text says its scale or currency (a bare table cell under `单位：亿元` is left out). */
function valueOf(f: Figure): NumberToken | null {
  return !f.tok.percent && (f.tok.scale > 1 || f.tok.currency !== null) ? f.tok : null;
}

/** The one size (or range) a unit states, or null. */
function sizeOf(layer: Layer, figures: Figure[], text: string): Size | null {
  const sizes = figures.filter((f) => f.kind === 'size');
  if (sizes.length === 1) {
    const tok = valueOf(sizes[0]!);
    if (!tok) return null;
    return { layer, lo: tok.value - tok.tolerance, hi: tok.value + tok.tolerance, currency: tok.currency, start: sizes[0]!.start, end: sizes[0]!.end, raw: sizes[0]!.raw };
  }
  if (sizes.length !== 2 || !RANGE_GAP.test(text.slice(sizes[0]!.end, sizes[1]!.start))) return null;
  // `¥5–8亿`: readNumbers gave the low end the scale and currency of the high one
  const a = sizes[0]!.tok;
  const b = valueOf(sizes[1]!);
  if (!b || a.value > b.value) return null;
  return { layer, lo: a.value - b.tolerance, hi: b.value + b.tolerance, currency: b.currency ?? a.currency, start: sizes[0]!.start, end: sizes[1]!.end, raw: text.slice(sizes[0]!.start, sizes[1]!.end) };
}

/**
 * The TAM, SAM and SOM of each part of the plan that sizes its market: the section a sentence, row or list item
 * stands in, or for a heading (`### SAM: $90M`) the section above it. A layer stated more than once in a part
 * (one TAM per segment, scenarios, a restatement) is left out of that part.
 */
export function marketLayers(plan: PlanModel, figures: readonly Figure[]): Array<Map<Layer, Size>> {
  const text = plan.text;
  const byUnit = new Map<number, Figure[]>();
  for (const f of figures) byUnit.set(f.unit.start, [...(byUnit.get(f.unit.start) ?? []), f]);
  const parts = new Map<number, Map<Layer, Size | 'many'>>();
  for (const [start, fs] of byUnit) {
    const layer = layerOf(text.slice(start, fs[0]!.unit.end));
    if (!layer) continue;
    const inner = innermostSection(plan.sections, start);
    const section = inner === null ? null : plan.sections[inner]!;
    const inHeading = section !== null && start >= section.heading.start && start < section.heading.end;
    const key = (inHeading ? section.parent : inner) ?? -1;
    const found = parts.get(key) ?? new Map<Layer, Size | 'many'>();
    parts.set(key, found);
    const size = sizeOf(layer, fs, text);
    // stated twice (even alike), or unreadable: no single figure to compare
    found.set(layer, !size || found.has(layer) ? 'many' : size);
  }
  return [...parts.values()].map((found) => {
    const out = new Map<Layer, Size>();
    for (const [layer, s] of found) if (s !== 'many') out.set(layer, s);
    return out;
  });
}

export default defineRule({
  id: 'PL019',
  name: 'inverted-market-sizes',
  description: {
    en: 'A market layer is larger than the one that contains it: SAM above TAM, or SOM above SAM.',
    zh: '市场层级倒置：SAM 大于 TAM，或 SOM 大于 SAM。',
  },
  defaultSeverity: 'info',
  fixable: false,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'The serviceable market (SAM) is the part of the total market (TAM) the product can serve, and the obtainable market (SOM) the part of the SAM the company can win, so TAM ≥ SAM ≥ SOM. A plan that puts a layer above the one containing it has mixed units, periods or definitions, and an investor sees it at once. The rule reads the TAM, SAM and SOM the plan states (by acronym or English name, in a sentence, a list item, a table row or a heading, with an amount that states its currency or scale: `$12B`, `800亿美元`, `¥5–8亿`) and compares them when they are in the same currency. The layers are compared within the part of the plan that states them (the section of the sentence, row or list item; for a heading such as `### SAM: $90M`, the section above it). A layer stated more than once in a part (one TAM per segment, scenarios, a restatement) is left out, as is one whose sentence holds several amounts.',
      zh: '可服务市场（SAM）是总市场（TAM）中产品能服务的部分，可获得市场（SOM）是 SAM 中公司能拿下的部分，因此 TAM ≥ SAM ≥ SOM。某一层大于包含它的一层，说明单位、期间或口径混用了，投资人一眼就能看出。本规则读取计划书写明的 TAM、SAM、SOM（以缩写或英文全称标明，出现在句子、列表项、表格行或标题中，金额写明币种或单位：`$12B`、`800亿美元`、`¥5–8亿`），币种相同时相互比较。只在写明它们的同一部分内比较（句子、表格行或列表项所在的章节；`### SAM：9000 万美元` 这样的标题则取其上一级章节）。同一部分中某一层写了不止一次（按细分市场各写一个 TAM、多种情景、重复陈述）则不比较；所在句子中有多个金额的也不比较。',
    },
    valid: '## 市场规模\n\n- TAM：800 亿美元\n- SAM：80 亿美元\n- SOM：8 亿美元（3 年目标）\n',
    invalid: '## Market size\n\n- **TAM:** $8B, the global market for kitchen assistants\n- **SAM:** $20B across food service in North America\n- **SOM:** $40M in three years\n',
  },
  check(ctx) {
    const pairs: Array<[Layer, Layer]> = [
      ['SAM', 'TAM'],
      ['SOM', 'SAM'],
    ];
    for (const layers of marketLayers(ctx.plan, marketFigures(ctx.plan, ctx.analysis, ctx.profile.byRole.get('market')?.id))) {
      for (const [innerName, outerName] of pairs) {
        const inner = layers.get(innerName);
        // a SOM without a SAM is compared with the TAM
        const outer = layers.get(outerName) ?? (innerName === 'SOM' && !layers.has('SAM') ? layers.get('TAM') : undefined);
        if (!inner || !outer) continue;
        if (inner.currency && outer.currency && inner.currency !== outer.currency) continue;
        if (inner.lo <= outer.hi) continue;
        const line = ctx.locate(outer.start, inner.start);
        ctx.report({
          start: inner.start,
          end: inner.end,
          message: t(ctx.lang, 'inverted-market-sizes', { inner: inner.layer, innerValue: inner.raw.trim(), outer: outer.layer, outerValue: outer.raw.trim(), line: line.file ? `${line.file}:${line.line}` : String(line.line) }),
          related: [{ start: outer.start, end: outer.end, message: t(ctx.lang, 'inverted-market-sizes.related', { layer: outer.layer, value: outer.raw.trim() }) }],
        });
      }
    }
  },
});
