import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
    level,
    base: { service: 'commerce' },
    // Voice codes, tokens and cookies must never reach a log line, whatever a caller passes in (the
    // request serializer in http/app.ts already logs an allow-list of headers; this is the backstop).
    redact: {
      paths: ['voiceCode', '*.voiceCode', 'slots.code', '*.slots.code', '*.*.slots.code', 'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-webhook-secret"]', 'req.headers.cookie', 'res.headers["set-cookie"]', 'res.headers.location', 'headers.cookie', 'headers["set-cookie"]', 'headers.location'],
      censor: '<redacted>',
    },
  },
    destination,
  );
}
