import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
    level,
    base: { service: 'commerce' },
    // Voice codes and tokens must never reach a log line, whatever a caller passes in.
    redact: {
      paths: ['voiceCode', '*.voiceCode', 'slots.code', '*.slots.code', '*.*.slots.code', 'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-webhook-secret"]'],
      censor: '<redacted>',
    },
  },
    destination,
  );
}
