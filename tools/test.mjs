// `npm test`: the typecheck, the lint and the tests, started together, failing if any fails. The coverage
// summary is `npm run test:coverage` (c8): collecting and reporting V8 coverage costs `npm test` tens of
// seconds it does not have under its 5-minute budget.
//
// Why together: the test run is the long one (minutes) and does not keep both cores busy all the time
// (processes starting, the database answering), while the typecheck and the lint are half a minute of
// CPU each. Run one after the other they add their whole time to `npm test`; run at a lower priority
// next to the tests they mostly fill the tests' idle moments. The tests' output comes as it is written;
// the typecheck's and the lint's after the tests', so that an error of theirs is not lost in the middle.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import process from 'node:process';

/** Each an `npm run` script of package.json, so this file names no command of its own. */
const CHECKS = [
  { script: 'typecheck', background: true },
  { script: 'lint', background: true },
  { script: 'test:mocha', background: false },
];

function run({ script, background }) {
  const started = Date.now();
  const child = spawn('npm', ['run', '--silent', script], { stdio: background ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  // The tests are what `npm test` waits for longest; the checks beside them take what CPU is left over.
  if (background) {
    try {
      setPriority(child.pid, 10);
    } catch {
      // Not allowed here: they run at normal priority, which is only slower.
    }
  }
  let output = '';
  if (background) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ script, ok: false, output: `${output}${error.message}\n`, seconds: 0, background, ended: 'not started' }));
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      resolve({ script, ok: code === 0, seconds, background, output, ended: signal ?? `exit ${code}` });
    });
  });
}

const results = await Promise.all(CHECKS.map(run));
for (const { script, ok, seconds, background, output, ended } of results) {
  if (background) process.stdout.write(`\n[npm test] ${script}: ${ok ? 'passed' : `FAILED (${ended})`} in ${seconds} s\n${output}`);
}
const failed = results.filter((result) => !result.ok);
process.stdout.write(`\n[npm test] ${results.map(({ script, ok, seconds }) => `${script} ${ok ? 'passed' : 'FAILED'} (${seconds} s)`).join(', ')}\n`);
process.exitCode = failed.length === 0 ? 0 : 1;
