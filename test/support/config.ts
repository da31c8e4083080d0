import { loadConfig, type Config } from '../../src/server/config';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    SAMVERKA_DEMO: 'false',
    SAMVERKA_PUBLIC_URL: 'http://localhost:3000',
    LOG_LEVEL: 'silent',
    SAMVERKA_RATE_LIMIT_PER_MINUTE: '100000',
    ...overrides,
  });
}
