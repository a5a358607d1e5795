/**
 * Amounts a plan breaks down in a list: a list item (or a short line ending in
 * a colon) that states one amount, and the list right under it whose every item
 * states one amount of its own:
 *
 *     1. **技术研发（45万）**：
 *        - 框架搭建：10万
 *        - Agent 开发：25万
 *        - 前后端：10万
 *        - 测试：5万
 *
 * The items should add up to the amount above them; here they give 50万.
 * Read only when nothing is in doubt: every item has exactly one amount (a
 * currency or a scale word), none is a rate per month or year unless all and
 * the total are, none is a calculation or a share, the currencies agree and the
 * label does not say the items are only examples ("主要包括", "such as"). Pure;
 * one walk over the tree, linear.
 */
import { isMoneyToken, maskedText, readNumbers, close, formatLike, type MdNode, type NumberToken } from './numbers.js';
import { perOf, type Per } from './calculations.js';
import type { Span } from './types.js';

export interface BreakdownPart extends Span {
  raw: string;
  value: number;
}

export interface Breakdown {
  /** The stated amount. */
  total: BreakdownPart;
  /** What it is an amount of, as written before it (markup removed). */
  label: string;
  parts: BreakdownPart[];
  sum: number;
  /** The sum written the way the total is: `50万`, `$50K`. */
  sumText: string;
}

/** The label says the items are some of the total, not all of it. */
const PARTIAL = /主要|例如|比如|包括但不限于|如下等|等费用|其中包括|部分|\bsuch as\b|\bincluding\b|\be\.g\.|\bfor example\b|\bamong\b|\bmainly\b/i;
/** An operator or a share inside an item: its amount is not the item's whole. */
const CALC = /[×＊÷]|\d\s{0,2}[*xX]\s{0,2}[\d$¥€£]|%|％/;
/** Longest label line read as a total. */
const MAX_LABEL = 120;

interface Amount {
  tok: NumberToken;
  per: Per;
  /** Offset of the text the token was read from. */
  base: number;
}

function isAmount(t: NumberToken): boolean {
  return isMoneyToken(t) && !t.range;
}

/** The one amount of a line of text, or null when it has none, several, or a calculation or share. */
function oneAmount(masked: string, start: number, end: number): Amount | null {
  if (end - start > MAX_LABEL * 2) return null;
  const line = masked.slice(start, end);
  if (CALC.test(line)) return null;
  const toks = readNumbers(line).filter(isAmount);
  if (toks.length !== 1) return null;
  const tok = toks[0]!;
  return { tok, per: perOf(line.slice(tok.end, tok.end + 12)), base: start };
}

function firstParagraph(item: MdNode): MdNode | undefined {
  const first = item.children?.[0];
  return first?.type === 'paragraph' ? first : undefined;
}

function offsets(n: MdNode): [number, number] {
  const s = n.position?.start.offset ?? 0;
  return [s, n.position?.end.offset ?? s];
}

function part(a: Amount, text: string): BreakdownPart {
  const start = a.base + a.tok.start;
  const end = a.base + a.tok.end;
  return { start, end, raw: text.slice(start, end), value: a.tok.value };
}

/** The label of a total: the line with the amount and its markup removed. */
function labelOf(masked: string, start: number, a: Amount): string {
  const before = masked.slice(start, a.base + a.tok.start).replace(/[*_`#>]|^\s*(?:[-+]|\d{1,2}[.)])\s*/g, '');
  return before.replace(/[（(：:\s]+$/u, '').trim();
}

function check(text: string, masked: string, labelNode: MdNode, list: MdNode, out: Breakdown[]): void {
  const [ls, le] = offsets(labelNode);
  if (le - ls > MAX_LABEL) return;
  const labelLine = masked.slice(ls, le);
  if (PARTIAL.test(labelLine)) return;
  const total = oneAmount(masked, ls, le);
  if (!total) return;
  const items = list.children ?? [];
  if (items.length < 2) return;
  const amounts: Amount[] = [];
  for (const item of items) {
    const p = firstParagraph(item);
    if (!p) return;
    const [ps, pe] = offsets(p);
    const a = oneAmount(masked, ps, pe);
    // an item without an amount: the list names things, it does not split the total
    if (!a || a.per !== total.per) return;
    if (a.tok.currency && total.tok.currency && a.tok.currency !== total.tok.currency) return;
    amounts.push(a);
  }
  const sum = amounts.reduce((s, a) => s + a.tok.value, 0);
  const tol = total.tok.tolerance + amounts.reduce((s, a) => s + a.tok.tolerance, 0);
  if (close(sum, total.tok.value, Math.max(tol, 0.01 * total.tok.value))) return;
  // far apart: the items are something else (a yearly split of a three-year total, another unit)
  if (sum > 2 * total.tok.value || sum < 0.5 * total.tok.value) return;
  out.push({
    total: part(total, text),
    label: labelOf(masked, ls, total),
    parts: amounts.map((a) => part(a, text)),
    sum,
    sumText: formatLike(sum, { ...total.tok, decimals: Math.max(total.tok.decimals, ...amounts.map((a) => (a.tok.scale === total.tok.scale ? a.tok.decimals : 0))) }),
  });
}

/** The list breakdowns of a plan whose items do not add up to the amount they break down. */
export function wrongBreakdowns(text: string, root: MdNode): Breakdown[] {
  const masked = maskedText(text);
  const out: Breakdown[] = [];
  const walk = (n: MdNode) => {
    const kids = n.children ?? [];
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.type === 'listItem') {
        // "1. **技术研发（45万）**：" with its items nested under it
        const p = firstParagraph(k);
        const nested = k.children?.find((c) => c.type === 'list');
        if (p && nested) check(text, masked, p, nested, out);
      } else if (k.type === 'paragraph' && kids[i + 1]?.type === 'list' && !(n.type === 'listItem' && i === 0)) {
        // a short line ending in a colon, then the list: "技术研发（45万）："
        const [s, e] = offsets(k);
        if (/[:：]\s*\**\s*$/.test(masked.slice(s, e))) check(text, masked, k, kids[i + 1]!, out);
      }
      if (k.type !== 'code' && k.type !== 'html' && k.type !== 'table') walk(k);
    }
  };
  walk(root);
  return out;
}
