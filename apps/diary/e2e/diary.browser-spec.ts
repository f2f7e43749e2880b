import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot, signIn, startWorld, type BrowserWorld } from '../../journal/e2e/support/browser-harness';

/** Diary SPA in real headless Chromium (phone-sized) against the real API and PostgreSQL. */
describe('diary SPA (Chromium)', () => {
  let world: BrowserWorld;
  let parentLogin: string;

  beforeAll(async () => {
    world = await startWorld('diary');
    const { seed } = world;
    const schoolId = await seed.school('МБОУ СОШ № 5 г. Твери');
    const year = await seed.year(schoolId);
    const c5 = await seed.schoolClass(schoolId, year.id, 5, 'А');
    const c2 = await seed.schoolClass(schoolId, year.id, 2, 'Б');
    const older = await seed.student(schoolId, c5, year.startsOn, ['Белова', 'Алиса']);
    const younger = await seed.student(schoolId, c2, year.startsOn, ['Белов', 'Максим']);
    parentLogin = (await seed.parent(schoolId, [older, younger], ['Белова', 'Ирина', 'Сергеевна'], 'belova.is')).login;
  });

  afterAll(async () => {
    await world?.close();
  });

  it('a parent signs in, sees both children, switches between them and signs out', async () => {
    const page = await (await world.context({ mobile: true })).newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await shot(page, 'diary-login-360');
    await signIn(page, parentLogin);
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Белова Ирина Сергеевна');
    await page.getByRole('heading', { name: 'Здравствуйте, Белова Ирина Сергеевна!' }).waitFor();

    const switcher = page.getByRole('group', { name: 'Выбор ребёнка' });
    const buttons = switcher.getByRole('button');
    await expect.poll(() => buttons.count()).toBe(2);
    expect(await switcher.getByRole('button', { name: /Белов Максим/ }).count()).toBe(1);
    expect(await switcher.getByRole('button', { name: /Белова Алиса/ }).count()).toBe(1);

    // The first child (by name) is shown at first.
    await expect.poll(() => page.getByTestId('current-child').textContent()).toBe('Белов Максим');
    await expect.poll(() => page.getByTestId('current-class').textContent()).toBe('2Б');
    expect(await switcher.getByRole('button', { name: /Белов Максим/ }).getAttribute('aria-pressed')).toBe('true');
    await shot(page, 'diary-home-360');

    await switcher.getByRole('button', { name: /Белова Алиса/ }).click();
    await expect.poll(() => page.getByTestId('current-child').textContent()).toBe('Белова Алиса');
    await expect.poll(() => page.getByTestId('current-class').textContent()).toBe('5А');
    expect(await switcher.getByRole('button', { name: /Белова Алиса/ }).getAttribute('aria-pressed')).toBe('true');
    await shot(page, 'diary-second-child-360');

    // The choice survives a reload.
    await page.reload();
    await expect.poll(() => page.getByTestId('current-child').textContent()).toBe('Белова Алиса');

    // An expired/invalid access token is renewed once with the refresh token, transparently.
    const before = await page.evaluate(() => sessionStorage.getItem('otmetka.diary.session'));
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('otmetka.diary.session')!);
      sessionStorage.setItem('otmetka.diary.session', JSON.stringify({ ...s, accessToken: 'expired.token.value' }));
    });
    await page.reload();
    await expect.poll(() => page.getByTestId('current-child').textContent()).toBe('Белова Алиса');
    const after = JSON.parse((await page.evaluate(() => sessionStorage.getItem('otmetka.diary.session')))!);
    expect(after.refreshToken).not.toBe(JSON.parse(before!).refreshToken);
    expect(after.accessToken).not.toBe('expired.token.value');

    // English is available and remembered; Russian is the default.
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('heading', { name: 'Hello, Белова Ирина Сергеевна!' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByLabel('Language').selectOption('ru');

    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
  });

  it('serves an installable web manifest', async () => {
    const res = await fetch(`${world.spa.url.replace('localhost', '127.0.0.1')}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    const manifest = await res.json();
    expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', lang: 'ru' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  });

  it('installs a service worker that caches the shell, never the API, and opens the sign-in page offline', async () => {
    const context = await world.context({ mobile: true });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toMatch(/\/sw\.js$/);
    // Once it controls the page, the shell and the assets it loaded are cached; a reload makes sure assets went through it.
    await page.reload();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) for (const req of await (await caches.open(key)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    });
    expect(cached).toEqual(expect.arrayContaining(['/', '/manifest.webmanifest']));
    expect(cached.some((p) => p.startsWith('/assets/'))).toBe(true);
    expect(cached.filter((p) => p.startsWith('/api/'))).toEqual([]);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await context.setOffline(false);
    await context.close();
  });
});
