import { Button, Loading, ProblemBanner, useDates } from '@otmetka/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDownloadHomeworkFile, useWeek, type DiaryDay, type DiaryFile, type DiaryLesson } from './useWeek';

/** Неделя: the lessons of the child's week with homework, marks, attendance and remarks; previous/next week and today. */
export function WeekView({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [date, setDate] = useState<string | undefined>(undefined);
  const week = useWeek(studentId, date);
  const download = useDownloadHomeworkFile(studentId);
  const w = week.data;
  const today = dates.today();

  return (
    <section className="week" aria-labelledby="week-title">
      <div className="week__head">
        <h2 id="week-title" className="week__title" data-testid="week-range">
          {w ? t('week.range', { from: dates.date(w.weekStart), to: dates.date(w.weekEnd) }) : t('week.title')}
        </h2>
        <div className="week__nav" role="group" aria-label={t('week.navigation')}>
          <Button variant="secondary" disabled={!w} onClick={() => w && setDate(w.previousWeek)}>
            <span aria-hidden="true">‹ </span>{t('week.previousShort')}<span className="visually-hidden"> ({t('week.previous')})</span>
          </Button>
          <Button variant="secondary" onClick={() => setDate(undefined)}>{t('week.today')}</Button>
          <Button variant="secondary" disabled={!w} onClick={() => w && setDate(w.nextWeek)}>
            {t('week.nextShort')}<span className="visually-hidden"> ({t('week.next')})</span><span aria-hidden="true"> ›</span>
          </Button>
        </div>
      </div>
      {download.error ? <ProblemBanner error={download.error} /> : null}
      {week.isPending ? <Loading /> : week.error ? <ProblemBanner error={week.error} /> : w ? (
        <div aria-busy={week.isFetching} aria-live="polite">
          {w.days.map((d) => <Day key={d.date} day={d} isToday={d.date === today} onFile={(f) => download.mutate(f)} />)}
        </div>
      ) : null}
    </section>
  );
}

function Day({ day, isToday, onFile }: { day: DiaryDay; isToday: boolean; onFile: (f: DiaryFile) => void }) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const weekday = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'ru', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${day.date}T00:00:00Z`));
  return (
    <section className={`card day${isToday ? ' day--today' : ''}`} aria-labelledby={`day-${day.date}`} data-testid={`day-${day.date}`}>
      <h3 id={`day-${day.date}`} className="day__title">
        <span className="day__weekday">{weekday}</span> <span className="day__date">{dates.date(day.date)}</span>
        {isToday ? <span className="badge">{t('week.todayBadge')}</span> : null}
      </h3>
      {day.holiday ? (
        <p className="day__holiday">{day.holiday.name} · {t(`week.holidayKind.${day.holiday.kind}`, { defaultValue: day.holiday.kind })}</p>
      ) : day.lessons.length === 0 ? (
        <p className="muted">{t('week.noLessons')}</p>
      ) : (
        <ol className="lessons">
          {day.lessons.map((l) => <Lesson key={`${l.lessonNumber}-${l.subjectId}-${l.lessonId ?? ''}`} lesson={l} onFile={onFile} />)}
        </ol>
      )}
      {day.homeworkDue.length ? (
        <div className="day__due">
          <h4>{t('week.homeworkDue')}</h4>
          <ul>
            {day.homeworkDue.map((h) => (
              <li key={h.lessonId}><strong>{h.subjectName}:</strong> {h.text} <Files files={h.files} onFile={onFile} /></li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function Lesson({ lesson: l, onFile }: { lesson: DiaryLesson; onFile: (f: DiaryFile) => void }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <li className={`lesson${l.cancelled ? ' lesson--cancelled' : ''}`}>
      <div className="lesson__line">
        <span className="lesson__num" aria-label={t('week.lessonNumber', { n: l.lessonNumber })}>{l.lessonNumber}</span>
        <span className="lesson__subject">{l.subjectName}{l.subgroupName ? ` (${l.subgroupName})` : ''}</span>
        {l.startsAt ? <span className="lesson__time">{l.startsAt}–{l.endsAt ?? ''}</span> : null}
      </div>
      <div className="lesson__meta muted">
        {l.substituteTeacherName ? (
          <span>{t('week.substitute', { name: l.substituteTeacherName })} <s aria-label={t('week.teacherOfRecord', { name: l.teacherName })}>{l.teacherName}</s></span>
        ) : <span>{l.teacherName}</span>}
        {l.roomName ? <span> · {t('week.room', { room: l.roomName })}</span> : null}
        {l.cancelled ? <span> · <strong>{t('week.cancelled')}</strong></span> : null}
      </div>
      {l.topic ? <p className="lesson__topic"><span className="muted">{t('week.topic')}:</span> {l.topic}</p> : null}
      {l.homework ? (
        <div className="lesson__hw">
          <span className="muted">{t('week.homework')}{l.homework.dueDate ? ` (${t('week.dueOn', { date: dates.date(l.homework.dueDate) })})` : ''}:</span> {l.homework.text}
          <Files files={l.homework.files} onFile={onFile} />
        </div>
      ) : null}
      {l.marks.length || l.attendance ? (
        <div className="lesson__marks">
          {l.marks.map((m) => (
            <span key={m.id} className="mark" data-testid="mark" title={m.comment ?? undefined}>
              <span className="mark__value" aria-label={t('week.markLabel', { value: m.value })}>{m.value}</span>
              <span className="mark__type">{m.workTypeName}{m.weight !== 1 ? ` · ${t('week.weight', { weight: m.weight })}` : ''}</span>
              {m.comment ? <span className="mark__comment">{m.comment}</span> : null}
            </span>
          ))}
          {l.attendance ? (
            <span className="attendance" data-testid="attendance">
              <abbr title={l.attendance.label}>{l.attendance.code}</abbr>
              {l.attendance.minutesLate ? ` ${t('week.late', { minutes: l.attendance.minutesLate })}` : ` ${l.attendance.label}`}
            </span>
          ) : null}
        </div>
      ) : null}
      {l.remarks.length ? (
        <ul className="lesson__remarks">
          {l.remarks.map((r) => <li key={r.id}>{t('week.remark')}: {r.text}</li>)}
        </ul>
      ) : null}
    </li>
  );
}

function Files({ files, onFile }: { files: DiaryFile[]; onFile: (f: DiaryFile) => void }) {
  const { t } = useTranslation();
  if (!files.length) return null;
  return (
    <ul className="files">
      {files.map((f) => (
        <li key={f.id}>
          <button type="button" className="link-btn" onClick={() => onFile(f)} aria-label={t('week.download', { name: f.fileName })}>
            {f.fileName} <span className="muted">({Math.max(1, Math.round(f.sizeBytes / 1024))} {t('week.kb')})</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
