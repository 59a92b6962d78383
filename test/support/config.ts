import { loadConfig, type Config } from '../../src/config';
import { createLogger, type Logger } from '../../src/logger';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
}

export const silentLog: Logger = createLogger('silent');

export const TEST_ADMIN_KEY = testConfig().ADMIN_API_KEY!;
export const TEST_METRICS_TOKEN = testConfig().METRICS_TOKEN!;
