// node:url in the browser bundles: file URLs name no file a browser can read (the server checks for file: first).
'use strict';
const none = () => {
  throw new TypeError('planlint: no file URLs in the browser');
};
module.exports = { fileURLToPath: none, pathToFileURL: none, URL: globalThis.URL };
