import { Button, Loading, PageHeader, ProblemBanner, useDates, useMe } from '@otmetka/ui';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { HomePage } from '../home/HomePage';
import { addDays, weekdayName } from '../lesson/journal';
import type { LessonSummary } from '../lesson/types';
import { useMyDay } from './useMyDay';
import { MyRemarksBlock } from '../control-checks/MyRemarksBlock';
import './my-day.css';

/** The start page: "my day" for a teacher, the overview for everyone else. */
export function StartPage() {
  const access = useAccess();
  if (!access.ready) return <Loading />;
  return access.isTeacher && access.personId ? <MyDayPage /> : <HomePage />;
}

/**
 * "Мой день" (R-JRN-01/02): the teacher's lessons of a day — substitutions marked — with what is still to enter (topic, homework,
 * the "held" mark), counts of marks and absences, and a date switcher. Each lesson opens its page.
 */
export function MyDayPage() {
  const { t, i18n } = useTranslation();
  const access = useAccess();
  const me = useMe();
  const dates = useDates();
  const [params, setParams] = useSearchParams();
  const today = dates.today();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? (params.get('date') as string) : today;
  const lessons = useMyDay(access.personId ?? '', date);
  const go = (d: string) => setParams(d === today ? {} : { date: d }, { replace: true });
  const list = lessons.data ?? [];
  const open = list.filter((l) => !l.cancelled);
  const todo = open.filter((l) => missingOf(l, date <= today).length > 0).length;

  return (
    <>
      <PageHeader title={t('myDay.title')}>
        <p className="muted">{me.data ? t('myDay.hello', { name: me.data.fullName }) : null}</p>
      </PageHeader>
      <nav className="day-switch" aria-label={t('myDay.dateNav')}>
        <Button variant="secondary" onClick={() => go(addDays(date, -1))} aria-label={t('myDay.prevDay')}>‹ {t('myDay.prev')}</Button>
        <label className="day-switch__date">
          <span className="visually-hidden">{t('myDay.date')}</span>
          <input type="date" value={date} onChange={(e) => e.target.value && go(e.target.value)} />
        </label>
        <Button variant="secondary" onClick={() => go(addDays(date, 1))} aria-label={t('myDay.nextDay')}>{t('myDay.next')} ›</Button>
        {date !== today ? <Button variant="link" onClick={() => go(today)}>{t('myDay.today')}</Button> : null}
      </nav>
      <h2 className="day-title" data-testid="day-title">
        {weekdayName(date, i18n.language)}, {dates.date(date)}{date === today ? ` — ${t('myDay.todayMark')}` : ''}
      </h2>
      <ProblemBanner error={lessons.error} />
      {lessons.isPending ? <Loading /> : list.length === 0 ? (
        <p className="muted card">{t('myDay.noLessons')}</p>
      ) : (
        <>
          <p className="muted" role="status">{todo ? t('myDay.todoCount', { count: todo, total: open.length }) : t('myDay.allDone', { count: open.length })}</p>
          <ol className="day-lessons" aria-label={t('myDay.lessonsOf', { date: dates.date(date) })}>
            {list.map((l) => <LessonItem key={l.id} lesson={l} personId={access.personId} past={date <= today} />)}
          </ol>
        </>
      )}
      <MyRemarksBlock />
    </>
  );
}

/** What the teacher has still to enter on a lesson that has taken place (or is taking place). */
function missingOf(l: LessonSummary, past: boolean): string[] {
  if (l.cancelled) return [];
  const out = [...l.missing];
  if (past && !l.held) out.push('held');
  return out;
}

function LessonItem({ lesson: l, personId, past }: { lesson: LessonSummary; personId: string | null; past: boolean }) {
  const { t } = useTranslation();
  const missing = missingOf(l, past);
  const substitute = l.substituteTeacherId && l.substituteTeacherId === personId;
  const replaced = l.substituteTeacherId && l.teacherId === personId && !substitute;
  return (
    <li className={`day-lesson${l.cancelled ? ' is-cancelled' : ''}${missing.length ? ' has-todo' : ''}`}>
      <div className="day-lesson__when">
        <span className="day-lesson__n">{t('myDay.lessonN', { n: l.lessonNumber })}</span>
        {l.startsAt ? <span className="day-lesson__time">{l.startsAt}–{l.endsAt}</span> : null}
      </div>
      <div className="day-lesson__what">
        <Link to={`/lessons/${l.id}`} className="day-lesson__link">
          {l.subjectName} · {l.className}{l.subgroupName ? ` (${l.subgroupName})` : ''}
        </Link>
        <span className="day-lesson__topic">{l.topic ?? <span className="muted">{t('myDay.noTopic')}</span>}</span>
        <span className="day-lesson__tags">
          {l.roomName ? <span className="muted">{t('lesson.room', { name: l.roomName })}</span> : null}
          {substitute ? <span className="badge badge--planned">{t('myDay.substituting', { name: l.teacherName })}</span> : null}
          {replaced ? <span className="badge">{t('myDay.replacedBy', { name: l.substituteTeacherName ?? '' })}</span> : null}
          {l.source === 'extra' ? <span className="badge">{t('myDay.extra')}</span> : null}
          {l.cancelled ? <span className="badge badge--bad">{t('lesson.cancelled')}</span> : null}
        </span>
      </div>
      <div className="day-lesson__state">
        {missing.length ? (
          <ul className="day-lesson__missing" aria-label={t('myDay.missing')}>
            {missing.map((m) => <li key={m} className="badge badge--bad">{t(`myDay.missingItem.${m}`, { defaultValue: m })}</li>)}
          </ul>
        ) : !l.cancelled ? <span className="badge badge--open">{t('myDay.complete')}</span> : null}
        <span className="muted day-lesson__counts">{t('myDay.counts', { marks: l.markCount, absences: l.absenceCount })}</span>
      </div>
    </li>
  );
}
