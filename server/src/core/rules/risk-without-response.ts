import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';
import { guideMembers, readTables, within, type MdNode, type TableModel } from '../numbers.js';
import type { PlanModel } from '../parse.js';
import type { Span } from '../types.js';
import { removeHtmlComments } from '../scan.js';

const RISK_HEAD = /风险|挑战|威胁|隐患|risk|challenge|threat/i;
const RESPONSE_HEAD = /应对|措施|对策|缓解|化解|解决|预案|控制|防范|规避|mitigation|mitigate|response|countermeasure|action|remed|contingency|how we|handling|plan/i;
const PROBABILITY_HEAD = /概率|可能性|发生率|频率|likelihood|probability|chance|frequency/i;
const IMPACT_HEAD = /影响|危害|严重|后果|impact|severity|consequence|effect/i;
/** Prose that answers a risk. */
const RESPONSE_TEXT =
  /应对|措施|对策|缓解|化解|解决|防范|规避|降低|减少|减轻|控制|预案|通过|采取|建立|加强|引入|储备|分散|签订|购买|mitigat|respon|address|reduce|hedge|counter|prevent|minimi[sz]e|diversif|we will|we plan|we'll|plan to|contingency|by (?:building|using|adding|partnering|keeping|signing|securing)|insur/i;
const EMPTY_CELL = /^(?:|[-–—−/]+|n\/?a|na|无|暂无|none|tbd|tbc|待定|待补充|待完善|\?+|？+)$/i;

function clean(s: string): string {
  return removeHtmlComments(s)
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface RiskProblem extends Span {
  kind: 'row' | 'table' | 'cell';
  risk: string;
  column?: 'probability' | 'impact';
}

function tableProblems(table: TableModel, responsesElsewhere: boolean): RiskProblem[] {
  const header = table.rows[0]!.map((c) => clean(c.text));
  const riskCol = header.findIndex((h) => RISK_HEAD.test(h) && !RESPONSE_HEAD.test(h) && !PROBABILITY_HEAD.test(h) && !IMPACT_HEAD.test(h));
  const responseCol = header.findIndex((h, i) => i !== riskCol && RESPONSE_HEAD.test(h));
  const probCol = header.findIndex((h, i) => i !== riskCol && i !== responseCol && PROBABILITY_HEAD.test(h));
  const impactCol = header.findIndex((h, i) => i !== riskCol && i !== responseCol && i !== probCol && IMPACT_HEAD.test(h));
  const isRiskTable = riskCol >= 0 || ((responseCol >= 0 || probCol >= 0) && (probCol >= 0 || impactCol >= 0));
  if (!isRiskTable) return [];
  const nameCol = riskCol >= 0 ? riskCol : 0;
  const out: RiskProblem[] = [];
  const body = table.rows.slice(1).filter((r) => clean(r[nameCol]?.text ?? ''));
  if (responseCol < 0) {
    if (!responsesElsewhere && body.length && (probCol >= 0 || impactCol >= 0 || riskCol >= 0)) {
      const h = table.rows[0]!;
      out.push({ kind: 'table', risk: '', start: h[0]!.start, end: h[h.length - 1]!.end });
    }
  }
  for (const r of body) {
    const name = clean(r[nameCol]!.text);
    const nameCell = r[nameCol]!;
    if (responseCol >= 0 && EMPTY_CELL.test(clean(r[responseCol]!.text))) out.push({ kind: 'row', risk: name, start: nameCell.start, end: nameCell.end });
    for (const [col, which] of [
      [probCol, 'probability'],
      [impactCol, 'impact'],
    ] as const) {
      if (col < 0) continue;
      const cell = r[col]!;
      if (EMPTY_CELL.test(clean(cell.text))) {
        const at = cell.end > cell.start ? cell : nameCell;
        out.push({ kind: 'cell', risk: name, column: which, start: at.start, end: at.end });
      }
    }
  }
  return out;
}

function span(n: MdNode): Span {
  return { start: n.position?.start.offset ?? 0, end: n.position?.end.offset ?? 0 };
}

/** Text that is nothing but list items of the form `label: answer` (`- **API downtime:** two hosting providers`). */
function isPairList(body: string): boolean {
  const lines = body.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length < 2) return false;
  return lines.every((l) => {
    const m = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(l);
    if (!m) return false;
    const item = m[1]!.replace(/\*\*/g, '');
    const colon = item.search(/[:：]/);
    return colon > 0 && colon <= 60 && item.slice(colon + 1).trim().length > 0;
  });
}

