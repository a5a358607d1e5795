/**
 * Where inserted text lands (the reveal of a fix): counted from the document's line index and the edits,
 * it must equal the positions in the edited text itself, for every fix of the example plans and their
 * CRLF copies, and for insert-all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, checkPlan, insertAllMissing, insertedBlock, LineIndex, type TextEdit } from '../server/src/core/index.js';
import { insertedText } from '../server/src/lsp/features.js';
import { REPO } from './helpers/fixtures.js';

function slow(text: string, edits: readonly TextEdit[]) {
  const at = insertedBlock(edits)!;
  const after = new LineIndex(applyEdits(text, edits));
  return { range: { start: after.positionAt(at.start), end: after.positionAt(at.end) }, select: { start: after.positionAt(at.select.start), end: after.positionAt(at.select.end) } };
}

test('insertedText: the counted positions are the positions in the edited text (every fix, insert-all, LF and CRLF)', () => {
  let checked = 0;
  for (const name of fs.readdirSync(path.join(REPO, 'examples')).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const lf = fs.readFileSync(path.join(REPO, 'examples', name), 'utf8');
    for (const text of [lf, lf.replace(/\n/g, '\r\n')]) {
      const result = checkPlan(text);
      const ctx = { uri: 'file:///plan.md', text, result };
      const sets = [...result.findings.flatMap((f) => (f.fix ? [f.fix.edits] : [])), insertAllMissing(result)];
      for (const edits of sets) {
        if (!insertedBlock(edits)) continue;
        const got = insertedText(ctx, edits)!;
        assert.deepEqual({ range: got.range, select: got.select }, slow(text, edits), `${name}: ${JSON.stringify(edits.map((e) => e.start))}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 10, `${checked} inserted blocks checked`);
});
