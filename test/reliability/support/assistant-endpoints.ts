import { assistantResources, createOAuthProvider, issueAccessToken } from '../../../src/http/oauth/provider';
import { addCustomer } from '../../support/commerce';
import { config, type Webhook } from './webhooks';

/** Bearer tokens of one customer for each assistant resource; the fuzz test issues them first (`issueAssistantTokens`). */
const tokens = { mcp: '', ucp: '' };

export async function issueAssistantTokens(): Promise<void> {
  const customerId = await addCustomer({ channel: 'sms', externalId: '+15550109999' });
  const provider = createOAuthProvider(config);
  const resources = assistantResources(config);
  tokens.mcp = await issueAccessToken(provider, config, customerId, resources.mcp);
  tokens.ucp = await issueAccessToken(provider, config, customerId, resources.ucp);
}

const json = (body: unknown) => Buffer.from(JSON.stringify(body));
/** Wrong for every field fuzzed below: never a string of 1 to 64 characters, never a whole number from 1 to 99. */
const NEVER_VALID: unknown[] = [-1, 0, 1.5, 1e308, true, null, '', [], ['a', 'b'], { $gt: '' }, { $ne: null }, { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } }];

/**
 * The assistants' endpoints as the fuzz suite drives them: an MCP tool call (a catalogue search, which
 * would only read) and a UCP checkout creation, each with the customer's bearer token as "signature".
 */
export const ASSISTANT_ENDPOINTS: Webhook[] = [
  {
    name: 'mcp',
    path: '/mcp',
    contentType: 'application/json',
    validBody: (_userId, text) => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'search_products', arguments: { query: text } } }),
    encode: json,
    sign: () => ({ headers: { authorization: `Bearer ${tokens.mcp}`, accept: 'application/json, text/event-stream' } }),
    forge: () => ({ headers: { authorization: 'Bearer not-a-token', accept: 'application/json, text/event-stream' } }),
    wrongValues: NEVER_VALID,
    // Not the JSON-RPC id: a number there is a valid id.
    validatedPaths: ['jsonrpc', 'method', 'params', 'params.name', 'params.arguments', 'params.arguments.query'],
  },
  {
    name: 'ucp',
    path: '/ucp/v1/checkout-sessions',
    contentType: 'application/json',
    validBody: () => ({ line_items: [{ item: { id: 'COFFEE-1' }, quantity: 1 }] }),
    encode: json,
    sign: () => ({ headers: { authorization: `Bearer ${tokens.ucp}` } }),
    forge: () => ({ headers: { authorization: 'Bearer not-a-token' } }),
    wrongValues: NEVER_VALID,
    validatedPaths: ['line_items', 'line_items.0', 'line_items.0.item', 'line_items.0.item.id', 'line_items.0.quantity'],
  },
];
