/**
 * The plan report: one self-contained HTML page per plan (and an index page over several) showing where the
 * plan stands against its profile. Pure: text in, text out; the CLI writes the files. The page is built from
 * the data the editor's checklist and overview show (coverage.ts) and from the findings themselves; it loads
 * nothing (inline CSS, inline SVG, no script, no URL) and escapes every piece of text it shows, the plan's
 * own text first of all.
 */
import type { CheckResult } from './engine.js';
import { planCoverage, severityCounts, type CoverageState, type SectionCoverage, type SeverityCounts } from './coverage.js';
import { t } from './i18n.js';
import { VERSION } from './meta.js';
import type { Finding, Lang, Severity } from './types.js';

/** The rules about figures: their findings are shown with the figures side by side. */
export const NUMBER_RULES: readonly string[] = [
  'market-size-unquantified',
  'missing-source',
  'table-arithmetic',
  'funds-total',
  'figure-contradiction',
  'incomplete-forecast',
  'unquantified-funding',
];

/** Where an offset of the checked text is: its file (for a plan split across files, else null), 1-based line and the line's text. */
export interface Place {
  file: string | null;
  line: number;
  lineText: string;
}

export interface PlanReportInput {
  result: CheckResult;
  /** The plan's name as shown (its path relative to where planlint ran). */
  file: string;
  /** Where an offset is; by default its line in the checked text. */
  locate?: (offset: number) => Place;
  /** Where a link to a line goes (an editor command opening the line, say); by default the line's quote on the page. */
  lineHref?: (place: Place) => string | null;
}

/** One plan's row in the index of a batch. */
export interface PlanSummary {
  file: string;
  title: string;
  /** The report page, relative to the index. */
  href: string;
  required: { present: number; total: number };
  recommended: { present: number; total: number };
  /** Titles of the required sections the plan lacks. */
  missingRequired: string[];
  counts: SeverityCounts;
}

const MAX_LINE = 240;

/** Escapes text for HTML content and attribute values (both quotes). */
export function escapeHtml(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 34) rep = '&quot;';
    else if (c === 39) rep = '&#39;';
    if (rep === undefined) continue;
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return out + s.slice(last);
}

/** At most `max` UTF-16 units, never cutting a surrogate pair, with an ellipsis when cut. */
function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end) + '…';
}

/** The line of an offset in a text whose line starts are given (binary search). */
export function placeIn(text: string, starts: readonly number[], offset: number, file: string | null = null): Place {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const start = starts[lo]!;
  let end = lo + 1 < starts.length ? starts[lo + 1]! : text.length;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { file, line: lo + 1, lineText: text.slice(start, end) };
}

const STATE_ORDER: CoverageState[] = ['present', 'thin', 'template', 'missing'];
const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];
const LEVELS = ['required', 'recommended', 'optional'] as const;
const COUNT_OF: Record<Severity, keyof SeverityCounts> = { error: 'errors', warning: 'warnings', info: 'infos', hint: 'hints' };

const CSS = `
:root{--ink:#1f2937;--mute:#6b7280;--line:#e5e7eb;--present:#15803d;--thin:#b45309;--template:#7c3aed;--missing:#b91c1c;--error:#b91c1c;--warning:#b45309;--info:#1d4ed8;--hint:#6b7280}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--ink);margin:0 auto;max-width:1100px;padding:24px;line-height:1.5;font-size:14px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
.sub,.intro{color:var(--mute);margin:0 0 12px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f9fafb;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-size:12px;white-space:nowrap}
.st-present{background:var(--present)}.st-thin{background:var(--thin)}.st-template{background:var(--template)}.st-missing{background:var(--missing)}
.sv-error{background:var(--error)}.sv-warning{background:var(--warning)}.sv-info{background:var(--info)}.sv-hint{background:var(--hint)}
svg .st-present{fill:var(--present)}svg .st-thin{fill:var(--thin)}svg .st-template{fill:var(--template)}svg .st-missing{fill:var(--missing)}
svg .sv-error{fill:var(--error)}svg .sv-warning{fill:var(--warning)}svg .sv-info{fill:var(--info)}svg .sv-hint{fill:var(--hint)}
svg text{font-size:12px;fill:var(--ink)}svg .empty{fill:var(--line)}
.charts{display:flex;flex-wrap:wrap;gap:24px}.chart h3{font-size:14px;margin:8px 0}
.legend span{margin-right:12px;white-space:nowrap}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
.topic{display:inline-block;margin:0 6px 4px 0;padding:0 6px;border-radius:4px;border:1px solid var(--line)}
.topic.covered{border-color:var(--present);color:var(--present)}.topic.missing{border-color:var(--missing);color:var(--missing)}
.quote{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;color:var(--mute);white-space:pre-wrap;word-break:break-word;display:block}
a{color:var(--info)}td.bar{white-space:nowrap}a.ln{white-space:nowrap}
ol.lines{list-style:none;padding:0}ol.lines li{padding:2px 0;border-bottom:1px dotted var(--line)}ol.lines li:target{background:#fef9c3}
ol.lines .no{display:inline-block;min-width:6em;color:var(--mute)}ol.lines .quote{display:inline}
.place{margin-bottom:4px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
  @page{margin:14mm}
  body{max-width:none;padding:0;font-size:10.5pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  h2{break-after:avoid}tr,.chart,.place{break-inside:avoid}
  a{color:inherit;text-decoration:none}
}
`;

