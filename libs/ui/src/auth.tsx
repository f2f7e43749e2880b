import { createApiClient, unwrap, type ApiClient, type Me, type Membership, type TokenPair } from '@otmetka/api-client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

export interface AuthContextValue {
  api: ApiClient;
  signedIn: boolean;
  /** Signs in; `remember` keeps the session in localStorage (otherwise sessionStorage: ends with the tab). */
  login: (login: string, password: string, remember: boolean) => Promise<void>;
  logout: () => Promise<void>;
  /** Why the user was signed out, if not by their own action (e.g. 'sessionEnded'). */
  notice: string | null;
  /** The school the user works in now (a person may belong to several). */
  schoolId: string | null;
  setSchoolId: (id: string) => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

const storages = (): Storage[] => {
  const out: Storage[] = [];
  try {
    out.push(globalThis.localStorage, globalThis.sessionStorage);
  } catch {}
  return out.filter(Boolean);
};

function readSession(key: string): { session: StoredSession; storage: Storage } | null {
  for (const storage of storages()) {
    try {
      const raw = storage.getItem(key);
      if (raw) {
        const session = JSON.parse(raw) as StoredSession;
        if (session.accessToken && session.refreshToken) return { session, storage };
      }
    } catch {}
  }
  return null;
}

/**
 * Holds the session of one SPA (`app` names its storage keys), the typed API client with token refresh,
 * and the selected school. Must sit inside a QueryClientProvider and a router.
 */
export function AuthProvider({ app, baseUrl = '', children }: { app: string; baseUrl?: string; children: ReactNode }) {
  const key = `otmetka.${app}.session`;
  const schoolKey = `otmetka.${app}.school`;
  const queryClient = useQueryClient();
  const initial = useRef(readSession(key));
  const session = useRef<StoredSession | null>(initial.current?.session ?? null);
  const storage = useRef<Storage | null>(initial.current?.storage ?? null);
  const [signedIn, setSignedIn] = useState(session.current !== null);
  const [notice, setNotice] = useState<string | null>(null);
  const [schoolId, setSchoolIdState] = useState<string | null>(() => {
    try {
      return globalThis.localStorage?.getItem(schoolKey) ?? null;
    } catch {
      return null;
    }
  });

  const store = useCallback((next: StoredSession | null, where: Storage | null) => {
    for (const s of storages()) {
      try {
        s.removeItem(key);
      } catch {}
    }
    session.current = next;
    storage.current = next ? where : null;
    if (next && where) {
      try {
        where.setItem(key, JSON.stringify(next));
      } catch {}
    }
  }, [key]);

  const signOutLocally = useCallback((why: string | null) => {
    store(null, null);
    setSignedIn(false);
    setNotice(why);
    queryClient.clear();
  }, [queryClient, store]);

  const [api] = useState<ApiClient>(() => createApiClient({
    baseUrl,
    getAccessToken: () => session.current?.accessToken,
    getRefreshToken: () => session.current?.refreshToken,
    onTokens: (pair: TokenPair) => store({ accessToken: pair.accessToken, refreshToken: pair.refreshToken }, storage.current ?? globalThis.sessionStorage),
    onUnauthorized: () => signOutLocally('sessionEnded'),
  }));

  const login = useCallback(async (login: string, password: string, remember: boolean) => {
    const pair = await unwrap(api.POST('/api/v1/auth/login', { body: { login, password } })) as TokenPair;
    queryClient.clear();
    store({ accessToken: pair.accessToken, refreshToken: pair.refreshToken }, remember ? globalThis.localStorage : globalThis.sessionStorage);
    setNotice(null);
    setSignedIn(true);
  }, [api, queryClient, store]);

  const logout = useCallback(async () => {
    try {
      if (session.current) await api.POST('/api/v1/auth/logout');
    } catch {}
    signOutLocally(null);
  }, [api, signOutLocally]);

  const setSchoolId = useCallback((id: string) => {
    setSchoolIdState(id);
    try {
      globalThis.localStorage?.setItem(schoolKey, id);
    } catch {}
  }, [schoolKey]);

  const value = useMemo<AuthContextValue>(() => ({ api, signedIn, login, logout, notice, schoolId, setSchoolId }),
    [api, signedIn, login, logout, notice, schoolId, setSchoolId]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** The typed API client of the current session. */
export function useApi(): ApiClient {
  return useAuth().api;
}

export const meQueryKey = ['me'] as const;

/** Who is signed in: GET /api/v1/me (person, schools with roles, children whose diary may be read). */
export function useMe() {
  const { api, signedIn } = useAuth();
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async () => (await unwrap(api.GET('/api/v1/me'))) as Me,
    enabled: signedIn,
    staleTime: 5 * 60_000,
  });
}

/** The selected school membership (the stored choice when still valid, else the first one) and the roles held there. */
export function useSchool(): { membership: Membership | null; memberships: Membership[]; roles: string[]; setSchoolId: (id: string) => void } {
  const { schoolId, setSchoolId } = useAuth();
  const me = useMe();
  const memberships = me.data?.memberships ?? [];
  const membership = memberships.find((m) => m.schoolId === schoolId) ?? memberships[0] ?? null;
  return { membership, memberships, roles: membership?.roles ?? [], setSchoolId };
}

/** Renders its children only for a signed-in user; otherwise redirects to /login and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { signedIn } = useAuth();
  const location = useLocation();
  if (!signedIn) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <>{children}</>;
}
