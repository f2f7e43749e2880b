/** Environment of the API under test: fixed secrets, no demo seed, quiet logs. */
export const TEST_ENV = {
  NODE_ENV: 'test',
  JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
  PII_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
  SEED_DEMO: 'false',
  LOG_LEVEL: 'warn',
  AUTH_RATE_LIMIT_PER_MINUTE: '1000',
} as const;

/** Databases of a test run are named otm_<kind>_<run start epoch s>_…, so a later run can drop only stale ones. */
export const TEMPLATE_PREFIX = 'otm_tpl_';
export const TEST_DB_PREFIX = 'otm_t_';