export function riskProblems(plan: PlanModel, members: number[]): RiskProblem[] {
  if (!members.length) return [];
  const spans = members.map((i) => plan.sections[i]!.own);
  const text = plan.text;
  const out: RiskProblem[] = [];
  const tables = readTables(text, plan.root as unknown as MdNode).filter((tb) => within(spans, tb.start));
  // lists directly in the risk section (not nested in other lists)
  const lists: MdNode[] = [];
  const walk = (n: MdNode) => {
    for (const ch of n.children ?? []) {
      if (ch.type === 'list') {
        if (within(spans, span(ch).start)) lists.push(ch);
      } else if (ch.type === 'blockquote') walk(ch);
    }
  };
  walk(plan.root as unknown as MdNode);
  const scopeText = (exclude: Span) =>
    removeHtmlComments(
      spans
      .map((s) => {
        const a = text.slice(s.start, Math.max(s.start, Math.min(s.end, exclude.start)));
        const b = text.slice(Math.min(s.end, Math.max(s.start, exclude.end)), s.end);
        return a + '\n' + b;
      })
      .join('\n'),
    );
  for (const tb of tables) {
    const elsewhere = RESPONSE_TEXT.test(scopeText(tb));
    out.push(...tableProblems(tb, elsewhere));
  }
  for (const list of lists) {
    const items = (list.children ?? []).filter((c) => c.type === 'listItem');
    const info = items.map((li) => {
      const sp = span(li);
      const raw = removeHtmlComments(text.slice(sp.start, sp.end));
      const first = li.children?.[0];
      const head = first ? clean(text.slice(span(first).start, span(first).end).split(/\r?\n/)[0]!) : '';
      // the risk's name: a bold lead or the text before a colon
      const name = clean((/^\s*\*\*([^*]+)\*\*/.exec(text.slice(span(first ?? li).start, span(first ?? li).end))?.[1] ?? head.split(/[:：。.]/)[0] ?? head).slice(0, 40));
      const body = raw.replace(/^\s*(?:[-*+]|\d+[.)])\s*/, '');
      const isResponse = /^\s*(?:\*\*)?(?:应对|措施|对策|缓解|mitigation|response)/i.test(body);
      const isRisk = RISK_HEAD.test(head) && !isResponse;
      const lineEnd = text.indexOf('\n', sp.start);
      return { sp: { start: sp.start, end: lineEnd > sp.start && lineEnd < sp.end ? lineEnd : sp.end }, name, isRisk, answered: RESPONSE_TEXT.test(body.replace(RISK_HEAD, '')) };
    });
    const risks = info.filter((x) => x.isRisk);
    if (!risks.length) continue;
    const someAnswered = risks.some((x) => x.answered);
    if (!someAnswered && RESPONSE_TEXT.test(scopeText(span(list)))) continue; // responses given apart from the list
    for (const r of risks) if (!r.answered) out.push({ kind: 'row', risk: r.name, ...r.sp });
  }
  // one sub-heading per risk
  const riskSubs = members.filter((i) => {
    const s = plan.sections[i]!;
    return s.parent !== null && members.includes(s.parent) && RISK_HEAD.test(s.title) && !RESPONSE_HEAD.test(s.title);
  });
  if (riskSubs.length) {
    const responseSections = members.some((i) => RESPONSE_HEAD.test(plan.sections[i]!.title) && !RISK_HEAD.test(plan.sections[i]!.title));
    // a chapter named for risks and their answers ("Risks & Mitigation", 风险与对策)
    const pairedChapter = members.some((i) => RESPONSE_HEAD.test(plan.sections[i]!.title) && RISK_HEAD.test(plan.sections[i]!.title));
    if (!responseSections) {
      for (const i of riskSubs) {
        const s = plan.sections[i]!;
        const own = removeHtmlComments(text.slice(s.span.start, s.span.end));
        const body = own.slice(s.heading.end - s.span.start);
        if (!body.trim() || RESPONSE_TEXT.test(body)) continue;
        // a category of risks (`### Technical risks`) whose items pair each risk with its answer (`- **Downtime:** two hosts`)
        if (pairedChapter && isPairList(body)) continue;
        if (tables.some((tb) => tb.start >= s.span.start && tb.start < s.span.end)) continue;
        out.push({ kind: 'row', risk: s.title, start: s.heading.start, end: s.heading.end });
      }
    }
  }
  const seen = new Set<string>();
  return out.filter((p) => {
    const k = `${p.kind}:${p.column ?? ''}:${p.start}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export default defineRule({
  id: 'PL011',
  name: 'risk-without-response',
  description: {
    en: 'A risk in the risk-management section has no response or mitigation, or an empty probability or impact cell.',
    zh: '风险管理章节中的某项风险没有应对措施，或“发生概率”“影响程度”为空。',
  },
  defaultSeverity: 'info',
  fixable: false,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'A risk without a response worries an investor more than no risk at all. In the risk-management section, a risk table (a column of risks, or probability / impact / response columns) must fill the response column (`应对`, `措施`, `Mitigation`, `Response`) and, where present, the probability and impact columns for every risk; a table without a response column is reported once unless the section answers the risks elsewhere. In a list of risks (items that name a risk), each item needs a response in its text or sub-items (`应对：…`, `我们将通过…`, `Mitigation: …`, `we will …`), unless none of the items carries one and the section answers them together. A sub-heading per risk needs a response under it; a sub-heading for a category of risks, in a chapter named for risks and their answers (`Risks & Mitigation`, `风险与对策`), whose items each pair a risk with its answer (`- **API downtime:** two hosting providers`), is answered. Empty means blank, a dash, `无`, `N/A`, `TBD` or `待定`.',
      zh: '有风险而无应对，比不写风险更让投资人担心。在风险管理章节中，风险表（含风险列，或含概率/影响/应对列）的每一项风险都应填写应对列（`应对`、`措施`、`Mitigation`、`Response`），若有“发生概率”“影响程度”列也应填写；没有应对列的风险表报告一次，除非本章节在别处给出了应对。风险列表（列出风险的条目）中，每一条都应在正文或子条目中给出应对（`应对：…`、`我们将通过…`、`Mitigation: …`、`we will …`），除非各条都没有而由章节统一作答。每项风险单设小标题时，小标题下应有应对内容；在以风险及其应对命名的章节（`风险与对策`、`Risks & Mitigation`）中，按类别设小标题、其下每一条都写成“风险：应对”（`- **接口宕机：** 双机房部署`）的，视为已有应对。空是指空白、短横线、`无`、`N/A`、`TBD` 或 `待定`。',
    },
    valid:
      '## 风险管理\n\n| 风险 | 发生概率 | 影响程度 | 应对措施 |\n|---|---|---|---|\n| 大模型 API 价格上涨 | 中 | 高 | 多供应商接入，自研小模型兜底 |\n| 数据合规风险 | 低 | 高 | 通过等保三级认证，数据本地化存储 |\n',
    invalid:
      '## Risk management\n\n| Risk | Likelihood | Impact | Mitigation |\n|---|---|---|---|\n| Foundation model price increase | Medium | High | Multi-vendor routing, distilled in-house model |\n| Key engineer leaves | | High | |\n',
  },
  check(ctx) {
    // the profile's risks section, whatever it is called; none, nothing to check
    const risks = ctx.profile.byRole.get('risks')?.id;
    if (!risks) return;
    const members = guideMembers(ctx.plan, ctx.analysis, risks);
    for (const p of riskProblems(ctx.plan, members)) {
      const message =
        p.kind === 'table'
          ? t(ctx.lang, 'risk-without-response.table')
          : p.kind === 'cell'
            ? t(ctx.lang, 'risk-without-response.cell', { risk: p.risk, column: t(ctx.lang, `risk-without-response.${p.column!}`) })
            : t(ctx.lang, 'risk-without-response.row', { risk: p.risk });
      ctx.report({ start: p.start, end: p.end, section: risks, message });
    }
  },
});
