import type { Child } from '@otmetka/api-client';
import { useMe } from '@otmetka/ui';
import { useSyncExternalStore } from 'react';

const KEY = 'otmetka.diary.child';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

let chosen: string | null = read();

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The children whose diary the caller may read (GET /me → children[]) and the one chosen now (kept on this device, shared by every screen). */
export function useChildren(): { children: Child[]; current: Child | null; choose: (id: string) => void; isPending: boolean; error: unknown } {
  const me = useMe();
  const selected = useSyncExternalStore(subscribe, () => chosen);
  const children = me.data?.children ?? [];
  const current = children.find((c) => c.studentId === selected) ?? children[0] ?? null;
  const choose = (id: string) => {
    chosen = id;
    try {
      localStorage.setItem(KEY, id);
    } catch {}
    listeners.forEach((l) => l());
  };
  return { children, current, choose, isPending: me.isPending, error: me.error };
}
