// `process` for the browser bundles (esbuild inject): what the bundled libraries read of it.
export const process = {
  env: {},
  platform: 'browser',
  argv: [],
  pid: 0,
  version: '',
  versions: {},
  exitCode: undefined,
  cwd: () => '/',
  memoryUsage: () => ({ rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 }),
  nextTick: (f, ...a) => queueMicrotask(() => f(...a)),
  on: () => process,
  once: () => process,
  off: () => process,
  emitWarning: () => undefined,
};
