import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError, ERROR_CATALOG } from '../../core/errors';

/** What admin handlers may use; extend here when a route needs more (e.g. the outbox dispatcher). */
export interface AdminDependencies {
  config: Config;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  /** The raw text of a `text/csv` body, on routes that accept one (`csv` set); the JSON body is then undefined. */
  csv?: string;
  request: Request;
}

export interface RouteSpec<P extends z.ZodObject | undefined, Q extends z.ZodObject | undefined, B extends z.ZodType | undefined> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express-style path below /admin, e.g. '/products/:sku'. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Path parameters, query and JSON body: each a `.strict()` zod schema, and the OpenAPI source. */
  params?: P;
  query?: Q;
  body?: B;
  /** Also accept `text/csv`, described for the document. */
  csv?: { description: string };
  /** What a success returns, for the document; the handler's result is sent as JSON. */
  response: { description: string; schema?: z.ZodType; status?: number; /** A text format (a feed file) the handler returns as a string; JSON otherwise. */ contentType?: string };
  /** Error codes (from the catalog) this route may answer with besides validation and authentication. */
  errors?: (keyof typeof ERROR_CATALOG)[];
  handle(input: RouteInput<P, Q, B>, deps: AdminDependencies): Promise<unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AdminRoute = RouteSpec<any, any, any>;

/** Typed at the definition, uniform in the table. */
export function defineRoute<P extends z.ZodObject | undefined = undefined, Q extends z.ZodObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(spec: RouteSpec<P, Q, B>): AdminRoute {
  return spec as AdminRoute;
}

function parseOrThrow(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new AppError(
    'VALIDATION_FAILED',
    `The ${where} is not valid.`,
    result.error.issues.map((issue) => ({ in: where, path: issue.path.join('.'), message: issue.message })),
  );
}

/** A handler's answer as a CSV file instead of JSON (an export of the same figures). */
export class CsvExport {
  constructor(
    readonly filename: string,
    readonly header: readonly string[],
    readonly rows: readonly (readonly (string | number)[])[],
  ) {}

  /** RFC 4180 fields; a cell starting like a formula (OWASP's list, and the full-width forms some spreadsheets also read) is prefixed so a spreadsheet shows it as text. */
  get text(): string {
    const cell = (value: string | number) => {
      const text = typeof value === 'number' ? String(value) : /^[=+\-@\t\r＝＋－＠]/.test(value) ? `'${value}` : value;
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    return [this.header, ...this.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
  }
}

/** A CSV download (the admin API's exports, and the dashboard's). */
export function sendCsv(res: Response, csv: CsvExport): void {
  res.status(200).type('text/csv').set('content-disposition', `attachment; filename="${csv.filename}"`).send(csv.text);
}

/** Registers each route: parse params, query and body (nothing runs on a bad one), then the handler. */
export function mountRoutes(router: Router, routes: readonly AdminRoute[], deps: AdminDependencies): void {
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      const params = parseOrThrow(route.params, req.params, 'path');
      const query = parseOrThrow(route.query, req.query, 'query');
      let body: unknown;
      let csv: string | undefined;
      if (route.csv && req.is('text/csv')) {
        if (typeof req.body !== 'string') throw new AppError('MALFORMED_BODY', 'The CSV body could not be read.');
        csv = req.body;
      } else if (route.body) {
        if (req.body === undefined) throw new AppError('MALFORMED_BODY', route.csv ? 'Send application/json or text/csv.' : 'Send a JSON body (content-type application/json).');
        body = parseOrThrow(route.body, req.body, 'body');
      }
      const result = await route.handle({ params, query, body, csv, request: req } as RouteInput<unknown, unknown, unknown>, deps);
      if (result instanceof CsvExport) return sendCsv(res, result);
      if (route.response.contentType) res.status(route.response.status ?? 200).type(route.response.contentType).send(result);
      else res.status(route.response.status ?? 200).json(result);
    });
  }
}

// ---- OpenAPI 3.1 (its schema dialect is JSON Schema 2020-12, which z.toJSONSchema writes) ----

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

export function openApiPath(path: string): string {
  return `/admin${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

function parametersOf(route: AdminRoute): JsonSchema[] {
  const parameters: JsonSchema[] = [];
  const add = (shape: Record<string, z.ZodType> | undefined, location: 'path' | 'query') => {
    for (const [name, schema] of Object.entries(shape ?? {})) {
      const required = location === 'path' || !schema.safeParse(undefined).success;
      parameters.push({ name, in: location, required, schema: jsonSchema(schema), ...(schema.description ? { description: schema.description } : {}) });
    }
  };
  add(route.params?.shape, 'path');
  add(route.query?.shape, 'query');
  return parameters;
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'hint'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_CATALOG) },
        message: { type: 'string' },
        hint: { type: 'string' },
        details: {},
      },
    },
  },
};

function errorResponses(route: AdminRoute): Record<string, JsonSchema> {
  const codes = new Set<keyof typeof ERROR_CATALOG>(['UNAUTHENTICATED', 'FORBIDDEN', ...(route.errors ?? [])]);
  if (route.params || route.query || route.body) codes.add('VALIDATION_FAILED');
  if (route.body) codes.add('MALFORMED_BODY');
  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const status = ERROR_CATALOG[code].httpStatus;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, JsonSchema> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = { description: list.join(', '), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return responses;
}

/** The OpenAPI document, generated from the same route table and zod schemas the router runs. */
export function openApiDocument(routes: readonly AdminRoute[], info: { title: string; version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const operation: JsonSchema = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters: parametersOf(route),
      responses: {
        [String(route.response.status ?? 200)]: {
          description: route.response.description,
          ...(route.response.contentType ? { content: { [route.response.contentType]: { schema: { type: 'string' } } } } : {}),
          ...(route.response.schema ? { content: { 'application/json': { schema: jsonSchema(route.response.schema) } } } : {}),
        },
        ...errorResponses(route),
      },
    };
    if (route.body || route.csv) {
      const content: JsonSchema = {};
      if (route.body) content['application/json'] = { schema: jsonSchema(route.body) };
      if (route.csv) content['text/csv'] = { schema: { type: 'string', description: route.csv.description } };
      operation.requestBody = { required: true, content };
    }
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { ...info, description: 'Catalogue, orders, customers, privacy and notifications. Every request carries the API key in x-api-key.' },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
      schemas: { Error: errorSchema },
    },
  };
}
