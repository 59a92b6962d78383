import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { Router } from 'express';
import { jsonBody } from '../../channels/body';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import type { CommerceSettings } from '../../services/settings';
import { assistantResources } from '../oauth/provider';
import { protectedResourceMetadata, requireResourceToken, resourceMetadataPath, tokenCustomer } from '../oauth/resource-server';
import { registerCommerceTools } from './tools';

export interface McpRouterDependencies {
  config: Config;
  settings: CommerceSettings;
  log: Logger;
}

/** JSON-RPC messages from an assistant are small; a tool's largest argument is a shopper's sentence. */
const BODY_LIMIT = '64kb';

/** The protected resource metadata of /mcp, at the well-known root and at its path-specific URL (RFC 9728 section 3.1). */
export function mcpMetadataRouter({ config }: Pick<McpRouterDependencies, 'config'>): Router {
  const router = Router();
  const resource = assistantResources(config).mcp;
  const metadata = protectedResourceMetadata(config, resource, `${config.SELLER_NAME} shopping`);
  for (const path of ['/.well-known/oauth-protected-resource', resourceMetadataPath(resource)]) {
    router.get(path, (_req, res) => {
      res.set('cache-control', 'public, max-age=3600').json(metadata);
    });
  }
  return router;
}

/**
 * POST /mcp: the MCP server (Streamable HTTP, stateless: every request carries the customer's token
 * and gets a server of its own, so any instance can answer it). JSON responses, no server-sent
 * stream: every tool answers in one response.
 */
export function mcpRouter({ config, settings, log }: McpRouterDependencies): Router {
  const router = Router();
  const resource = assistantResources(config).mcp;
  router.use(requireResourceToken(resource));
  router.post('/', ...jsonBody(BODY_LIMIT), async (req, res) => {
    const server = new McpServer({ name: 'voice-commerce', version: '1.0.0' }, { capabilities: { tools: {} } });
    registerCommerceTools(server, { customerId: tokenCustomer(req), settings, log: req.log ?? log });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  // Stateless: no stream to open (GET) and no session to end (DELETE), which the transport answers with 405.
  router.all('/', (_req, res) => {
    res.status(405).set('allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this server is stateless, POST only.' }, id: null });
  });
  return router;
}
