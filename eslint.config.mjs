// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The module map for channel folders (src/channels/<channel>/): a channel imports the contract
 * (src/channels/adapter.ts), its own files, core/, and these shared channel helpers; anything else of
 * ours only as a type, from the few modules listed below. Packages are not restricted.
 */
const SHARED_CHANNEL_HELPERS = ['adapter', 'body', 'text-fit', 'numbered-text', 'messaging-inbound', 'meta/[\\w-]+'];
const TYPE_ONLY_MODULES = ['config', 'logger', 'conversation/turn', 'services/settings'];

/** The rule for a file `depth` folders below src/channels/ (1: src/channels/sms/router.ts). */
function channelModuleMap(depth) {
  const up = (levels) => '\\.\\./'.repeat(levels);
  const toChannels = up(depth);
  const toSrc = up(depth + 1);
  const allowed = [`${toChannels}(${SHARED_CHANNEL_HELPERS.join('|')})$`, `${toSrc}core/`, `${toSrc}(${TYPE_ONLY_MODULES.join('|')})$`];
  return [
    'error',
    {
      patterns: [
        {
          regex: `^(?!${allowed.join('|')})${up(depth)}`,
          message: 'A channel folder imports only the channel contract (../adapter), its own files, core/ and the shared channel helpers in eslint.config.mjs; pass anything else in through ChannelDependencies.',
        },
        {
          regex: `^${toSrc}(${TYPE_ONLY_MODULES.join('|')})$`,
          allowTypeImports: true,
          message: 'A channel folder may import this module for its types only.',
        },
      ],
    },
  ];
}

/**
 * The domain folders of the use cases (src/services/<domain>/): code outside a domain folder reaches it
 * only through its index.ts (`../services/orders`), never a file inside it (`../services/orders/order-service`).
 * Inside a domain folder, its own files are imported directly (`./reorder-service`).
 */
const DOMAIN_FILE_MESSAGE = "Import a domain folder through its index.ts (e.g. '../services/orders'), never a file inside another domain folder.";

/** The rule for code outside src/services/: `toServices` matches the relative path up to services/. */
function domainIndexOnly(toServices) {
  return ['error', { patterns: [{ regex: `^${toServices}services/[\\w-]+/`, message: DOMAIN_FILE_MESSAGE }] }];
}

/** The rule for a file `depth` folders below src/services/ (0: services/maintenance.ts, 1: services/orders/order-service.ts). */
function domainFolderMap(depth) {
  const intoAnotherDomain = `^${depth === 0 ? '\\./' : '\\.\\./'.repeat(depth)}[\\w-]+/`;
  const roundAboutThroughServices = '^(\\.\\./)+services/[\\w-]+/';
  return ['error', { patterns: [{ regex: `${intoAnotherDomain}|${roundAboutThroughServices}`, message: DOMAIN_FILE_MESSAGE }] }];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', '.data/', 'tools/ferretdb/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  // The domain rules come before the channel ones: a later block replaces this rule's options, and the
  // channel map already refuses every services/ import except the type-only settings.
  { files: ['src/**/*.ts'], ignores: ['src/services/**'], rules: { '@typescript-eslint/no-restricted-imports': domainIndexOnly('(\\./|(\\.\\./)+)') } },
  { files: ['test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': domainIndexOnly('(\\.\\./)+src/') } },
  { files: ['src/services/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': domainFolderMap(0) } },
  { files: ['src/services/*/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': domainFolderMap(1) } },
  { files: ['src/services/*/*/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': domainFolderMap(2) } },
  { files: ['src/channels/*/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': channelModuleMap(1) } },
  { files: ['src/channels/*/*/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': channelModuleMap(2) } },
);
