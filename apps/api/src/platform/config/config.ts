import { resolve } from 'node:path';

/** Validated process configuration. Every variable is documented in `.env.example`. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** External PostgreSQL; when absent the embedded server under `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** 32-byte key (hex) for personal data encrypted at rest (SNILS). */
  piiKey: Buffer;
  corsOrigins: string[];
  seedDemo: boolean;
  logLevel: string;
  authRateLimitPerMinute: number;
  /** Public address of the diary SPA, printed on credential slips. */
  diaryUrl: string;
  /** R-ARC-05: the two independent backup targets (directories; mount them on different media/rooms). */
  backupTargetA: string;
  backupTargetB: string;
  /** Cron (5 fields, server time) of the scheduled backup and of the integrity check (R-ARC-06). */
  backupCron: string;
  integrityCron: string;
  /** Background jobs (pg-boss: scheduled backups, integrity checks). Default true; false under NODE_ENV=test unless set. */
  jobsEnabled: boolean;
}

export class ConfigError extends Error {}

const bool = (name: string, v: string | undefined, dflt: boolean): boolean => {
  if (v === undefined || v === '') return dflt;
  if (['1', 'true', 'yes'].includes(v)) return true;
  if (['0', 'false', 'no'].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false, got "${v}"`);
};
const int = (name: string, v: string | undefined, dflt: number, min: number, max: number): number => {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer ${min}..${max}, got "${v}"`);
  return n;
};

const url = (name: string, v: string | undefined, dflt: string): string => {
  if (v === undefined || v === '') return dflt;
  if (!/^https?:\/\/\S+$/.test(v)) throw new ConfigError(`${name} must be an http(s) URL, got "${v}"`);
  return v.replace(/\/$/, '');
};

const cron = (name: string, v: string | undefined, dflt: string): string => {
  if (v === undefined || v === '') return dflt;
  if (!/^\s*\S+(\s+\S+){4}\s*$/.test(v)) throw new ConfigError(`${name} must be a 5-field cron expression, got "${v}"`);
  return v.trim();
};

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  }
  const jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET is missing or shorter than 32 characters');
  const piiHex = env.PII_KEY ?? '';
  if (!/^[0-9a-fA-F]{64}$/.test(piiHex)) throw new ConfigError('PII_KEY is missing or is not 64 hex characters (32 bytes)');
  return {
    nodeEnv,
    port: int('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: resolve(env.DATA_DIR || '.data'),
    embeddedPgPort: int('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 5433, 1024, 65535),
    jwtSecret,
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', env.ACCESS_TOKEN_TTL_SECONDS, 900, 30, 86400),
    refreshTokenTtlDays: int('REFRESH_TOKEN_TTL_DAYS', env.REFRESH_TOKEN_TTL_DAYS, 30, 1, 365),
    piiKey: Buffer.from(piiHex, 'hex'),
    corsOrigins: (env.CORS_ORIGINS ?? 'http://localhost:5173,http://localhost:5174')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    seedDemo: bool('SEED_DEMO', env.SEED_DEMO, true),
    logLevel: env.LOG_LEVEL || 'info',
    diaryUrl: url('DIARY_URL', env.DIARY_URL, `http://localhost:${env.DIARY_PORT || 5174}`),
    authRateLimitPerMinute: int('AUTH_RATE_LIMIT_PER_MINUTE', env.AUTH_RATE_LIMIT_PER_MINUTE, 30, 1, 100000),
    backupTargetA: resolve(env.BACKUP_TARGET_A || resolve(env.DATA_DIR || '.data', 'backups', 'a')),
    backupTargetB: resolve(env.BACKUP_TARGET_B || resolve(env.DATA_DIR || '.data', 'backups', 'b')),
    backupCron: cron('BACKUP_CRON', env.BACKUP_CRON, '30 2 * * *'),
    integrityCron: cron('INTEGRITY_CRON', env.INTEGRITY_CRON, '30 4 * * 0'),
    jobsEnabled: bool('JOBS_ENABLED', env.JOBS_ENABLED, nodeEnv !== 'test'),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
