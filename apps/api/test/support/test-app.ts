import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { loadConfig } from '../../src/platform/config/config';
import { createApp } from '../../src/platform/bootstrap';
import { withDatabase } from './global-setup';
import { TEST_DB_PREFIX, TEST_ENV } from './test-env';
import { Factories } from './factories';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  url: string;
  make: Factories;
  close: () => Promise<void>;
}

/** A fresh database cloned from the migrated template, and the whole API on it (real PostgreSQL, no mocks). */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `${TEST_DB_PREFIX}${inject('pgRunId')}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const { url, drop } = await createTestDatabase();
  const config = loadConfig({ ...TEST_ENV, ...env });
  const app = await createApp(config, url, { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get(DataSource);
  const http = request(app.getHttpServer());
  return {
    app, http, db, url, make: new Factories(db, http),
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

/** Asserts an RFC 9457 answer and returns it. */
export function expectProblem(res: request.Response, status: number, field?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  return res.body;
}
