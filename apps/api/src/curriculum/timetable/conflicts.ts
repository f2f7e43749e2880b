/**
 * R-CUR-08: when two lessons at the same time clash. Pure: no Nest, no database.
 * A teacher and a room hold one lesson at a time; a whole-class lesson takes the whole class, while two different
 * subgroups of a class may sit at the same time (English group 1 and group 2).
 */

export interface Booking {
  id: string;
  classId: string;
  subgroupId: string | null;
  teacherId: string;
  roomId: string | null;
}

export type ClashKind = 'teacher' | 'room' | 'class';

/** Every reason why two bookings of the same time slot clash (empty when they may coexist). */
export function clashKinds(a: Booking, b: Booking): ClashKind[] {
  const kinds: ClashKind[] = [];
  if (a.teacherId === b.teacherId) kinds.push('teacher');
  if (a.roomId !== null && a.roomId === b.roomId) kinds.push('room');
  if (a.classId === b.classId && (a.subgroupId === null || b.subgroupId === null || a.subgroupId === b.subgroupId)) kinds.push('class');
  return kinds;
}

/** The first of `others` (already known to be at the same time) that the candidate clashes with; itself excluded by id. */
export function findClash<T extends Booking>(candidate: Booking, others: readonly T[]): { with: T; kind: ClashKind } | null {
  // Deterministic whatever the row order: a lesson of the same class is reported before other teachers' or rooms' bookings.
  const ordered = [...others].sort((a, b) => Number(clashKinds(candidate, b).includes('class')) - Number(clashKinds(candidate, a).includes('class'))
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const o of ordered) {
    if (o.id === candidate.id) continue;
    const [kind] = clashKinds(candidate, o);
    if (kind) return { with: o, kind };
  }
  return null;
}

/** A weekly template entry: weekday + lesson number, valid from a date until an optional end date (inclusive). */
export interface TemplateBooking extends Booking {
  weekday: number;
  lessonNumber: number;
  validFrom: string;
  validTo: string | null;
}

const END_OF_TIME = '9999-12-31';

export const validityOverlaps = (a: Pick<TemplateBooking, 'validFrom' | 'validTo'>, b: Pick<TemplateBooking, 'validFrom' | 'validTo'>): boolean =>
  a.validFrom <= (b.validTo ?? END_OF_TIME) && b.validFrom <= (a.validTo ?? END_OF_TIME);

export const sameSlot = (a: Pick<TemplateBooking, 'weekday' | 'lessonNumber'>, b: Pick<TemplateBooking, 'weekday' | 'lessonNumber'>): boolean =>
  a.weekday === b.weekday && a.lessonNumber === b.lessonNumber;

/** The existing template entry a new or moved entry clashes with: same weekday and lesson, validity overlapping. */
export function findTemplateClash<T extends TemplateBooking>(candidate: TemplateBooking, existing: readonly T[]): { with: T; kind: ClashKind } | null {
  return findClash(candidate, existing.filter((e) => sameSlot(candidate, e) && validityOverlaps(candidate, e)));
}

/** Every clashing pair of a set of template entries, once per pair and kind (the inspector's double-booking rule). */
export function templateClashes<T extends TemplateBooking>(entries: readonly T[]): { a: T; b: T; kind: ClashKind }[] {
  const bySlot = new Map<string, T[]>();
  for (const e of entries) {
    const key = `${e.weekday}:${e.lessonNumber}`;
    bySlot.set(key, [...(bySlot.get(key) ?? []), e]);
  }
  const out: { a: T; b: T; kind: ClashKind }[] = [];
  for (const group of bySlot.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        if (!validityOverlaps(group[i], group[j])) continue;
        for (const kind of clashKinds(group[i], group[j])) out.push({ a: group[i], b: group[j], kind });
      }
    }
  }
  return out;
}
