#!/usr/bin/env node
// The operator's migration CLI; the code is compiled by `npm install` (or `npm run build`).
import('../dist/main.js').catch((error) => {
  if (
    error &&
    error.code === 'ERR_MODULE_NOT_FOUND' &&
    String(error.message).includes('dist/main.js')
  ) {
    console.error(
      'meshview-migrate is not built yet: run `npm install` (or `npm run build`) first',
    );
    process.exit(1);
  }
  throw error;
});
