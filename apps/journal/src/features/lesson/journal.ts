import { ABSENCE_CODES, type AbsenceCode } from '@otmetka/contracts';
import type { TFunction } from 'i18next';

/**
 * Shared pieces of the journal screens (my day, lesson, class journal, period marks, change requests): the edit decision the API
 * returns (R-JRN-05 — the SPA never re-implements the windows, it shows what the API decided), its wording, and small helpers.
 */

export interface EditDecision {
  allowed: boolean;
  editableUntil?: string | null;
  reason: string;
  late?: boolean;
  needsChangeRequest?: boolean;
}

/** A fresh key for one save attempt (R-API-03): the same key is sent again when that attempt is retried. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** dd.mm of an instant in the school's time zone (the day a window closes). */
export function dayMonth(instant: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit' }).format(new Date(instant));
}

/** The last day an item may still be edited: the window ends at local midnight, so the day before the closing instant. */
export function lastEditableDay(editableUntil: string, timeZone: string): string {
  return dayMonth(new Date(new Date(editableUntil).getTime() - 1), timeZone);
}

/**
 * Says why an item is locked and until when it was open ("Редактирование закрыто 04.12 — подайте заявление"), or, when it is open,
 * until when it stays editable. `null` for an open item without a deadline.
 */
export function editNote(t: TFunction, d: Pick<EditDecision, 'allowed' | 'editableUntil' | 'reason' | 'late'> | null | undefined, timeZone: string): string | null {
  if (!d) return null;
  if (d.allowed) {
    if (!d.editableUntil) return null;
    const until = lastEditableDay(d.editableUntil, timeZone);
    return d.late || d.reason === 'late_first_entry' ? t('journal.edit.openLate', { date: until }) : t('journal.edit.openUntil', { date: until });
  }
  switch (d.reason) {
    case 'window_closed':
      return d.editableUntil ? t('journal.edit.closedOn', { date: dayMonth(d.editableUntil, timeZone) }) : t('journal.edit.closed');
    case 'period_closed':
      return t('journal.edit.periodClosed');
    case 'year_closed':
      return t('journal.edit.yearClosed');
    case 'not_yet':
      return t('journal.edit.notYet');
    case 'read_only':
      return t('journal.edit.readOnly');
    default:
      return t('journal.edit.closed');
  }
}

/** Keys of the journal grids: a mark digit, an absence code, clearing, moving, saving and opening the cell's details. */
export type GridKey =
  | { kind: 'mark'; value: string }
  | { kind: 'absence'; code: AbsenceCode }
  | { kind: 'clear' }
  | { kind: 'move'; dRow: number; dCol: number; edge?: 'start' | 'end' }
  | { kind: 'save' }
  | { kind: 'details' };

/**
 * R-JRN-04: Н, У, Б and ОП by their Cyrillic letters or by the Latin letters on the same physical keys (Н = Y, У = E, Б = ",",
 * О = J, П = G), so the teacher need not switch the keyboard layout. `code` is checked too (the physical key whatever the layout).
 */
const ABSENCE_KEYS: Record<string, AbsenceCode> = {
  'н': 'Н', 'y': 'Н', 'у': 'У', 'e': 'У', 'б': 'Б', ',': 'Б', 'о': 'ОП', 'j': 'ОП', 'п': 'ОП', 'g': 'ОП',
};
const ABSENCE_CODES_BY_KEY: Record<string, AbsenceCode> = { KeyY: 'Н', KeyE: 'У', Comma: 'Б', KeyJ: 'ОП', KeyG: 'ОП' };

export function readGridKey(e: { key: string; code?: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; shiftKey?: boolean }): GridKey | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'ArrowUp': return { kind: 'move', dRow: -1, dCol: 0 };
    case 'ArrowDown': return { kind: 'move', dRow: 1, dCol: 0 };
    case 'ArrowLeft': return { kind: 'move', dRow: 0, dCol: -1 };
    case 'ArrowRight': return { kind: 'move', dRow: 0, dCol: 1 };
    case 'Home': return { kind: 'move', dRow: 0, dCol: 0, edge: 'start' };
    case 'End': return { kind: 'move', dRow: 0, dCol: 0, edge: 'end' };
    case 'Backspace':
    case 'Delete': return { kind: 'clear' };
    case 'Enter': return { kind: 'save' };
    case ' ':
    case 'F2': return { kind: 'details' };
    default: break;
  }
  if (/^[1-5]$/.test(e.key)) return { kind: 'mark', value: e.key };
  const byKey = ABSENCE_KEYS[e.key.toLowerCase()];
  if (byKey) return { kind: 'absence', code: byKey };
  const byCode = e.code ? ABSENCE_CODES_BY_KEY[e.code] : undefined;
  if (byCode && e.key.length === 1 && !/^[0-9]$/.test(e.key)) return { kind: 'absence', code: byCode };
  return null;
}

export const isAbsenceCode = (v: unknown): v is AbsenceCode => typeof v === 'string' && (ABSENCE_CODES as readonly string[]).includes(v);

const ABBR: Record<string, string> = {
  answer: 'отв', control: 'КР', independent: 'СР', lab: 'ЛР', practical: 'ПР', dictation: 'дикт', essay: 'соч', test: 'тест', homework: 'ДЗ', credit: 'зач',
};

/** Short name of a work type for a grid cell ("control" → "КР"; others from the name: "Проектная работа" → "ПР"). */
export function workTypeAbbr(name: string, code?: string): string {
  if (code && ABBR[code]) return ABBR[code];
  const words = name.split(/[\s-]+/).filter(Boolean);
  if (words.length === 1) return words[0].slice(0, 3).toLowerCase();
  return words.slice(0, 3).map((w) => w[0]).join('').toUpperCase();
}

/** Formats a weighted average for people: two places, comma in Russian. */
export function formatAverage(v: number | null | undefined, language = 'ru'): string {
  if (v === null || v === undefined) return '—';
  return v.toLocaleString(language === 'ru' ? 'ru-RU' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Adds days to a calendar date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Weekday name of a calendar date in the interface language. */
export function weekdayName(date: string, language = 'ru'): string {
  return new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
