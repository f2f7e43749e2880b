import 'reflect-metadata';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createApp } from '../../../api/src/platform/bootstrap';
import { loadConfig } from '../../../api/src/platform/config/config';
import { hashPassword } from '../../../api/src/platform/auth/passwords';
import { newId } from '../../../api/src/platform/database/ids';
import { createTestDatabase } from '../../../api/test/support/test-app';
import { TEST_ENV } from '../../../api/test/support/test-env';
import { TEST_PASSWORD } from '../../../api/test/support/factories';
import { serveSpa, type SpaServer } from '../../../../scripts/serve-spa.mjs';

export { TEST_PASSWORD };

const ROOT = resolve(__dirname, '../../../..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * One browser test's world: a fresh database cloned from the migrated template, the whole API on a free port,
 * the built SPA served with /api proxied to it, and headless Chromium.
 */
export interface BrowserWorld {
  api: NestFastifyApplication;
  db: DataSource;
  spa: SpaServer;
  browser: Browser;
  /** A new isolated browser context (own storage), e.g. one per user. */
  context: (opts?: { mobile?: boolean }) => Promise<BrowserContext>;
  seed: Seed;
  close: () => Promise<void>;
}

export async function startWorld(app: 'journal' | 'diary'): Promise<BrowserWorld> {
  const dist = join(ROOT, 'apps', app, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`${dist}/index.html is missing: build the SPA first (npx vite build apps/${app})`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  mkdirSync(SCREENSHOTS, { recursive: true });

  const database = await createTestDatabase();
  const config = loadConfig({ ...TEST_ENV, CORS_ORIGINS: 'http://localhost:5173,http://localhost:5174' });
  const api = await createApp(config, database.url, { logger: false });
  await api.listen({ port: 0, host: '127.0.0.1' });
  const apiPort = (api.getHttpServer().address() as AddressInfo).port;
  const spa = await serveSpa({ root: dist, port: 0, host: '127.0.0.1', apiTarget: `http://127.0.0.1:${apiPort}` });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const db = api.get(DataSource);
  const contexts: BrowserContext[] = [];
  return {
    api, db, spa, browser,
    seed: new Seed(db),
    context: async ({ mobile = false } = {}) => {
      const ctx = await browser.newContext({
        baseURL: `http://127.0.0.1:${spa.port}`,
        locale: 'ru-RU',
        timezoneId: 'Europe/Moscow',
        ...(mobile ? { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 860 } }),
      });
      ctx.setDefaultTimeout(15_000);
      contexts.push(ctx);
      return ctx;
    },
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await spa.close();
      await api.close();
      await database.drop();
    },
  };
}

/** The academic year that contains today (September to May; in summer the coming one). */
export function currentYear(today = new Date()): { name: string; startsOn: string; endsOn: string } {
  const y = today.getUTCMonth() >= 5 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return { name: `${y}/${y + 1}`, startsOn: `${y}-09-01`, endsOn: `${y + 1}-05-31` };
}

/** Rows a browser test needs, written with SQL (valid per apps/api/test/support/factories.ts). */
export class Seed {
  private hash?: Promise<string>;
  private n = 0;
  constructor(private readonly db: DataSource) {}

  async school(name = 'МБОУ СОШ № 5'): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO schools (id, name, short_name, address, time_zone) VALUES ($1,$2,$2,'г. Тверь, ул. Школьная, д. 1','Europe/Moscow')`, [id, name]);
    return id;
  }

  async year(schoolId: string, status = 'open'): Promise<{ id: string; startsOn: string }> {
    const y = currentYear();
    const id = newId();
    await this.db.query(`INSERT INTO academic_years (id, school_id, name, starts_on, ends_on, status) VALUES ($1,$2,$3,$4,$5,$6)`,
      [id, schoolId, y.name, y.startsOn, y.endsOn, status]);
    return { id, startsOn: y.startsOn };
  }

  async person(lastName: string, firstName: string, middleName: string | null = null): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO persons (id, last_name, first_name, middle_name) VALUES ($1,$2,$3,$4)`, [id, lastName, firstName, middleName]);
    return id;
  }

  /** An account with the known TEST_PASSWORD; returns the login. */
  async account(personId: string, login = `user${Date.now().toString(36)}${this.n++}`): Promise<string> {
    this.hash ??= hashPassword(TEST_PASSWORD);
    await this.db.query(`INSERT INTO users (id, person_id, login, password_hash) VALUES ($1,$2,$3,$4)`, [newId(), personId, login, await this.hash]);
    return login;
  }

  async staff(schoolId: string, roles: string[], name: [string, string, string?], login?: string): Promise<{ personId: string; login: string }> {
    const personId = await this.person(name[0], name[1], name[2] ?? null);
    await this.db.query(`INSERT INTO employments (id, school_id, person_id, roles, position, starts_on) VALUES ($1,$2,$3,$4,'Учитель','2020-08-25')`,
      [newId(), schoolId, personId, roles]);
    return { personId, login: await this.account(personId, login) };
  }

  async schoolClass(schoolId: string, yearId: string, grade: number, letter: string): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO classes (id, school_id, academic_year_id, grade, letter) VALUES ($1,$2,$3,$4,$5)`, [id, schoolId, yearId, grade, letter]);
    return id;
  }

  async student(schoolId: string, classId: string, startsOn: string, name: [string, string]): Promise<string> {
    const personId = await this.person(name[0], name[1]);
    const id = newId();
    await this.db.query(`INSERT INTO students (id, school_id, person_id) VALUES ($1,$2,$3)`, [id, schoolId, personId]);
    await this.db.query(`INSERT INTO enrolments (id, school_id, student_id, class_id, starts_on) VALUES ($1,$2,$3,$4,$5)`, [newId(), schoolId, id, classId, startsOn]);
    return id;
  }

  async parent(schoolId: string, studentIds: string[], name: [string, string, string?], login?: string): Promise<{ personId: string; login: string }> {
    const personId = await this.person(name[0], name[1], name[2] ?? null);
    const guardianId = newId();
    await this.db.query(`INSERT INTO guardians (id, school_id, person_id) VALUES ($1,$2,$3)`, [guardianId, schoolId, personId]);
    for (const s of studentIds) {
      await this.db.query(`INSERT INTO guardianships (school_id, guardian_id, student_id) VALUES ($1,$2,$3)`, [schoolId, guardianId, s]);
    }
    return { personId, login: await this.account(personId, login) };
  }
}

/** Signs in through the login form and waits for the signed-in shell. */
export async function signIn(page: Page, login: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByTestId('user-name').waitFor();
}

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
