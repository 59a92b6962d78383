import assert from 'node:assert/strict';
import { refusedImports as refusedImportsIn, refusedImportsInFiles } from '../support/module-map';

/** The module map for channel folders: which imports of a would-be file inside a channel folder the rule refuses. */
function refusedImports(code: string, file = 'src/channels/sms/new-file.ts'): Promise<string[]> {
  return refusedImportsIn(code, file);
}

describe('channel folders import only the contract, their own files and core/', () => {
  it('refuses the store, services, notify, http, another channel and a runtime import of configuration', async () => {
    const wrong = [
      "import { claimEvent } from '../../store/event-store';",
      "import { identifyCustomer } from '../../services/customers';",
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
    const { linted, refused } = await refusedImportsInFiles(['src/channels/*/**/*.ts']);
    assert.ok(linted > 20, `linted ${linted} channel files`);
    assert.deepEqual(refused, []);
  });

  it('holds in nested folders of a channel too', async () => {
    const code = "import { claimEvent } from '../../../store/event-store';\nimport { sameSecret } from '../../../core/secrets';";
    assert.deepEqual(await refusedImports(code, 'src/channels/alexa/verify/new-file.ts'), ["import { claimEvent } from '../../../store/event-store';"]);
  });
});
