// node:crypto in the browser bundles: randomBytes from Web Crypto (used only to name temporary files, which a
// browser never writes).
'use strict';
function randomBytes(n) {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(n));
  return { toString: () => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') };
}
module.exports = { randomBytes };
