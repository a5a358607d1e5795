// Running and waiting in the end-to-end tests, shared by the code-server suite (suite/index.ts) and the web suite (web/index.ts):
// on events, with a poll every 200 ms for state that has no event, and a timeout. No fixed sleeps. No Node or vscode
// import, so that the web suite can bundle it for the browser.

/** An event as vscode.Event: subscribe with a listener, get something to dispose. */
export type EventLike = (listener: (e: unknown) => unknown) => { dispose(): void };

export interface WaitOptions {
  events?: EventLike[];
  /** Timeout (default 30 s). */
  ms?: number;
  /** The state to show when the wait times out. */
  describe?: () => string;
}

/**
 * Resolve with probe()'s first non-undefined value. Re-probes on every given event, and also every 200 ms as a
 * fallback for state that has no event. Rejects after `ms` with `describe()`'s state.
 */
export function waitUntil<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  opts: WaitOptions = {},
): Promise<T> {
  const ms = opts.ms ?? 30_000;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let busy = false;
    const subs: { dispose(): void }[] = [];
    const finish = (err: Error | undefined, value?: T) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      subs.forEach((s) => s.dispose());
      if (err) reject(err);
      else resolve(value as T);
    };
    const check = async () => {
      if (done || busy) return;
      busy = true;
      try {
        const v = await probe();
        if (v !== undefined) finish(undefined, v);
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)));
      } finally {
        busy = false;
      }
    };
    const timer = setTimeout(() => {
      finish(new Error(`timed out after ${ms} ms waiting for ${what}${opts.describe ? `\n  state: ${opts.describe()}` : ''}`));
    }, ms);
    const poll = setInterval(() => void check(), 200);
    for (const ev of opts.events ?? []) subs.push(ev(() => void check()));
    void check();
  });
}


export type Test = { name: string; fn: () => Promise<void> };

/**
 * Runs the tests in order, logging `ok` or `FAIL` with the time each took; `only` (A|B) keeps the first test and those
 * whose name holds A or B; `afterFailure` runs after a failed test. Returns the names of the failed tests.
 */
export async function runTests(tests: readonly Test[], log: (msg: string) => void, opts: { only?: string | undefined; afterFailure?: () => Promise<void> } = {}): Promise<string[]> {
  let passed = 0;
  const failed: string[] = [];
  for (const t of tests) {
    if (opts.only && !opts.only.split('|').some((part) => t.name.includes(part)) && tests.indexOf(t) !== 0) continue;
    const t0 = Date.now();
    try {
      await t.fn();
      passed++;
      log(`ok   ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed.push(t.name);
      log(`FAIL ${t.name} (${Date.now() - t0} ms)\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      await opts.afterFailure?.();
    }
  }
  log(`${passed} passed, ${failed.length} failed`);
  return failed;
}
