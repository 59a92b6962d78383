import assert from 'node:assert/strict';
import { refusedImports, refusedImportsInFiles } from '../support/module-map';

/**
 * The inner layers of the module map (ARCHITECTURE.md): core/, store/ and the use cases in services/
 * import only core/ and store/ (use cases each other through index.ts), never the folders that import
 * them. What a use case needs from one (the registry's link channels) is passed in by a composition root.
 */
describe('core/, store/ and services/ never import channels/, notify/, http/, conversation/ or cli/', () => {
  const outer = [
    "import { registeredChannels } from '{up}channels/registry';",
    "import type { Reply } from '{up}conversation/turn';",
    "import { OutboxDispatcher } from '{up}notify/outbox';",
    "import { createApp } from '{up}http/app';",
    "export { main } from '{up}cli/main';",
  ];
  const at = (up: string) => outer.map((line) => line.replace('{up}', up));

  it('refuses them, type imports and re-exports included, from every depth of the three folders', async () => {
    for (const [file, up] of [
      ['src/services/new-file.ts', '../'],
      ['src/services/payments/new-file.ts', '../../'],
      ['src/store/new-file.ts', '../'],
      ['src/core/new-file.ts', '../'],
      ['src/core/matching/new-file.ts', '../../'],
    ] as const) {
      assert.deepEqual(await refusedImports(at(up).join('\n'), file), at(up), file);
    }
  });

  it('accepts core/, store/ and a domain index, and a folder of core/ named like an outer one', async () => {
    const right = ["import { findCustomer } from '../../store/customer-store';", "import type { Channel } from '../../core/channels';", "import { queueCardSetupLink } from '../notifications';"];
    assert.deepEqual(await refusedImports(right.join('\n'), 'src/services/payments/new-file.ts'), []);
    // From src/core/matching/, '../channels' is core/channels.ts.
    assert.deepEqual(await refusedImports("import type { Channel } from '../channels';", 'src/core/matching/new-file.ts'), []);
  });

  it('holds in the real files', async () => {
    const { linted, refused } = await refusedImportsInFiles(['src/services/**/*.ts', 'src/store/**/*.ts', 'src/core/**/*.ts']);
    assert.ok(linted > 100, String(linted));
    assert.deepEqual(refused, []);
  });
});
