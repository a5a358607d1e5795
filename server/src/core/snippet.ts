/**
 * Templates as snippets (VS Code's snippet syntax, used by the committed
 * snippets and by completion). A template's fill-in `[…]` becomes a tab stop
 * that holds the brackets too: typing replaces the whole fill-in, and one
 * left as it is stays a recognisable fill-in that the placeholder rule
 * reports, the same marker a quick fix inserts.
 */

export function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** One line of a template with its fill-ins as numbered tab stops from `n`; linear, our own data or not. */
function lineToSnippet(line: string, n: number): { text: string; next: number } {
  let out = '';
  let last = 0;
  let open = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '[') open = i;
    else if (c === ']' && open >= 0) {
      const inner = line.slice(open + 1, i);
      const isLink = line[i + 1] === '(';
      const isBox = /^[xX ]$/.test(inner);
      if (!isLink && !isBox && inner.trim()) {
        out += escapeSnippet(line.slice(last, open)) + `\${${n++}:${escapeSnippet(`[${inner}]`).replace(/\|/g, '\\|')}}`;
        last = i + 1;
      }
      open = -1;
    }
  }
  return { text: out + escapeSnippet(line.slice(last)), next: n };
}

/** Template lines as snippet lines, tab stops numbered from `firstStop`; `next` is the first number left. */
export function templateSnippet(lines: readonly string[], firstStop = 1): { lines: string[]; next: number } {
  let n = firstStop;
  const out = lines.map((line) => {
    const r = lineToSnippet(line, n);
    n = r.next;
    return r.text;
  });
  return { lines: out, next: n };
}
