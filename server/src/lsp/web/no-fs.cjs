// node:fs in the browser bundles: there is no file system to read; every call fails as a missing file would.
// The server only reaches the file system for file: URIs, which VS Code for the Web does not give it.
'use strict';
function missing() {
  const e = new Error('planlint: no file system in the browser');
  e.code = 'ENOENT';
  throw e;
}
module.exports = new Proxy(
  { existsSync: () => false, constants: {} },
  { get: (target, key) => (key in target ? target[key] : key === 'promises' ? module.exports : key === '__esModule' ? false : missing) },
);