function page(lang: Lang, title: string, body: string): string {
  return (
    `<!DOCTYPE html>\n<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n${body}</body>\n</html>\n`
  );
}

/** A horizontal stacked bar chart: one row per label, segments in the given classes. Plain inline SVG. */
function barChart(rows: { label: string; segments: { cls: string; value: number; name: string }[] }[], labelWidth = 130, barWidth = 300): string {
  const rowH = 24;
  const height = rows.length * rowH + 4;
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0)));
  let svg = `<svg width="${labelWidth + barWidth + 40}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 40} ${height}" role="img">`;
  rows.forEach((r, i) => {
    const y = i * rowH + 2;
    svg += `<text x="0" y="${y + 15}">${escapeHtml(r.label)}</text>`;
    const total = r.segments.reduce((s, x) => s + x.value, 0);
    if (!total) svg += `<rect class="empty" x="${labelWidth}" y="${y + 2}" width="${barWidth}" height="16"></rect>`;
    let x = labelWidth;
    for (const seg of r.segments) {
      if (!seg.value) continue;
      const w = (seg.value / max) * barWidth;
      svg += `<rect class="${seg.cls}" x="${x.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="16"><title>${escapeHtml(`${seg.name}: ${seg.value}`)}</title></rect>`;
      x += w;
    }
    svg += `<text x="${(x + 6).toFixed(1)}" y="${y + 15}">${total}</text>`;
  });
  return svg + '</svg>';
}

function legend(items: { cls: string; name: string }[]): string {
  return `<div class="legend">${items.map((i) => `<span><i class="${i.cls}"></i>${escapeHtml(i.name)}</span>`).join('')}</div>`;
}

