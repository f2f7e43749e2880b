import { describe, expect, it, vi } from 'vitest';
import { createApiClient, ProblemError, unwrap, type TokenPair } from './index';

const BASE = 'http://api.test';
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
const problem = (status: number, extra: Record<string, unknown> = {}) =>
  json(status, { type: '/problems/x', title: 'T', status, ...extra }, 'application/problem+json');

/** A fake API: /me answers 200 only for the current access token; /auth/refresh rotates the pair. */
function fakeApi(opts: { refreshOk?: boolean } = {}) {
  const state = { access: 'a1', refresh: 'r1', refreshCalls: 0, seen: [] as string[] };
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const path = new URL(req.url).pathname;
    state.seen.push(`${req.method} ${path} ${req.headers.get('Authorization') ?? '-'}`);
    if (path === '/api/v1/auth/refresh') {
      state.refreshCalls += 1;
      await new Promise((r) => setTimeout(r, 10));
      const body = (await req.json()) as { refreshToken: string };
      if (opts.refreshOk === false || body.refreshToken !== state.refresh) return problem(401);
      state.access = `a${state.refreshCalls + 1}`;
      state.refresh = `r${state.refreshCalls + 1}`;
      return json(200, { accessToken: state.access, refreshToken: state.refresh, expiresIn: 900, tokenType: 'Bearer' });
    }
    if (path === '/api/v1/auth/login') return problem(401, { detail: 'Wrong login or password' });
    if (req.headers.get('Authorization') !== `Bearer ${state.access}`) return problem(401);
    if (path === '/api/v1/schools' && req.method === 'POST') return json(201, { echoed: await req.json() });
    if (path === '/api/v1/classes') return problem(400, { errors: [{ field: 'grade', message: 'grade must be 1..11' }] });
    return json(200, { userId: 'u', login: 'admin', fullName: 'Админ', memberships: [], children: [] });
  });
  return { state, fetch };
}

function client(api: ReturnType<typeof fakeApi>, session: { access: string; refresh: string }) {
  const onUnauthorized = vi.fn();
  const onTokens = vi.fn((p: TokenPair) => {
    session.access = p.accessToken;
    session.refresh = p.refreshToken;
  });
  const c = createApiClient({
    baseUrl: BASE, fetch: api.fetch as typeof globalThis.fetch,
    getAccessToken: () => session.access, getRefreshToken: () => session.refresh, onTokens, onUnauthorized,
  });
  return { c, onUnauthorized, onTokens };
}

describe('createApiClient', () => {
  it('sends the Bearer token', async () => {
    const api = fakeApi();
    const { c } = client(api, { access: 'a1', refresh: 'r1' });
    const me = await unwrap(c.GET('/api/v1/me'));
    expect(me.fullName).toBe('Админ');
    expect(api.state.seen).toEqual(['GET /api/v1/me Bearer a1']);
  });

  it('on 401 refreshes once, stores the new pair and repeats the request (with its body)', async () => {
    const api = fakeApi();
    api.state.access = 'a-server-rotated';
    api.state.refresh = 'r1';
    const session = { access: 'a-stale', refresh: 'r1' };
    const { c, onTokens, onUnauthorized } = client(api, session);
    const body = { name: 'Школа', shortName: 'Ш', address: '', timeZone: 'Europe/Moscow' };
    const res = await unwrap(c.POST('/api/v1/schools', { body }));
    expect(res).toEqual({ echoed: body });
    expect(onTokens).toHaveBeenCalledTimes(1);
    expect(session).toEqual({ access: 'a2', refresh: 'r2' });
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(api.state.seen.at(-1)).toBe('POST /api/v1/schools Bearer a2');
  });

  it('parallel 401s share a single refresh', async () => {
    const api = fakeApi();
    api.state.access = 'a-rotated';
    const session = { access: 'a-stale', refresh: 'r1' };
    const { c } = client(api, session);
    const all = await Promise.all([unwrap(c.GET('/api/v1/me')), unwrap(c.GET('/api/v1/me')), unwrap(c.GET('/api/v1/me'))]);
    expect(all).toHaveLength(3);
    expect(api.state.refreshCalls).toBe(1);
  });

  it('calls onUnauthorized when the refresh fails, and throws the 401 problem', async () => {
    const api = fakeApi({ refreshOk: false });
    api.state.access = 'other';
    const { c, onUnauthorized } = client(api, { access: 'a-stale', refresh: 'r1' });
    const err = await unwrap(c.GET('/api/v1/me')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not try to refresh a failed login', async () => {
    const api = fakeApi();
    const { c, onUnauthorized } = client(api, { access: '', refresh: 'r1' });
    const err = (await unwrap(c.POST('/api/v1/auth/login', { body: { login: 'x', password: 'y' } })).catch((e: unknown) => e)) as ProblemError;
    expect(err.status).toBe(401);
    expect(err.detail).toBe('Wrong login or password');
    expect(api.state.refreshCalls).toBe(0);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('carries the RFC 9457 field errors', async () => {
    const api = fakeApi();
    const { c } = client(api, { access: 'a1', refresh: 'r1' });
    const err = (await unwrap(c.GET('/api/v1/classes', { params: { query: { schoolId: 'x' } } })).catch((e: unknown) => e)) as ProblemError;
    expect(err.status).toBe(400);
    expect(err.fieldError('grade')).toBe('grade must be 1..11');
    expect(err.fieldError('letter')).toBeUndefined();
  });

  it('turns a network failure into a status-0 problem', async () => {
    const c = createApiClient({ baseUrl: BASE, getAccessToken: () => 'a', fetch: (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch });
    const err = (await unwrap(c.GET('/api/v1/me')).catch((e: unknown) => e)) as ProblemError;
    expect(err).toBeInstanceOf(ProblemError);
    expect(err.status).toBe(0);
  });
});
