import path from 'node:path';
import { ESLint } from 'eslint';

/**
 * The module map as `npm run lint` enforces it: lints `code` as if it were the would-be file `file`
 * (a path from the repository root) and returns the lines whose imports the rule refuses.
 */
const root = path.join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

export async function refusedImports(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports').map((message) => code.split('\n')[message.line - 1]!);
}

/**
 * The imports the rule refuses in the real files matching `patterns`, as `file:line`, with inline
 * `eslint-disable` comments ignored: an exception written into a file does not count as following the map.
 */
export async function refusedImportsInFiles(patterns: string[]): Promise<{ linted: number; refused: string[] }> {
  const strict = new ESLint({ cwd: root, allowInlineConfig: false });
  const results = await strict.lintFiles(patterns);
  const refused = results.flatMap((result) =>
    result.messages.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports').map((message) => `${path.relative(root, result.filePath)}:${message.line}`),
  );
  return { linted: results.length, refused };
}