/** The page of one plan. */
export function renderPlanReport(input: PlanReportInput): string {
  const { result } = input;
  const { plan } = result;
  const lang = result.lang;
  const locate = input.locate ?? ((offset: number) => placeIn(plan.text, plan.lines.starts, offset));
  const coverage = planCoverage(result);
  const counts = severityCounts(result.findings);
  const titleIndex = plan.titleIndex;
  const planTitle = (titleIndex !== null && plan.sections[titleIndex]?.title) || input.file;

  // every line the page points at, once, in the order of the plan
  const places = new Map<string, Place & { key: number }>();
  const fileIds = new Map<string, number>();
  const anchorOf = (offset: number): string => {
    const p = locate(offset);
    const fid = p.file === null ? 0 : (fileIds.get(p.file) ?? fileIds.set(p.file, fileIds.size + 1).get(p.file)!);
    const id = fid ? `F${fid}-L${p.line}` : `L${p.line}`;
    if (!places.has(id)) places.set(id, { ...p, key: offset });
    return id;
  };
  const placeName = (p: Place) => (p.file !== null ? `${p.file}:${p.line}` : t(lang, 'report.line', { line: p.line }));
  /** A link to the line of an offset, its text beside it (a quote of the span when given). */
  const lineLink = (offset: number, quote?: string): string => {
    const id = anchorOf(offset);
    const p = places.get(id)!;
    const shown = quote !== undefined && quote.trim() ? quote : p.lineText;
    const href = input.lineHref?.(p) ?? `#${id}`;
    return `<a class="ln" href="${escapeHtml(href)}">${escapeHtml(placeName(p))}</a><span class="quote">${escapeHtml(clip(shown, MAX_LINE))}</span>`;
  };
  const spanText = (s: { start: number; end: number }) => plan.text.slice(s.start, Math.min(s.end, s.start + MAX_LINE + 1));
  const stateName = (s: CoverageState) => t(lang, `report.state.${s}`);
  const badge = (cls: string, text: string) => `<span class="badge ${cls}">${escapeHtml(text)}</span>`;
  const sevName = (s: Severity) => t(lang, `report.severity.${s}`);

  let body = `<header>\n<h1>${escapeHtml(t(lang, 'report.title', { title: planTitle }))}</h1>\n`;
  body += `<p class="sub">${escapeHtml(t(lang, 'report.subtitle', { file: input.file, profile: result.profile.id, version: VERSION }))}</p>\n</header>\n`;

  // at a glance
  const of = (level: (typeof LEVELS)[number]) => coverage.filter((c) => c.level === level);
  const present = (cs: SectionCoverage[]) => cs.filter((c) => c.state !== 'missing').length;
  body += `<section id="glance">\n<h2>${escapeHtml(t(lang, 'report.glance'))}</h2>\n<ul>`;
  body += `<li>${escapeHtml(t(lang, 'report.glance.required', { present: present(of('required')), total: of('required').length }))}</li>`;
  body += `<li>${escapeHtml(t(lang, 'report.glance.recommended', { present: present(of('recommended')), total: of('recommended').length }))}</li>`;
  body += `<li>${escapeHtml(t(lang, 'report.glance.findings', { ...counts }))}</li>`;
  if (!plan.sections.length && !result.findings.length) body += `<li>${escapeHtml(t(lang, 'report.glance.blank'))}</li>`;
  body += `</ul>\n<div class="charts">\n`;
  const stateLegend = STATE_ORDER.map((s) => ({ cls: `st-${s}`, name: stateName(s) }));
  const levelRows = LEVELS.filter((l) => of(l).length).map((l) => ({
    label: t(lang, `level.${l}`),
    segments: STATE_ORDER.map((s) => ({ cls: `st-${s}`, name: stateName(s), value: of(l).filter((c) => c.coverage === s).length })),
  }));
  body += `<div class="chart" id="chart-sections"><h3>${escapeHtml(t(lang, 'report.chart.sections'))}</h3>${barChart(levelRows)}${legend(stateLegend)}</div>\n`;
  const sevRows = SEVERITIES.map((s) => ({ label: sevName(s), segments: [{ cls: `sv-${s}`, name: sevName(s), value: counts[COUNT_OF[s]] }] }));
  body += `<div class="chart" id="chart-findings"><h3>${escapeHtml(t(lang, 'report.chart.findings'))}</h3>${barChart(sevRows)}</div>\n</div>\n</section>\n`;

  // the coverage map: required first, each level in the guide's order
  const ordered = LEVELS.flatMap((l) => of(l));
  body += `<section id="coverage">\n<h2>${escapeHtml(t(lang, 'report.coverage'))}</h2>\n<p class="intro">${escapeHtml(t(lang, 'report.coverage.intro'))}</p>\n`;
  body += `<table>\n<thead><tr><th>${escapeHtml(t(lang, 'report.col.section'))}</th><th>${escapeHtml(t(lang, 'report.col.level'))}</th><th>${escapeHtml(t(lang, 'report.col.state'))}</th><th>${escapeHtml(t(lang, 'report.col.where'))}</th><th>${escapeHtml(t(lang, 'report.col.words'))}</th><th>${escapeHtml(t(lang, 'report.col.topics'))}</th></tr></thead>\n<tbody>\n`;
  for (const c of ordered) {
    const where = c.sections.map((i) => lineLink(plan.sections[i]!.heading.start, plan.sections[i]!.text)).join('');
    const covered = c.topics.filter((x) => x.covered).length;
    const state = badge(`st-${c.coverage}`, stateName(c.coverage)) + (c.fillIns ? ` <span class="quote">${escapeHtml(t(lang, 'report.fill-ins', { count: c.fillIns }))}</span>` : '');
    body += `<tr id="section-${escapeHtml(c.id)}" data-section="${escapeHtml(c.id)}" data-state="${c.coverage}"><td>${escapeHtml(c.title)}<span class="quote">${escapeHtml(c.guideRef)}</span></td><td>${escapeHtml(c.levelLabel)}</td><td>${state}</td><td>${where || '—'}</td><td class="n">${c.state === 'missing' ? '—' : c.words}</td><td class="n">${c.state === 'missing' || !c.topics.length ? '—' : `${covered}/${c.topics.length}`}</td></tr>\n`;
  }
  body += `</tbody>\n</table>\n</section>\n`;

  // topics of each section the plan has
  body += `<section id="topics">\n<h2>${escapeHtml(t(lang, 'report.topics'))}</h2>\n<p class="intro">${escapeHtml(t(lang, 'report.topics.intro'))}</p>\n<table>\n<tbody>\n`;
  for (const c of ordered.filter((x) => x.state !== 'missing')) {
    const topics = c.topics.length
      ? c.topics.map((x) => `<span class="topic ${x.covered ? 'covered' : 'missing'}" data-topic="${escapeHtml(x.id)}">${x.covered ? '✓' : '✗'} ${escapeHtml(x.title)}<span class="sr"> (${escapeHtml(t(lang, x.covered ? 'report.topic.covered' : 'report.topic.missing'))})</span></span>`).join('')
      : `<span class="quote">${escapeHtml(t(lang, 'report.topics.none'))}</span>`;
    body += `<tr data-section="${escapeHtml(c.id)}"><th>${escapeHtml(c.title)}</th><td>${topics}</td></tr>\n`;
  }
  body += `</tbody>\n</table>\n</section>\n`;

  // number findings, figures side by side; a place reported from each side (figure-contradiction) is shown once
  const numbers: Finding[] = [];
  const seen = new Set<string>();
  for (const f of result.findings) {
    if (!NUMBER_RULES.includes(f.rule)) continue;
    const key = `${f.rule}:${[f.start, ...(f.related ?? []).map((r) => r.start)].sort((a, b) => a - b).join(',')}`;
    if (f.related?.length && seen.has(key)) continue;
    seen.add(key);
    numbers.push(f);
  }
  body += `<section id="numbers">\n<h2>${escapeHtml(t(lang, 'report.numbers'))}</h2>\n<p class="intro">${escapeHtml(t(lang, 'report.numbers.intro'))}</p>\n`;
  if (!numbers.length) body += `<p>${escapeHtml(t(lang, 'report.numbers.none'))}</p>\n`;
  else {
    body += `<table>\n<thead><tr><th>${escapeHtml(t(lang, 'report.col.rule'))}</th><th>${escapeHtml(t(lang, 'report.col.finding'))}</th><th>${escapeHtml(t(lang, 'report.col.figure'))}</th><th>${escapeHtml(t(lang, 'report.col.other'))}</th></tr></thead>\n<tbody>\n`;
    for (const f of numbers) {
      const others = (f.related ?? []).map((r) => `<div class="place">${lineLink(r.start, spanText(r))}<span class="quote">${escapeHtml(r.message)}</span></div>`).join('');
      body += `<tr data-rule="${escapeHtml(f.rule)}"><td>${badge(`sv-${f.severity}`, sevName(f.severity))} ${escapeHtml(f.rule)}</td><td>${escapeHtml(f.message)}</td><td><div class="place">${lineLink(f.start, spanText(f))}</div></td><td>${others || '—'}</td></tr>\n`;
    }
    body += `</tbody>\n</table>\n`;
  }
  body += `</section>\n`;

  // every finding, linked to its line
  body += `<section id="findings">\n<h2>${escapeHtml(t(lang, 'report.findings'))}</h2>\n`;
  if (!result.findings.length) body += `<p>${escapeHtml(t(lang, 'report.findings.none'))}</p>\n`;
  else {
    body += `<table>\n<thead><tr><th>${escapeHtml(t(lang, 'report.col.line'))}</th><th>${escapeHtml(t(lang, 'report.col.severity'))}</th><th>${escapeHtml(t(lang, 'report.col.rule'))}</th><th>${escapeHtml(t(lang, 'report.col.finding'))}</th></tr></thead>\n<tbody>\n`;
    for (const f of result.findings) {
      body += `<tr class="finding" data-rule="${escapeHtml(f.rule)}" data-severity="${f.severity}"><td>${lineLink(f.start)}</td><td>${badge(`sv-${f.severity}`, sevName(f.severity))}</td><td>${escapeHtml(f.rule)}</td><td>${escapeHtml(f.message)}</td></tr>\n`;
    }
    body += `</tbody>\n</table>\n`;
  }
  body += `</section>\n`;

  // the lines pointed at, each an anchor
  const lines = [...places].sort((a, b) => a[1].key - b[1].key);
  if (lines.length) {
    body += `<section id="lines">\n<h2>${escapeHtml(t(lang, 'report.lines'))}</h2>\n<ol class="lines">\n`;
    for (const [id, p] of lines) body += `<li id="${id}"><span class="no">${escapeHtml(placeName(p))}</span><span class="quote">${escapeHtml(clip(p.lineText, MAX_LINE * 2))}</span></li>\n`;
    body += `</ol>\n</section>\n`;
  }
  return page(lang, t(lang, 'report.title', { title: planTitle }), body);
}

