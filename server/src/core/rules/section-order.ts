import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';

export default defineRule({
  id: 'PL006',
  name: 'section-order',
  description: {
    en: 'A section stands far from where the guide orders it.',
    zh: '章节位置与指南建议的顺序相差较远。',
  },
  defaultSeverity: 'off',
  fixable: false,
  options: z
    .object({
      distance: z.number().int().min(1).default(3).describe('How many places earlier in the guide order a section must belong before it is reported.'),
    })
    .strict(),
  docs: {
    details: {
      en: 'Reports a guide section that comes after another one that the guide puts at least `distance` places later. Off by default: a plan may have its own good reasons for its order; turn it on as a hint.',
      zh: '当某个指南章节出现在另一个章节之后，而指南将后者排在其后至少 `distance` 个位置时报告。默认关闭：计划书可以有自己的顺序；需要时可作为提示开启。',
    },
    valid: '## Market demand\n\nText.\n\n## Technical feasibility\n\nText.\n\n## Team\n\nText.\n',
    invalid: '## Financing\n\nText.\n\n## Market demand\n\nText.\n',
  },
  check(ctx) {
    const { plan, analysis, profile, options } = ctx;
    const seq = [...analysis.bySection].flatMap(([id, idx]) => idx.map((i) => ({ i, g: profile.byId.get(id)! }))).sort((a, b) => a.i - b.i);
    let max: (typeof seq)[number] | null = null;
    for (const cur of seq) {
      if (max && max.g.order - cur.g.order >= options.distance) {
        const s = plan.sections[cur.i]!;
        ctx.report({
          ...s.heading,
          section: cur.g.id,
          message: t(ctx.lang, 'section-order', { title: s.title || s.text, after: plan.sections[max.i]!.title }),
        });
      }
      if (!max || cur.g.order > max.g.order) max = cur;
    }
  },
});
