/**
 * Plan files on disk: decoding (UTF-8 only, refusing anything else with a
 * message that names the encoding), discovery that stays inside the searched
 * tree (real paths, symlinks resolved), safe in-place writes (a temporary file
 * renamed over the target, only if the target is still the file that was read),
 * and one-line causes for ordinary I/O errors. Used by the CLI and by the
 * server's "check workspace".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { glob } from 'tinyglobby';
import { t, type MessageKey } from './i18n.js';
import type { Lang } from './profile/schema.js';

// ---------- encodings ----------

export type EncodingProblem =
  | { kind: 'bom'; encoding: 'UTF-16 LE' | 'UTF-16 BE' | 'UTF-32 LE' | 'UTF-32 BE' }
  | { kind: 'nul'; encoding: 'UTF-16 LE' | 'UTF-16 BE' }
  | { kind: 'invalid'; byte: number; offset: number; guess: 'Latin-1/Windows-1252' | 'GB18030/GBK' };

export type Decoded = { ok: true; text: string; bom: boolean } | { ok: false; problem: EncodingProblem };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** UTF-16 without a byte-order mark: NUL bytes nearly all at odd (LE) or even (BE) offsets of the first 64 KB. */
function utf16ByNuls(bytes: Uint8Array): 'UTF-16 LE' | 'UTF-16 BE' | null {
  const n = Math.min(bytes.length, 64 * 1024);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  if (odd + even < 2) return null;
  if (odd >= 9 * even) return 'UTF-16 LE';
  if (even >= 9 * odd) return 'UTF-16 BE';
  return null;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode table 3-7), or -1. Linear. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + len > n) return i;
    const b1 = bytes[i + 1]!;
    if (b1 < lo || b1 > hi) return i;
    for (let k = 2; k < len; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += len;
  }
  return -1;
}

/** A guess at a legacy encoding: GB18030/GBK when the bytes decode as mostly Chinese in it, else Latin-1/Windows-1252. */
function guessLegacy(bytes: Uint8Array): 'Latin-1/Windows-1252' | 'GB18030/GBK' {
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    return 'Latin-1/Windows-1252';
  }
  let cjk = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)) cjk++;
    else other++;
  }
  return cjk >= 2 && cjk >= 4 * other ? 'GB18030/GBK' : 'Latin-1/Windows-1252';
}

/**
 * Decodes a file's bytes as UTF-8, strictly. A UTF-8 byte-order mark is taken
 * off the text (as editors do) and reported in `bom`, so that `encodeText`
 * puts it back; anything that is not UTF-8 is a problem naming the encoding.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return { ok: false, problem: { kind: 'bom', encoding: 'UTF-32 LE' } };
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return { ok: false, problem: { kind: 'bom', encoding: 'UTF-32 BE' } };
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: false, problem: { kind: 'bom', encoding: 'UTF-16 LE' } };
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: false, problem: { kind: 'bom', encoding: 'UTF-16 BE' } };
  const bom = startsWith(bytes, UTF8_BOM);
  const body = bom ? bytes.subarray(3) : bytes;
  const utf16 = utf16ByNuls(body);
  if (utf16) return { ok: false, problem: { kind: 'nul', encoding: utf16 } };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = Math.max(0, firstInvalidUtf8(body));
    return { ok: false, problem: { kind: 'invalid', byte: body[at] ?? 0, offset: at + (bom ? 3 : 0), guess: guessLegacy(body) } };
  }
  return { ok: true, text, bom };
}

/** The bytes of a text as UTF-8, with the byte-order mark when the original had one. */
export function encodeText(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([Buffer.from(UTF8_BOM), body]) : body;
}

/** True when `text` (and its BOM) encodes back to exactly `bytes`: the only condition under which a fix may be written. */
export function roundTrips(bytes: Uint8Array, text: string, bom: boolean): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(encodeText(text, bom));
}

/** The one-line message for a file that is not UTF-8. */
export function describeEncoding(p: EncodingProblem, lang: Lang): string {
  if (p.kind === 'invalid') {
    return t(lang, 'file.encoding.invalid', { byte: `0x${p.byte.toString(16).toUpperCase().padStart(2, '0')}`, offset: p.offset, guess: p.guess });
  }
  return t(lang, p.kind === 'bom' ? 'file.encoding.bom' : 'file.encoding.nul', { encoding: p.encoding });
}

// ---------- I/O errors ----------

const CAUSES: Record<string, MessageKey> = {
  EACCES: 'io.EACCES',
  EPERM: 'io.EACCES',
  EISDIR: 'io.EISDIR',
  ENOENT: 'io.ENOENT',
  ENOTDIR: 'io.ENOTDIR',
  ENOSPC: 'io.ENOSPC',
  EDQUOT: 'io.ENOSPC',
  EROFS: 'io.EROFS',
  ELOOP: 'io.ELOOP',
  EREADONLY: 'io.read-only',
  ENOTFILE: 'io.not-file',
};

/** True for the errors of the file system that a user can cause and fix (not planlint bugs). */
export function isIoError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
}

