import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run certify (command line)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'certify-cli-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // The full run, database included, is what `npm run certify` does and passes in-process in certify.test.ts; here the
  // command line itself is checked on the sections that need no database, to keep the spawn cheap.
  it('prints one line per item, writes report.md and report.json under DATA_DIR/certify, and exits 1 on a failure', async () => {
    // A copy of the skill package with a one-word invocation name: everything else must still pass.
    const skillPackage = path.join(dir, 'skill');
    await cp(path.join(ROOT, 'interactionModels'), path.join(skillPackage, 'interactionModels'), { recursive: true });
    const modelFile = path.join(skillPackage, 'interactionModels', 'custom', 'en-GB.json');
    const model = JSON.parse(await readFile(modelFile, 'utf8'));
    model.interactionModel.languageModel.invocationName = 'market';
    await writeFile(modelFile, JSON.stringify(model));

    const script: string = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).scripts.certify;
    const [node, ...args] = script.split(' ');
    assert.equal(node, 'node');
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATA_DIR: path.join(dir, 'data') };
    delete env.LOG_LEVEL;
    const result = await run(process.execPath, [...args, '--skill-package', skillPackage, '--only', 'models,handlers'], env);

    assert.equal(result.code, 1, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.ok(lines.includes('FAIL  model.invocation-name.en-GB: "market" is one word: use at least two words, or list it in CERTIFY_BRAND_INVOCATION_NAMES if it is your own brand Fix: Use two or more lowercase words (letters, spaces, possessive apostrophes, periods of spoken initialisms), without wake words, launch phrases, or an article/preposition as one of two words; set INVOCATION_NAMES in src/conversation/vocabulary.ts. A one-word brand you own goes in CERTIFY_BRAND_INVOCATION_NAMES.'), result.stdout);
    assert.ok(lines.some((line) => /^PASS {2}handlers\.model-intents-handled\.en-GB: all \d+ model intents have a handler\.$/.test(line)), result.stdout);
    assert.equal(lines.filter((line) => line.startsWith('FAIL')).length, 1, result.stdout);
    assert.match(lines.at(-2)!, /^certify: 1 of \d+ checks FAILED$/);
    const report = JSON.parse(await readFile(path.join(dir, 'data', 'certify', 'report.json'), 'utf8'));
    assert.equal(report.passed, false);
    assert.equal(report.checks.length, lines.filter((line) => /^(PASS|FAIL) {2}/.test(line)).length);
    assert.match(await readFile(path.join(dir, 'data', 'certify', 'report.md'), 'utf8'), /\| `model.invocation-name.en-GB` \| \*\*FAIL\*\* \|/);
  });
});