/** A plan's row in the index of a batch, from the same coverage as its page. */
export function planSummary(result: CheckResult, file: string, href: string, lang: Lang = result.lang): PlanSummary {
  const coverage = planCoverage(result, lang);
  const { plan } = result;
  const level = (l: string) => coverage.filter((c) => c.level === l);
  const count = (cs: SectionCoverage[]) => ({ present: cs.filter((c) => c.state !== 'missing').length, total: cs.length });
  return {
    file,
    title: (plan.titleIndex !== null && plan.sections[plan.titleIndex]?.title) || file,
    href,
    required: count(level('required')),
    recommended: count(level('recommended')),
    missingRequired: level('required').filter((c) => c.state === 'missing').map((c) => c.title),
    counts: severityCounts(result.findings),
  };
}

/** The index of a batch: one row per plan, linking to its page. */
export function renderReportIndex(plans: readonly PlanSummary[], lang: Lang): string {
  const title = t(lang, 'report.index.title');
  let body = `<header>\n<h1>${escapeHtml(title)}</h1>\n<p class="sub">${escapeHtml(t(lang, 'report.index.intro', { count: plans.length, version: VERSION }))}</p>\n</header>\n`;
  if (!plans.length) return page(lang, title, body + `<p>${escapeHtml(t(lang, 'report.index.none'))}</p>\n`);
  const cols = ['plan', 'file', 'required', 'recommended', 'missing-required', 'errors', 'warnings', 'others'] as const;
  body += `<table id="plans">\n<thead><tr>${cols.map((c) => `<th>${escapeHtml(t(lang, `report.col.${c}`))}</th>`).join('')}</tr></thead>\n<tbody>\n`;
  for (const p of plans) {
    const bar = (x: { present: number; total: number }) => {
      const w = 80;
      const done = x.total ? (x.present / x.total) * w : 0;
      return `<svg width="${w}" height="10" viewBox="0 0 ${w} 10" role="img"><rect class="st-missing" x="0" y="0" width="${w}" height="10"></rect><rect class="st-present" x="0" y="0" width="${done.toFixed(1)}" height="10"></rect></svg> ${x.present}/${x.total}`;
    };
    body +=
      `<tr><td><a href="${escapeHtml(p.href)}">${escapeHtml(p.title)}</a></td><td>${escapeHtml(p.file)}</td><td class="bar">${bar(p.required)}</td><td class="bar">${bar(p.recommended)}</td>` +
      `<td>${p.missingRequired.length ? escapeHtml(p.missingRequired.join(t(lang, 'list.separator'))) : '—'}</td><td class="n">${p.counts.errors}</td><td class="n">${p.counts.warnings}</td><td class="n">${p.counts.infos + p.counts.hints}</td></tr>\n`;
  }
  body += `</tbody>\n</table>\n`;
  return page(lang, title, body);
}
