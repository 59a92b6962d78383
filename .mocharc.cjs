'use strict';
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- mocha reads its settings file with require() */
// `npm test`'s mocha settings. Files run two at a time (--parallel, one worker per core), each worker
// on its own database (test/setup/global.ts). test/reliability runs only in `npm run test:reliability`.
const { readdirSync } = require('node:fs');
const path = require('node:path');

/**
 * Workers take files in list order. The slowest start first, so that at the end no worker runs a
 * long file alone while the other idles. A new file that takes more than about 15 s belongs here.
 */
const SLOWEST_FIRST = ['test/cli/serve.test.ts', 'test/scaleout/three-processes.test.ts', 'test/scripts/scripts.test.ts', 'test/db/launcher.test.ts', 'test/services/order-service.test.ts'];

const testFiles = readdirSync('test', { recursive: true })
  .map((file) => path.join('test', String(file)))
  .filter((file) => file.endsWith('.test.ts') && !file.startsWith(path.join('test', 'reliability')))
  .sort();

module.exports = {
  require: ['tsx/cjs', 'test/setup/global.ts'],
  spec: [...SLOWEST_FIRST, ...testFiles.filter((file) => !SLOWEST_FIRST.includes(file))],
  timeout: 60000,
  exit: false,
  parallel: true,
  jobs: 2,
};
