import type { Child } from '@otmetka/api-client';
import { useMe } from '@otmetka/ui';
import { useState } from 'react';

const KEY = 'otmetka.diary.child';

/** The children whose diary the caller may read (GET /me → children[]) and the one chosen now (kept on this device). */
export function useChildren(): { children: Child[]; current: Child | null; choose: (id: string) => void; isPending: boolean; error: unknown } {
  const me = useMe();
  const [chosen, setChosen] = useState<string | null>(() => {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null;
    }
  });
  const children = me.data?.children ?? [];
  const current = children.find((c) => c.studentId === chosen) ?? children[0] ?? null;
  const choose = (id: string) => {
    setChosen(id);
    try {
      localStorage.setItem(KEY, id);
    } catch {}
  };
  return { children, current, choose, isPending: me.isPending, error: me.error };
}
