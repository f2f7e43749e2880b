import { ProblemError } from '@otmetka/api-client';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { roomLabel, shortPersonName, type BellSchedule, type BellSlot, type TimetableEntry } from '../subjects/curriculum';
import './timetable.css';

export interface GridDay {
  key: string;
  weekday: number;
  /** Column header: the weekday, and the date in the week view. */
  title: ReactNode;
  /** A holiday or vacation: the whole column shows it instead of lessons. */
  holiday?: ReactNode;
}

/** The bell slot of a lesson on a weekday, from the schedule covering that weekday. */
export function bellOf(bells: BellSchedule[] | undefined, weekday: number, lessonNumber: number): BellSlot | undefined {
  return bells?.find((s) => s.weekdays.includes(weekday))?.slots.find((x) => x.lessonNumber === lessonNumber);
}

/** Rows of the grid: every lesson number the bells of the shown days define, plus those in use; 1–7 without bells. */
export function lessonNumbers(bells: BellSchedule[] | undefined, weekdays: number[], used: number[]): number[] {
  const set = new Set<number>(used);
  for (const s of bells ?? []) if (s.weekdays.some((d) => weekdays.includes(d))) for (const x of s.slots) set.add(x.lessonNumber);
  if (set.size === 0) for (let n = 1; n <= 7; n++) set.add(n);
  return [...set].sort((a, b) => a - b);
}

/**
 * A timetable grid: weekdays across, lesson numbers down with their bell times. A day whose bells differ from the
 * row's (a shortened Saturday) shows its own time in the cell.
 */
export function TimetableGrid({ caption, days, lessons, bells, cell }: {
  caption: string; days: GridDay[]; lessons: number[]; bells: BellSchedule[] | undefined; cell: (day: GridDay, lessonNumber: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const holidayShown = new Set<string>();
  return (
    <div className="tt-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="tt-grid">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="tt-grid__corner">{t('timetable.lesson')}</th>
            {days.map((d) => <th key={d.key} scope="col">{d.title}</th>)}
          </tr>
        </thead>
        <tbody>
          {lessons.map((n) => {
            const rowBell = days.map((d) => bellOf(bells, d.weekday, n)).find(Boolean);
            return (
              <tr key={n}>
                <th scope="row">
                  <span className="tt-grid__n">{t('timetable.lessonN', { n })}</span>
                  {rowBell ? <span className="tt-grid__time">{rowBell.startsAt}–{rowBell.endsAt}</span> : null}
                </th>
                {days.map((d) => {
                  if (d.holiday) {
                    if (holidayShown.has(d.key)) return null;
                    holidayShown.add(d.key);
                    return <td key={d.key} rowSpan={lessons.length} className="tt-holiday">{d.holiday}</td>;
                  }
                  const own = bellOf(bells, d.weekday, n);
                  const differs = own && rowBell && (own.startsAt !== rowBell.startsAt || own.endsAt !== rowBell.endsAt);
                  return (
                    <td key={d.key}>
                      {differs ? <span className="tt-grid__time">{own.startsAt}–{own.endsAt}</span> : null}
                      <div className="tt-cell">{cell(d, n)}</div>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The editor and the week view as two tabs of one section. */
export function TimetableTabs() {
  const { t } = useTranslation();
  return (
    <nav className="tt-tabs" aria-label={t('timetable.views')}>
      <NavLink to="/timetable" end>{t('timetable.editorTab')}</NavLink>
      <NavLink to="/timetable/week">{t('timetable.weekTab')}</NavLink>
    </nav>
  );
}

/**
 * R-CUR-08: a 409 double booking in words, naming the clashing lesson — "Учитель занят: 5А, Математика, каб. 14".
 * Null for any other error.
 */
export function conflictText(t: TFunction, error: unknown): string | null {
  if (!(error instanceof ProblemError) || error.status !== 409) return null;
  const clash = error.body.clash as Partial<TimetableEntry> | undefined;
  const kind = error.body.clashKind as 'teacher' | 'room' | 'class' | undefined;
  if (!clash || !kind) return null;
  const cls = clash.subgroupName ? `${clash.className} (${clash.subgroupName})` : clash.className;
  const room = roomLabel(t, clash.roomName);
  const teacher = shortPersonName(clash.teacherName);
  const parts = {
    teacher: [cls, clash.subjectName, room],
    room: [cls, clash.subjectName, teacher],
    class: [clash.subgroupName ? `${clash.subjectName} (${clash.subgroupName})` : clash.subjectName, teacher, room],
  }[kind].filter(Boolean);
  return `${t(`timetable.clash.${kind}`)}: ${parts.join(', ')}`;
}

/** The conflict banner of a lesson dialog: what clashes and what to do; other errors as the usual problem banner. */
export function ConflictBanner({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner--error" role="alert" data-testid="timetable-conflict">
      <p className="banner__title">{text}</p>
      <p>{t('timetable.clashHint')}</p>
    </div>
  );
}