/** A short cause for an I/O error ("permission denied", "is a folder", ...), without paths or a stack. */
export function ioCause(e: unknown, lang: Lang): string {
  const code = isIoError(e) ? e.code! : 'EIO';
  const key = CAUSES[code];
  return key ? t(lang, key) : t(lang, 'io.other', { code });
}

function codedError(code: string, file: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${code}: ${file}`);
  e.code = code;
  return e;
}

// ---------- reading and writing ----------

export interface ReadResult {
  bytes: Buffer;
  /** The file's status at the moment it was read (same open file). */
  stat: fs.Stats;
}

const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** Reads a regular file (not through a final symlink), with its status taken from the same open file. */
export function readFileChecked(file: string): ReadResult {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW);
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw codedError('EISDIR', file);
    if (!stat.isFile()) throw codedError('ENOTFILE', file);
    return { bytes: fs.readFileSync(fd), stat };
  } finally {
    fs.closeSync(fd);
  }
}

function sameFile(a: fs.Stats, b: fs.Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** Whether `file` is now the regular file (not a symlink) `expectedStat` describes, holding exactly `expectedBytes`. */
function unchanged(file: string, expectedBytes: Uint8Array, expectedStat: fs.Stats | undefined): fs.Stats | null {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return null;
  }
  if (!st.isFile() || st.size !== expectedBytes.byteLength) return null;
  if (expectedStat && !sameFile(st, expectedStat)) return null;
  let now: ReadResult;
  try {
    now = readFileChecked(file);
  } catch {
    return null;
  }
  if (!sameFile(now.stat, st)) return null;
  return now.bytes.equals(expectedBytes) ? st : null;
}

export type WriteOutcome = 'written' | 'changed';

/**
 * Replaces `file` with `newBytes`, but only if it is still the regular file
 * that was read: not a symlink, the same device and inode, size and
 * modification time as `expectedStat` (when given), and exactly
 * `expectedBytes`. The new content goes to a temporary file in the same
 * folder, with the file's mode (and owner, where allowed), and is renamed over
 * the target after a last check, so a reader never sees a half-written file.
 * Returns 'changed' (nothing written) when the file changed since it was
 * read; throws the I/O error (with `code`) when it cannot be written, e.g.
 * EACCES, or EREADONLY for a file with no write permission at all.
 */
export function writeFileIfUnchanged(file: string, expectedBytes: Uint8Array, newBytes: Uint8Array, expectedStat?: fs.Stats): WriteOutcome {
  const before = unchanged(file, expectedBytes, expectedStat);
  if (!before) return 'changed';
  // a file nobody may write stays as it is, even for a user (root) whom the system would let through
  if ((before.mode & 0o222) === 0) throw codedError('EREADONLY', file);
  fs.accessSync(file, fs.constants.W_OK);
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.planlint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW, 0o600);
  let renamed = false;
  try {
    try {
      fs.writeSync(fd, newBytes);
      fs.fchmodSync(fd, before.mode & 0o7777);
      if (typeof process.getuid === 'function' && (before.uid !== process.getuid() || before.gid !== process.getgid?.())) {
        try {
          fs.fchownSync(fd, before.uid, before.gid);
        } catch {
          // not allowed: the file keeps its content and mode, owned by whoever fixes it
        }
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const last = unchanged(file, expectedBytes, expectedStat ?? before);
    if (!last || !sameFile(last, before)) return 'changed';
    fs.renameSync(tmp, file);
    renamed = true;
    return 'written';
  } finally {
    if (!renamed) fs.rmSync(tmp, { force: true });
  }
}

// ---------- discovery ----------

/** True when `p` is `root` or lies inside it (both absolute, already resolved). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export interface FoundFile {
  /** The path as found under the root (may go through symlinks inside the tree). */
  path: string;
  /** Its real path, inside the real root. */
  real: string;
}

/**
 * Files under `root` matching `patterns` (relative to root) whose real path
 * lies inside the real root: a symlink (to a file or a folder) that leads out
 * of the tree is left out, one that stays inside is kept, once per real file
 * (the path without symlinks preferred, else the first in order). Sorted by path.
 */
export async function findFilesInTree(root: string, patterns: string[], ignore: string[]): Promise<FoundFile[]> {
  const realRoot = fs.realpathSync(root);
  const found = (await glob(patterns, { cwd: root, absolute: true, ignore, expandDirectories: false, followSymbolicLinks: true })).sort();
  const byReal = new Map<string, string>();
  for (const p of found) {
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch {
      continue;
    }
    if (!isInside(realRoot, real)) continue;
    const prev = byReal.get(real);
    if (prev === undefined || (p === real && prev !== real)) byReal.set(real, p);
  }
  return [...byReal].map(([real, p]) => ({ path: p, real })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Splits a glob into the folder it starts from (its leading segments without wildcards) and the rest. */
export function globBase(pattern: string): { base: string; rest: string } {
  const segs = pattern.split('/');
  let i = 0;
  while (i < segs.length - 1 && !/[*?[\]{}()!+@]/.test(segs[i]!)) i++;
  const base = segs.slice(0, i).join('/');
  return { base: base === '' && pattern.startsWith('/') ? '/' : base || '.', rest: segs.slice(i).join('/') };
}
