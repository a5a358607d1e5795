// node:module in the browser bundles (fdir, under tinyglobby, asks it for a require): nothing to load in a browser.
'use strict';
module.exports = {
  createRequire: () => () => {
    throw new Error('planlint: no require in the browser');
  },
};
