/**
 * Benchmark inputs: the guide, plans of 1 MB and 10 MB made from it (each
 * copy's headings and sentences made unique, so no chunk is a repeat of
 * another), and the pathological inputs. Generated, never committed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The guide: PLANLINT_GUIDE, or ../shared/guide/000_d9ba60f635477a24.txt next to the clone. */
export function guidePath(): string {
  const p = process.env.PLANLINT_GUIDE ? path.resolve(process.env.PLANLINT_GUIDE) : path.resolve(REPO, '..', 'shared', 'guide', '000_d9ba60f635477a24.txt');
  if (!fs.existsSync(p)) {
    throw new Error(
      `planlint bench: the guide is not at ${p}.\n` +
        `It is expected in a shared/ copy next to the clone (../shared/guide/000_d9ba60f635477a24.txt);\n` +
        `set PLANLINT_GUIDE=/path/to/000_d9ba60f635477a24.txt to use another place.`,
    );
  }
  return p;
}

/** A plan of at least `bytes` UTF-8 bytes made of copies of the guide, each copy made unique. */
export function scaled(guide: string, bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const copy = guide.replace(/^(#{1,6} .*)$/gm, `$1 (${i})`).replace(/。$/gm, `。${i}`);
    parts.push(copy);
    size += Buffer.byteLength(copy);
  }
  return parts.join('\n');
}

/**
 * A plan of about `bytes` with a fenced code block of `lines` lines in the middle, between two
 * sections (the code block of issue 10: a check once took seconds, quadratic in its lines).
 */
export function withCodeBlock(guide: string, bytes: number, lines: number): string {
  const code = Array.from({ length: lines }, (_, i) => `  const v${String(i).padStart(5, '0')} = compute(${i}) + offset;`).join('\n');
  const block = '```ts\n' + code + '\n```\n';
  const plan = scaled(guide, Math.max(0, bytes - Buffer.byteLength(block)));
  const mid = plan.indexOf('\n## ', Math.floor(plan.length / 2));
  const at = mid < 0 ? plan.length : mid + 1;
  return plan.slice(0, at) + block + '\n' + plan.slice(at);
}

export interface Input {
  name: string;
  text: string;
  /** False: too slow for markdownlint to run by default. */
  markdownlint?: boolean;
}

export function pathological(): Input[] {
  return [
    { name: '5,000 nested list items (10 KB)', text: '- '.repeat(5000) + 'x\n' },
    { name: '5,000 nested block quotes (10 KB)', text: '> '.repeat(5000) + 'x\n' },
    { name: '100,000 headings (1.6 MB)', text: Array.from({ length: 100_000 }, (_, i) => `## Heading ${String(i).padStart(5, '0')}\n`).join('') },
    { name: 'one 1 MB line', text: 'word '.repeat(200_000) + '\n' },
    { name: '1 MB paragraph, no break', text: 'some text with *emphasis* and [a link](x)\n'.repeat(25_000), markdownlint: false },
  ];
}

export function kb(s: string): string {
  const b = Buffer.byteLength(s);
  return b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(0)} KB`;
}
