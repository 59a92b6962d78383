import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

/**
 * The module map for channel folders, as `npm run lint` enforces it: lints a would-be file inside a
 * channel folder and reports which of its imports the rule refuses.
 */
const root = path.join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function refusedImports(code: string, file = 'src/channels/sms/new-file.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports').map((message) => code.split('\n')[message.line - 1]!);
}

describe('channel folders import only the contract, their own files and core/', () => {
  it('refuses the store, services, notify, http, another channel and a runtime import of configuration', async () => {
    const wrong = [
      "import { claimEvent } from '../../store/event-store';",
      "import { identifyCustomer } from '../../services/customer-service';",
      "import { OutboxDispatcher } from '../../notify/outbox';",
      "import { createApp } from '../../http/app';",
      "import { renderWhatsAppMessages } from '../whatsapp/render';",
      "import { loadConfig } from '../../config';",
      "import { CustomerModel } from '../../../models';",
    ];
    assert.deepEqual(await refusedImports(wrong.join('\n')), wrong);
  });

  it('accepts the contract, shared channel helpers, core/, its own files, packages and the allowed types', async () => {
    const right = [
      "import { handleTurn, type ChannelAdapter } from '../adapter';",
      "import { truncate } from '../text-fit';",
      "import { postToGraph } from '../meta/graph-client';",
      "import { AppError } from '../../core/errors';",
      "import { renderSms } from './render';",
      "import { z } from 'zod';",
      "import type { Config } from '../../config';",
      "import type { Reply } from '../../conversation/turn';",
    ];
    assert.deepEqual(await refusedImports(right.join('\n')), []);
  });

  it('holds for every file in every channel folder with no exception: inline eslint-disable comments are not honoured here', async () => {
    const strict = new ESLint({ cwd: root, allowInlineConfig: false });
    const results = await strict.lintFiles(['src/channels/*/**/*.ts']);
    assert.ok(results.length > 20, `linted ${results.length} channel files`);
    const refused = results.flatMap((result) =>
      result.messages.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports').map((message) => `${path.relative(root, result.filePath)}:${message.line}`),
    );
    assert.deepEqual(refused, []);
  });

  it('holds in nested folders of a channel too', async () => {
    const code = "import { claimEvent } from '../../../store/event-store';\nimport { sameSecret } from '../../../core/secrets';";
    assert.deepEqual(await refusedImports(code, 'src/channels/alexa/verify/new-file.ts'), ["import { claimEvent } from '../../../store/event-store';"]);
  });
});
