import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

describe('platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /api/v1/health with the database reachable', async () => {
    const res = await t.http.get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('serves the OpenAPI document at /api/docs-json and Swagger UI at /api/docs', async () => {
    const doc = await t.http.get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/auth/login');
    const ui = await t.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('R-API-03 answers an unknown route with problem+json 404', async () => {
    const res = await t.http.get('/api/v1/no-such-thing');
    expectProblem(res, 404);
  });

  it('R-API-03 answers malformed JSON with problem+json 400, not 500', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"login": ');
    expectProblem(res, 400);
  });

  it('R-API-03 lists every bad field of a login body', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ login: '', extra: 1 });
    const p = expectProblem(res, 400);
    const fields = p.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['login', 'password', 'extra']));
  });

  it('requires sign-in on protected routes (401 problem)', async () => {
    expectProblem(await t.http.get('/api/v1/me'), 401);
    expectProblem(await t.http.get('/api/v1/me').set('Authorization', 'Bearer not-a-jwt'), 401);
  });

  it('propagates a given X-Request-Id into the answer', async () => {
    const res = await t.http.get('/api/v1/health').set('x-request-id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
  });
});
