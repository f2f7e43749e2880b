import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config';

const BASE = {
  JWT_SECRET: 'a-secret-that-is-at-least-32-chars-long!',
  PII_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
};

/** The error thrown by loadConfig for an environment. */
function errorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig (issue 2: config validated at boot, one line naming the variable)', () => {
  it('uses documented defaults when only the secrets are given', () => {
    const c = loadConfig({ ...BASE });
    expect(c).toMatchObject({
      nodeEnv: 'development', port: 3000, host: '0.0.0.0', databaseUrl: undefined, embeddedPgPort: 5433,
      accessTokenTtlSeconds: 900, refreshTokenTtlDays: 30, corsOrigins: ['http://localhost:5173', 'http://localhost:5174'],
      seedDemo: true, logLevel: 'info', authRateLimitPerMinute: 30, jwtSecret: BASE.JWT_SECRET,
    });
    expect(c.dataDir).toBe(resolve('.data'));
    expect(c.piiKey).toEqual(Buffer.from(BASE.PII_KEY, 'hex'));
    expect(c.piiKey).toHaveLength(32);
  });

  it('treats empty strings as unset (defaults apply)', () => {
    const c = loadConfig({ ...BASE, PORT: '', DATABASE_URL: '', SEED_DEMO: '', HOST: '', LOG_LEVEL: '' });
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, seedDemo: true, host: '0.0.0.0', logLevel: 'info' });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      ...BASE, NODE_ENV: 'production', PORT: '8080', HOST: '127.0.0.1', DATABASE_URL: 'postgresql://u:p@db:5432/otm', DATA_DIR: '/tmp/otm',
      EMBEDDED_PG_PORT: '6543', ACCESS_TOKEN_TTL_SECONDS: '300', REFRESH_TOKEN_TTL_DAYS: '7', CORS_ORIGINS: ' https://a.example , https://b.example ,',
      SEED_DEMO: 'no', LOG_LEVEL: 'debug', AUTH_RATE_LIMIT_PER_MINUTE: '5',
    });
    expect(c).toMatchObject({
      nodeEnv: 'production', port: 8080, host: '127.0.0.1', databaseUrl: 'postgresql://u:p@db:5432/otm', dataDir: '/tmp/otm', embeddedPgPort: 6543,
      accessTokenTtlSeconds: 300, refreshTokenTtlDays: 7, corsOrigins: ['https://a.example', 'https://b.example'], seedDemo: false,
      logLevel: 'debug', authRateLimitPerMinute: 5,
    });
    expect(loadConfig({ ...BASE, DATABASE_URL: 'postgres://x/y' }).databaseUrl).toBe('postgres://x/y');
    expect(loadConfig({ ...BASE, SEED_DEMO: '1' }).seedDemo).toBe(true);
  });

  it.each<[string, Record<string, string | undefined>]>([
    ['JWT_SECRET', { JWT_SECRET: undefined }],
    ['JWT_SECRET', { JWT_SECRET: '' }],
    ['JWT_SECRET', { JWT_SECRET: 'too-short' }],
    ['PII_KEY', { PII_KEY: undefined }],
    ['PII_KEY', { PII_KEY: 'zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff' }],
    ['PII_KEY', { PII_KEY: '0011' }],
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '80.5' }],
    ['PORT', { PORT: '-1' }],
    ['EMBEDDED_PG_PORT', { EMBEDDED_PG_PORT: '80' }],
    ['ACCESS_TOKEN_TTL_SECONDS', { ACCESS_TOKEN_TTL_SECONDS: '10' }],
    ['REFRESH_TOKEN_TTL_DAYS', { REFRESH_TOKEN_TTL_DAYS: '0' }],
    ['AUTH_RATE_LIMIT_PER_MINUTE', { AUTH_RATE_LIMIT_PER_MINUTE: 'many' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
  ])('stops with a ConfigError naming %s', (name, over) => {
    const e = errorOf({ ...BASE, ...over });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain(name);
    expect(e.message).not.toContain('\n');
  });

  it('names the bad value so the operator sees what was read', () => {
    expect(errorOf({ ...BASE, PORT: 'abc' }).message).toBe('PORT must be an integer 0..65535, got "abc"');
  });

  it('does not leak the secret into the message', () => {
    const e = errorOf({ ...BASE, PII_KEY: 'not-hex-secret-value' });
    expect(e.message).not.toContain('not-hex-secret-value');
    expect(errorOf({ ...BASE, JWT_SECRET: 'short-secret-123' }).message).not.toContain('short-secret-123');
  });
});
