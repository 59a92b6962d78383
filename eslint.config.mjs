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

/** The pattern for code outside src/services/: `toServices` matches the relative path up to services/. */
function domainIndexOnlyPattern(toServices) {
  return { regex: `^${toServices}services/[\\w-]+/`, message: DOMAIN_FILE_MESSAGE };
}

function domainIndexOnly(toServices) {
  return ['error', { patterns: [domainIndexOnlyPattern(toServices)] }];
}

/** The pattern for a file `depth` folders below src/services/ (0: services/maintenance.ts, 1: services/orders/order-service.ts). */
function domainFolderPattern(depth) {
  const intoAnotherDomain = `^${depth === 0 ? '\\./' : '\\.\\./'.repeat(depth)}[\\w-]+/`;
  const roundAboutThroughServices = '^(\\.\\./)+services/[\\w-]+/';
  return { regex: `${intoAnotherDomain}|${roundAboutThroughServices}`, message: DOMAIN_FILE_MESSAGE };
}

/**
 * The inner layers (core/, store/ and the use cases in services/) import only core/ and store/ (use
 * cases each other through index.ts): never the outer folders below, which import them. What a use
 * case needs from an outer folder (e.g. the channel registry's link channels) is passed in by a
 * composition root (http/app.ts, startup.ts, certify/, cli/).
 */
const OUTER_FOLDERS = ['channels', 'notify', 'http', 'conversation', 'cli'];
const INNER_LAYER_MESSAGE =
  'core/, store/ and services/ never import channels/, notify/, http/, conversation/ or cli/ (the module map in ARCHITECTURE.md): have a composition root pass the value in (e.g. commerceSettings(config, { linkChannels })).';

/** The pattern for a file `depth` folders below src/ (1: src/core/money.ts, 2: src/services/orders/order-service.ts): exactly that many `../` reach src/. */
function innerLayerPattern(depth) {
  return { regex: `^${'\\.\\./'.repeat(depth)}(${OUTER_FOLDERS.join('|')})(/|$)`, message: INNER_LAYER_MESSAGE };
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
  // The inner layers: each block repeats the domain pattern it replaces (a later block replaces the rule's options).
  { files: ['src/core/*.ts', 'src/store/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [domainIndexOnlyPattern('(\\./|(\\.\\./)+)'), innerLayerPattern(1)] }] } },
  { files: ['src/core/*/*.ts', 'src/store/*/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [domainIndexOnlyPattern('(\\./|(\\.\\./)+)'), innerLayerPattern(2)] }] } },
  { files: ['src/core/*/*/**/*.ts', 'src/store/*/*/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [domainIndexOnlyPattern('(\\./|(\\.\\./)+)'), innerLayerPattern(3)] }] } },
  { files: ['src/services/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [domainFolderPattern(0), innerLayerPattern(1)] }] } },
  { files: ['src/services/*/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [domainFolderPattern(1), innerLayerPattern(2)] }] } },
  { files: ['src/services/*/*/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [domainFolderPattern(2), innerLayerPattern(3)] }] } },
  { files: ['src/channels/*/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': channelModuleMap(1) } },
  { files: ['src/channels/*/*/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': channelModuleMap(2) } },
);
