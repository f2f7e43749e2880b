import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { ProblemError } from './problem';

export type { components, paths } from './schema';
export { ProblemError, isNetworkError, type FieldProblem, type ProblemBody } from './problem';
export * from './views';

/** Schemas of the generated OpenAPI document. */
export type Schemas = components['schemas'];
export type ApiClient = Client<paths>;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn?: number;
}

export interface ApiClientOptions {
  /** Origin of the API; '' (the default) calls the same origin, where `/api` is proxied. */
  baseUrl?: string;
  /** The current access token (sent as `Authorization: Bearer …`). */
  getAccessToken: () => string | null | undefined;
  /** The stored refresh token, used once when an answer is 401. */
  getRefreshToken?: () => string | null | undefined;
  /** Receives the new pair after a successful refresh (store it). */
  onTokens?: (pair: TokenPair) => void;
  /** Called when the session cannot be renewed: sign the user out. */
  onUnauthorized?: () => void;
  /** fetch implementation (tests). */
  fetch?: typeof globalThis.fetch;
}

export const REFRESH_PATH = '/api/v1/auth/refresh';
const NO_RETRY = /\/api\/v1\/auth\/(login|refresh|logout)$/;

const bearerOf = (req: Request): string | null => req.headers.get('Authorization')?.replace(/^Bearer\s+/i, '') ?? null;

/**
 * The typed API client (openapi-fetch over the generated `paths`).
 * A middleware adds the Bearer token; on 401 it renews the session once through POST /api/v1/auth/refresh
 * (single flight: parallel 401s share one refresh), repeats the request, and otherwise calls `onUnauthorized`.
 */
export function createApiClient(opts: ApiClientOptions): ApiClient {
  const baseUrl = (opts.baseUrl ?? '').replace(/\/$/, '');
  const fetchImpl: typeof globalThis.fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl });
  const copies = new Map<string, Request>();
  let refreshing: Promise<string | null> | null = null;

  const refresh = (): Promise<string | null> => {
    refreshing ??= (async () => {
      const refreshToken = opts.getRefreshToken?.();
      if (!refreshToken) return null;
      try {
        const res = await fetchImpl(new Request(`${baseUrl || globalThis.location?.origin || ''}${REFRESH_PATH}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refreshToken }),
        }));
        if (!res.ok) return null;
        const pair = (await res.json()) as TokenPair;
        opts.onTokens?.(pair);
        return pair.accessToken;
      } catch {
        return null;
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const auth: Middleware = {
    onRequest({ request, id }) {
      const token = opts.getAccessToken();
      if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
      if (!NO_RETRY.test(new URL(request.url, 'http://x').pathname)) copies.set(id, request.clone());
      return request;
    },
    async onResponse({ request, response, id }) {
      const copy = copies.get(id);
      copies.delete(id);
      if (response.status !== 401 || !copy) return response;
      // Another request may have renewed the session meanwhile: then use the new token without a second refresh.
      const current = opts.getAccessToken();
      const sent = bearerOf(request);
      const token = current && current !== sent ? current : await refresh();
      if (!token) {
        opts.onUnauthorized?.();
        return response;
      }
      copy.headers.set('Authorization', `Bearer ${token}`);
      const again = await fetchImpl(copy);
      if (again.status === 401) opts.onUnauthorized?.();
      return again;
    },
    onError({ id }) {
      copies.delete(id);
    },
  };
  client.use(auth);
  return client;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * Awaits an openapi-fetch call and returns its data, or throws a ProblemError carrying the RFC 9457 body
 * (status 0 when the server could not be reached).
 */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<NonNullable<T>> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (e) {
    throw new ProblemError({ type: '/problems/network', title: 'Network error', status: 0, detail: e instanceof Error ? e.message : String(e) });
  }
  if (!answer.response.ok) throw ProblemError.from(answer.response.status, answer.error, answer.response.statusText);
  return answer.data as NonNullable<T>;
}

/** A file answer (PDF, CSV, XLSX) with the name the server suggested and the answer's headers. */
export async function unwrapFile(call: Promise<Answer<unknown>>, fallbackName: string): Promise<{ blob: Blob; fileName: string; headers: Headers }> {
  const data = await unwrap(call);
  const { response } = await call;
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const fileName = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  return { blob: data as Blob, fileName, headers: response.headers };
}
