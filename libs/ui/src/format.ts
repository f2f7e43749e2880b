import { useTranslation } from 'react-i18next';
import { useSchool } from './auth';

const LOCALES: Record<string, string> = { ru: 'ru-RU', en: 'en-GB' };
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Formats a date for people. Calendar dates (YYYY-MM-DD: lesson days, order dates) are shown as they are;
 * instants (ISO timestamps) are shown in the school's time zone, not the browser's.
 */
export function formatDate(value: string | Date | null | undefined, opts: { timeZone?: string; language?: string; withTime?: boolean } = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  const locale = LOCALES[opts.language ?? 'ru'] ?? opts.language ?? 'ru-RU';
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) {
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
    }
  }
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, {
    timeZone: opts.timeZone ?? 'Europe/Moscow',
    day: '2-digit', month: '2-digit', year: 'numeric',
    ...(opts.withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(d);
}

/** Today's calendar date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone = 'Europe/Moscow'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Formatters bound to the selected school's time zone and the interface language. */
export function useDates() {
  const { i18n } = useTranslation();
  const { membership } = useSchool();
  const timeZone = membership?.timeZone ?? 'Europe/Moscow';
  const language = i18n.resolvedLanguage ?? i18n.language;
  return {
    timeZone,
    date: (v: string | Date | null | undefined) => formatDate(v, { timeZone, language }),
    dateTime: (v: string | Date | null | undefined) => formatDate(v, { timeZone, language, withTime: true }),
    today: () => todayIn(timeZone),
  };
}

/** Saves a downloaded file (PDF, CSV …) through a temporary link. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
