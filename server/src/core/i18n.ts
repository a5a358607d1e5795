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
  'missing-section.required-ai': {
    en: 'Missing required section: {title} (the guide asks it of AI products, and the plan says little about AI; if the product is not one, set "sections": {"{id}": {"level": "off"}} in planlint.config.json)',
    zh: '缺少必需章节：{title}（指南要求 AI 产品写明此项，而计划书很少谈及 AI；若产品并非 AI 产品，可在 planlint.config.json 中设置 "sections": {"{id}": {"level": "off"}}）',
  },
  'missing-section.required-stakes': {
    en: 'Missing required section: {title} (the plan names no high-stakes use such as health, credit, hiring or education, where it matters most; say in a paragraph how users see why the model answered as it did, or set "sections": {"{id}": {"level": "off"}} in planlint.config.json)',
    zh: '缺少必需章节：{title}（计划书未提及医疗、信贷、招聘、教育等高风险用途，这些场景最需要可解释性；请用一段话说明用户如何了解模型给出结果的依据，或在 planlint.config.json 中设置 "sections": {"{id}": {"level": "off"}}）',
  },
  'missing-section.required-hosted': {
    en: 'Missing required section: {title} (the plan builds on a hosted model: say how users see why it answered as it did, and how its answers are checked)',
    zh: '缺少必需章节：{title}（计划书基于第三方托管的大模型：请说明用户如何了解其回答的依据，以及如何核查其回答）',
  },
  'missing-section.recommended': { en: 'Missing recommended section: {title}', zh: '缺少推荐章节：{title}' },
  'missing-section.optional': { en: 'Missing optional section: {title}', zh: '缺少可选章节：{title}' },
  'buried-section': {
    en: '{title} has no section of its own: it is discussed only inside "{where}" ({sentences} sentences); give it a section',
    zh: '{title}没有单独的章节，只在“{where}”中提及（{sentences} 句）；请为它单独成章',
  },
  'buried-section.spread': {
    en: '{title} has no section of its own: it is discussed only in passing, in "{where}" and {others} other places ({sentences} sentences); give it a section',
    zh: '{title}没有单独的章节，只在“{where}”等 {count} 处零散提及（{sentences} 句）；请为它单独成章',
  },
  'buried-section.related': { en: '{title} is discussed here ({sentences} sentences)', zh: '此处提及{title}（{sentences} 句）' },
  'buried-section.preamble': { en: 'the opening text', zh: '开头部分' },
  'unmarked-heading': {
    en: '"{title}" reads as a heading but is not marked as one; planlint reads it as a heading, other Markdown tools and outlines do not',
    zh: '“{title}”看起来是标题，但没有标记为 Markdown 标题；planlint 按标题读取，其他 Markdown 工具和大纲不会',
  },
  'fix.mark-heading': { en: 'Mark as a heading: {mark}', zh: '标记为标题：{mark}' },
  'fix.insert-section': { en: 'Insert section: {title}', zh: '插入章节：{title}' },
  'fix.insert-section-as': { en: 'Insert section: {title} ({heading})', zh: '插入章节：{title}（{heading}）' },
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
  'placeholder.fill-ins': {
    en: '{title} still holds {count} template fill-ins to write (first: "{text}")',
    zh: '{title}还有 {count} 处模板填写项未完成（第一处：“{text}”）',
  },
  'placeholder.fill-in-related': { en: 'Fill-in "{text}"', zh: '填写项“{text}”' },
  placeholder: { en: 'Placeholder left in the text: "{text}"', zh: '文本中留有待填写的占位内容：“{text}”' },
  'duplicate-section': {
    en: 'Section "{title}" appears more than once (first at line {line})',
    zh: '章节“{title}”重复出现（首次出现在第 {line} 行）',
  },
  'incomplete-forecast.no-figures': {
    en: 'Section "{title}" states no figure: give revenue, costs and profit by year, with the assumptions behind them',
    zh: '章节“{title}”没有任何数字：请按年份给出收入、成本和利润，并写明依据的假设',
  },
  'incomplete-forecast.revenue-only': {
    en: 'Section "{title}" gives revenue but no costs or profit: say what the business costs and when it breaks even',
    zh: '章节“{title}”只有收入，没有成本或利润：请写明业务的成本以及何时实现盈亏平衡',
  },
  'unquantified-funding': {
    en: 'Section "{title}" states no amount: say how much you are raising and what it pays for',
    zh: '章节“{title}”没有写明金额：请说明本轮融资多少，以及资金的用途',
  },
  'duplicate-section.elsewhere': {
    en: 'Section "{title}" appears more than once (first in {file}, line {line})',
    zh: '章节“{title}”重复出现（首次出现在 {file} 第 {line} 行）',
  },
  'duplicate-section.related': { en: 'First occurrence of "{title}"', zh: '“{title}”首次出现处' },
  'section-order': {
    en: 'Section "{title}" comes after "{after}"; the guide puts it earlier',
    zh: '章节“{title}”位于“{after}”之后；指南建议将其放在前面',
  },
  'list.separator': { en: ', ', zh: '、' },
  'market-size-unquantified.size': {
    en: 'Section "{title}" states no market size as a number with a unit (TAM/SAM/SOM, e.g. "$12B" or "1,200亿元")',
    zh: '章节“{title}”未以带单位的数字给出市场规模（TAM/SAM/SOM，如“1,200亿元”或“$12B”）',
  },
  'market-size-unquantified.both': {
    en: 'Section "{title}" states neither a market size as a number with a unit (TAM/SAM/SOM, e.g. "$12B") nor a growth figure (e.g. "CAGR 25%")',
    zh: '章节“{title}”既未以带单位的数字给出市场规模（TAM/SAM/SOM，如“1,200亿元”），也未给出增长数据（如“年复合增长率25%”）',
  },
  'market-size-unquantified.growth': {
    en: 'Section "{title}" states no market growth figure (e.g. "CAGR 25%")',
    zh: '章节“{title}”未给出市场增长数据（如“年复合增长率25%”）',
  },
  'missing-source': {
    en: 'Market figure "{text}" has no source: add a link, a footnote or "Source: …" in its sentence, row or section',
    zh: '市场数据“{text}”没有注明来源：请在所在句子、表格行或章节中添加链接、脚注或“来源：…”',
  },
  'table-arithmetic.profit': {
    en: '"{label}" ({period}) is {actual}, but {formula} gives {expected}',
    zh: '“{label}”（{period}）为 {actual}，但按{formula}计算应为 {expected}',
  },
  'table-arithmetic.total': {
    en: '"{label}" ({period}) is {actual}, but its parts add up to {expected}',
    zh: '“{label}”（{period}）为 {actual}，但各分项之和为 {expected}',
  },
  'table-arithmetic.formula.revenue': { en: 'revenue minus costs', zh: '收入减成本' },
  'table-arithmetic.formula.profit': { en: '"{base}" minus costs', zh: '“{base}”减成本' },
  'fix.table-arithmetic': { en: 'Replace with the computed value {expected}', zh: '改为计算值 {expected}' },
  'funds-total.percent': {
    en: 'Use of funds percentages add up to {sum}%, not 100%',
    zh: '资金用途各项占比合计为 {sum}%，不等于 100%',
  },
  'funds-total.amount': {
    en: 'Use of funds adds up to {sum}, but the amount raised is {raised}',
    zh: '资金用途各项金额合计为 {sum}，与融资金额 {raised} 不符',
  },
  'funds-total.share': {
    en: '"{label}" is {amount} of {total}, which is {computed}%, but its share is given as {share}',
    zh: '“{label}”为 {amount}，占合计 {total} 的 {computed}%，而所写占比为 {share}',
  },
  'funds-total.related': { en: 'Amount raised: {raised}', zh: '融资金额：{raised}' },
  'figure-contradiction': {
    en: '{metric} for {period} is {value} here, but {others} elsewhere in the plan (line {lines}); state one figure, or say why they differ',
    zh: '{period}{metric}此处为 {value}，而计划书另一处为 {others}（第 {lines} 行）；请统一数字，或说明差异原因',
  },
  'figure-contradiction.run-rate': {
    en: 'MRR and ARR for {period} do not agree: {mrr} a month is {annual} a year, but ARR is {arr} (line {lines}); state one figure, or say why they differ',
    zh: '{period}的 MRR 与 ARR 不一致：每月 {mrr} 折合每年 {annual}，而 ARR 为 {arr}（第 {lines} 行）；请统一数字，或说明差异原因',
  },
  'figure-contradiction.ahead': {
    en: 'MRR of {mrr} by {period} runs at {annual} a year, yet revenue is {revenue} for {period} and only {next} for {nextPeriod} although it grows (line {lines}); check the MRR target or the forecast',
    zh: '{period}的 MRR {mrr} 折合每年 {annual}，而{period}营收为 {revenue}、{nextPeriod}营收仅 {next}（第 {lines} 行），营收增长却低于这一年化水平；请核对 MRR 目标或营收预测',
  },
  'figure-contradiction.break-even': {
    en: 'Break-even is reached at {value} here, but at {others} elsewhere in the plan (line {lines}); state one date, or say why they differ',
    zh: '此处写明在{value}实现盈亏平衡，而计划书另一处为{others}（第 {lines} 行）；请统一时间，或说明差异原因',
  },
  'inverted-market-sizes': {
    en: '{inner} ({innerValue}) is larger than {outer} ({outerValue}, line {line}), which contains it; check the units, the periods or how each layer is defined',
    zh: '{inner}（{innerValue}）大于包含它的 {outer}（{outerValue}，第 {line} 行）；请核对单位、期间或各层的口径',
  },
  'inverted-market-sizes.related': { en: '{layer} stated as {value}', zh: '此处 {layer} 为 {value}' },
  'wrong-calculation': {
    en: 'This calculation does not hold: {expr} gives {computed}, not {stated}',
    zh: '此处计算不成立：{expr} 得 {computed}，而非 {stated}',
  },
  'fix.wrong-calculation': { en: 'Replace with {expected} ({expr})', zh: '改为 {expected}（{expr}）' },
  'figure-contradiction.related': { en: '{metric} for {period} stated as {value}', zh: '此处{period}{metric}为 {value}' },
  'figure-contradiction.breakdown': {
    en: '"{label}" is {total} here, but the items listed under it add up to {sum} ({parts}); correct the total or an item',
    zh: '“{label}”此处为 {total}，但其下列出的各项合计为 {sum}（{parts}）；请修正合计或其中一项',
  },
  'figure-contradiction.return': {
    en: 'A return of {claim} does not follow from the plan: an exit valuation of {exit} on a post-money valuation of {post} gives at most {bound}, before any dilution; correct the multiple or show how it is reached',
    zh: '回报 {claim} 与计划书的数字不符：退出估值 {exit}、投后估值 {post}，即使不考虑稀释，最多也只有 {bound}；请修正倍数或说明如何得出',
  },
  'figure-contradiction.return-exit': { en: 'Exit valuation: {exit}', zh: '退出估值：{exit}' },
  'figure-contradiction.breakdown-part': { en: 'Item of "{label}": {value}', zh: '“{label}”的一项：{value}' },
  'figure-contradiction.related-break-even': { en: 'Break-even stated at {value}', zh: '此处盈亏平衡时间为{value}' },
  'figure.revenue': { en: 'Revenue', zh: '营收' },
  'figure.mrr': { en: 'MRR', zh: 'MRR（月经常性收入）' },
  'figure.arr': { en: 'ARR', zh: 'ARR（年经常性收入）' },
  'figure.paying-users': { en: 'The number of paying users', zh: '付费用户数' },
  'figure.customers': { en: 'The number of customers', zh: '客户数' },
  'figure.break-even': { en: 'Break-even', zh: '盈亏平衡' },
  'period.year': { en: '{n}', zh: '{n} 年' },
  'period.year-index': { en: 'year {n}', zh: '第 {n} 年' },
  'period.month': { en: 'month {n}', zh: '第 {n} 个月' },
  'period.quarter': { en: 'Q{q} {n}', zh: '{n} 年第 {q} 季度' },
  'risk-without-response.row': {
    en: 'Risk "{risk}" has no response or mitigation',
    zh: '风险“{risk}”没有应对措施',
  },
  'risk-without-response.table': {
    en: 'The risk table has no response / mitigation column, and the section gives no responses',
    zh: '风险表没有“应对措施”列，本章节也未给出应对措施',
  },
  'risk-without-response.cell': {
    en: 'Risk "{risk}" has an empty {column} cell',
    zh: '风险“{risk}”的“{column}”一栏为空',
  },
  'risk-without-response.probability': { en: 'probability', zh: '发生概率' },
  'risk-without-response.impact': { en: 'impact', zh: '影响程度' },
  'too-complex-to-parse.nesting': {
    en: 'Lists or quotes nested {depth} levels deep (more than {limit}): planlint read this part as plain text, so its lists, tables and code are not checked as such',
    zh: '列表或引用嵌套 {depth} 层（超过 {limit} 层）：planlint 将这一部分按纯文本读取，其中的列表、表格和代码不按结构检查',
  },
  'too-complex-to-parse.size': {
    en: '{size} characters with no place to split them (more than {limit}): planlint read this part as plain text; add headings to have it checked in full',
    zh: '连续 {size} 个字符没有可拆分之处（超过 {limit}）：planlint 将这一部分按纯文本读取；请添加标题以便完整检查',
  },
  'too-complex-to-parse.headings': {
    en: 'More than {limit} headings ({count}): planlint read the plan from here on as plain text without headings',
    zh: '标题超过 {limit} 个（共 {count} 个）：planlint 将计划自此处起按不含标题的纯文本读取',
  },
  'too-complex-to-parse.marks': {
    en: 'More than {limit} "{mark}" marks in one paragraph: planlint read this part as plain text, as the Markdown parser would take too long over them; split it with blank lines to have it checked in full',
    zh: '一个段落中“{mark}”符号超过 {limit} 个：Markdown 解析器处理它们耗时过长，planlint 将这一部分按纯文本读取；请用空行拆分以便完整检查',
  },
  'too-complex-to-parse.line-length': {
    en: 'A line of {length} characters (more than {limit}): planlint read this part as plain text; break the line to have it checked in full',
    zh: '一行长达 {length} 个字符（超过 {limit}）：planlint 将这一部分按纯文本读取；请将其断行以便完整检查',
  },
  'file.encoding.bom': {
    en: 'encoded as {encoding} (byte-order mark), not UTF-8: planlint reads UTF-8 only; convert the file to UTF-8 to check it',
    zh: '编码为 {encoding}（有字节顺序标记），不是 UTF-8：planlint 只读取 UTF-8，请将文件转换为 UTF-8 后再检查',
  },
  'file.encoding.nul': {
    en: 'looks like {encoding} (NUL bytes), not UTF-8: planlint reads UTF-8 only; convert the file to UTF-8 to check it',
    zh: '看似 {encoding} 编码（含 NUL 字节），不是 UTF-8：planlint 只读取 UTF-8，请将文件转换为 UTF-8 后再检查',
  },
  'file.encoding.invalid': {
    en: 'not valid UTF-8 (byte {byte} at offset {offset}, perhaps {guess}): planlint reads UTF-8 only; convert the file to UTF-8 to check it',
    zh: '不是有效的 UTF-8（偏移 {offset} 处的字节 {byte}，可能是 {guess}）：planlint 只读取 UTF-8，请将文件转换为 UTF-8 后再检查',
  },
  'file.encoding.round-trip': {
    en: 'its text does not encode back to the same bytes, not written',
    zh: '文本无法编码回原有字节，未写入',
  },
  'file.changed': { en: 'changed while fixing, not written', zh: '修复期间文件已被修改，未写入' },
  'file.outside': {
    en: 'a symbolic link to {target}, outside {root}: not written',
    zh: '是指向 {root} 之外的 {target} 的符号链接：未写入',
  },
  'io.read': { en: 'cannot be read: {cause}', zh: '无法读取：{cause}' },
  'io.write': { en: 'cannot be written: {cause}', zh: '无法写入：{cause}' },
  'io.EACCES': { en: 'permission denied', zh: '权限不足' },
  'io.read-only': { en: 'read-only file', zh: '文件为只读' },
  'io.EISDIR': { en: 'is a folder', zh: '是一个文件夹' },
  'io.ENOENT': { en: 'no such file or folder', zh: '文件或文件夹不存在' },
  'io.ENOTDIR': { en: 'a part of the path is not a folder', zh: '路径中的某一部分不是文件夹' },
  'io.ENOSPC': { en: 'no space left on the device', zh: '设备空间不足' },
  'io.EROFS': { en: 'read-only file system', zh: '文件系统为只读' },
  'io.ELOOP': { en: 'too many symbolic links, or a symbolic link where a file was expected', zh: '符号链接过多，或此处应为文件却是符号链接' },
  'io.not-file': { en: 'not a regular file', zh: '不是普通文件' },
  'io.other': { en: 'I/O error {code}', zh: '输入输出错误 {code}' },
  // the plan report (report-html.ts)
  'report.title': { en: 'Plan report: {title}', zh: '计划书检查报告：{title}' },
  'report.subtitle': { en: '{file} · checked against the {profile} guide profile by planlint {version}', zh: '{file} · 依据指南配置 {profile} 检查（planlint {version}）' },
  'report.glance': { en: 'At a glance', zh: '概览' },
  'report.glance.required': { en: 'Required sections: {present} of {total}', zh: '必需章节：{present}/{total}' },
  'report.glance.recommended': { en: 'Recommended sections: {present} of {total}', zh: '推荐章节：{present}/{total}' },
  'report.glance.findings': { en: '{errors} errors, {warnings} warnings, {infos} information, {hints} hints', zh: '错误 {errors} 个，警告 {warnings} 个，提示 {infos} 个，建议 {hints} 个' },
  'report.glance.blank': { en: 'Nothing written yet: the checks start with the first paragraph or chapter.', zh: '尚未写入内容：写下第一段或第一章后开始检查。' },
  'report.chart.sections': { en: 'Sections by level and state', zh: '各级别章节的状态' },
  'report.chart.findings': { en: 'Findings by severity', zh: '各严重程度的问题数' },
  'report.coverage': { en: 'Sections', zh: '章节覆盖' },
  'report.coverage.intro': { en: 'Every section of the guide, required first: present, thin, still a template, or missing.', zh: '指南的每个章节（必需章节在前）：已写、内容单薄、仍是模板或缺失。' },
  'report.state.present': { en: 'present', zh: '已写' },
  'report.state.thin': { en: 'thin', zh: '内容单薄' },
  'report.state.template': { en: 'template', zh: '仍是模板' },
  'report.state.missing': { en: 'missing', zh: '缺失' },
  'report.fill-ins': { en: '{count} fill-ins left', zh: '尚有 {count} 处待填写' },
  'report.col.section': { en: 'Section', zh: '章节' },
  'report.col.level': { en: 'Level', zh: '级别' },
  'report.col.state': { en: 'State', zh: '状态' },
  'report.col.where': { en: 'In the plan', zh: '计划书中的位置' },
  'report.col.words': { en: 'Words', zh: '字数' },
  'report.col.topics': { en: 'Topics', zh: '要点' },
  'report.col.rule': { en: 'Rule', zh: '规则' },
  'report.col.finding': { en: 'Finding', zh: '问题' },
  'report.col.figure': { en: 'Here', zh: '此处' },
  'report.col.other': { en: 'Compared with', zh: '对照之处' },
  'report.col.line': { en: 'Line', zh: '行' },
  'report.col.severity': { en: 'Severity', zh: '严重程度' },
  'report.col.plan': { en: 'Plan', zh: '计划书' },
  'report.col.file': { en: 'File', zh: '文件' },
  'report.col.required': { en: 'Required', zh: '必需章节' },
  'report.col.recommended': { en: 'Recommended', zh: '推荐章节' },
  'report.col.missing-required': { en: 'Missing required sections', zh: '缺失的必需章节' },
  'report.col.errors': { en: 'Errors', zh: '错误' },
  'report.col.warnings': { en: 'Warnings', zh: '警告' },
  'report.col.others': { en: 'Information and hints', zh: '提示与建议' },
  'report.topics': { en: 'Topics by section', zh: '各章节要点' },
  'report.topics.intro': { en: 'The topics the guide expects in each section the plan has: covered by any of its chapters, or missing.', zh: '计划书已有的每个章节中指南期望的要点：任一相关章节涉及即为已涉及，否则为未涉及。' },
  'report.topics.none': { en: 'no topics asked', zh: '无要点要求' },
  'report.topic.covered': { en: 'covered', zh: '已涉及' },
  'report.topic.missing': { en: 'missing', zh: '未涉及' },
  'report.numbers': { en: 'Numbers', zh: '数字核对' },
  'report.numbers.intro': { en: 'What the number rules found, with the figures side by side: each place a finding points at, and the places it is compared with.', zh: '数字类规则发现的问题，数字并列对照：问题所在之处及与之对照的各处。' },
  'report.numbers.none': { en: 'No finding about the numbers.', zh: '数字方面没有发现问题。' },
  'report.findings': { en: 'All findings', zh: '全部问题' },
  'report.findings.none': { en: 'No findings.', zh: '没有发现问题。' },
  'report.lines': { en: 'Lines referred to', zh: '所引用的原文行' },
  'report.line': { en: 'line {line}', zh: '第 {line} 行' },
  'report.none': { en: 'none', zh: '无' },
  'report.severity.error': { en: 'error', zh: '错误' },
  'report.severity.warning': { en: 'warning', zh: '警告' },
  'report.severity.info': { en: 'information', zh: '提示' },
  'report.severity.hint': { en: 'hint', zh: '建议' },
  'report.index.title': { en: 'Plan reports', zh: '计划书检查报告' },
  'report.index.intro': { en: '{count} plans, checked by planlint {version}. Each row links to the plan\'s report.', zh: '共 {count} 份计划书，由 planlint {version} 检查。每行链接到该计划书的报告。' },
  'report.index.none': { en: 'No plans.', zh: '没有计划书。' },
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof MESSAGES;

/** A lookup function over a catalog of en/zh messages with `{name}` parameters. */
export function translator<K extends string>(catalog: Record<K, Message>): (lang: Lang, key: K, params?: Params) => string {
  return (lang, key, params = {}) => catalog[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

export const t = translator<MessageKey>(MESSAGES);

export function list(lang: Lang, items: string[]): string {
  return items.join(t(lang, 'list.separator'));
}
