import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { editNote, formatAverage } from '../lesson/journal';
import { LockIcon } from '../lesson/MarkGrid';
import type { ClassJournal, ClassJournalLesson, ClassJournalStudent } from './useClassJournal';

const MONTHS_RU = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface LessonColumn {
  lesson: ClassJournalLesson;
  day: string;
  label: string;
  note: string | null;
}

/**
 * The class journal grid (R-JRN-12): students down, the period's lessons across (grouped by month, like the paper journal), the
 * weighted average, the proposed and the set period mark at the right. Header and first columns stay in place while scrolling.
 * One roving tab stop: arrows move, Enter opens the lesson. Rows are memoised, so moving the focus re-renders two rows, not 35 × 60 cells.
 */
export function JournalGrid({ page }: { page: ClassJournal }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [active, setActive] = useState({ row: 0, col: 0 });
  const wrap = useRef<HTMLDivElement>(null);
  const focusWanted = useRef(false);
  const tz = page.timeZone;

  const columns: LessonColumn[] = useMemo(() => page.lessons.map((l) => ({
    lesson: l,
    day: l.date.slice(8, 10),
    label: `${l.date.slice(8, 10)}.${l.date.slice(5, 7)}, ${t('lesson.number', { n: l.lessonNumber })}${l.topic ? `: ${l.topic}` : ''}`,
    note: editNote(t, { allowed: l.editable, editableUntil: l.editableUntil, reason: l.editReason }, tz),
  })), [page.lessons, t, tz]);

  const months = useMemo(() => {
    const names = i18n.language === 'en' ? MONTHS_EN : MONTHS_RU;
    const out: { name: string; span: number }[] = [];
    for (const l of page.lessons) {
      const name = names[Number(l.date.slice(5, 7)) - 1];
      if (out.length && out[out.length - 1].name === name) out[out.length - 1].span++;
      else out.push({ name, span: 1 });
    }
    return out;
  }, [page.lessons, i18n.language]);

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    wrap.current?.querySelector<HTMLElement>(`[data-cell="${active.row}:${active.col}"]`)?.focus();
  }, [active]);

  const onFocusCell = useCallback((row: number, col: number) => setActive((a) => (a.row === row && a.col === col ? a : { row, col })), []);

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const at = (e.target as HTMLElement).dataset.cell;
    if (!at) return;
    const [row, col] = at.split(':').map(Number);
    const last = { row: page.students.length - 1, col: columns.length - 1 };
    let next: { row: number; col: number } | null = null;
    switch (e.key) {
      case 'ArrowUp': next = { row: row - 1, col }; break;
      case 'ArrowDown': next = { row: row + 1, col }; break;
      case 'ArrowLeft': next = { row, col: col - 1 }; break;
      case 'ArrowRight': next = { row, col: col + 1 }; break;
      case 'Home': next = { row, col: 0 }; break;
      case 'End': next = { row, col: last.col }; break;
      case 'PageUp': next = { row: row - 10, col }; break;
      case 'PageDown': next = { row: row + 10, col }; break;
      case 'Enter': {
        const l = columns[col]?.lesson;
        if (l) navigate(`/lessons/${l.id}`);
        e.preventDefault();
        return;
      }
      default: return;
    }
    e.preventDefault();
    focusWanted.current = true;
    setActive({ row: Math.max(0, Math.min(last.row, next.row)), col: Math.max(0, Math.min(last.col, next.col)) });
  };

  if (page.students.length === 0) return <p className="muted card">{t('classJournal.noStudents')}</p>;
  if (columns.length === 0) return <p className="muted card">{t('classJournal.noLessons')}</p>;

  return (
    <div className="cj-wrap" ref={wrap}>
      <table className="cj-grid" role="grid" aria-label={t('classJournal.gridLabel', { className: page.class.name, subject: page.subject.name, period: page.period.name })}
        aria-rowcount={page.students.length + 2} aria-colcount={columns.length + 5} onKeyDown={onKeyDown}>
        <thead>
          <tr>
            <th rowSpan={2} scope="col" className="cj-sticky cj-n">№</th>
            <th rowSpan={2} scope="col" className="cj-sticky cj-name">{t('classJournal.student')}</th>
            {months.map((m, i) => <th key={i} colSpan={m.span} scope="colgroup" className="cj-month">{m.name}</th>)}
            <th rowSpan={2} scope="col" className="cj-end cj-end--avg" title={t('classJournal.averageHint')}>{t('classJournal.average')}</th>
            <th rowSpan={2} scope="col" className="cj-end cj-end--prop" title={t('classJournal.proposedHint', { threshold: page.roundingThreshold })}>{t('classJournal.proposed')}</th>
            <th rowSpan={2} scope="col" className="cj-end cj-end--final">{t('classJournal.periodMark')}</th>
          </tr>
          <tr>
            {columns.map((c) => (
              <th key={c.lesson.id} scope="col" className={`cj-day${c.lesson.editable ? '' : ' is-locked'}${c.lesson.topic ? '' : ' no-topic'}`}
                title={[c.label, c.note].filter(Boolean).join('\n')}>
                <a href={`/lessons/${c.lesson.id}`} aria-label={[c.label, c.note].filter(Boolean).join('. ')} tabIndex={-1}
                  onClick={(e) => { e.preventDefault(); navigate(`/lessons/${c.lesson.id}`); }}>
                  {c.day}
                </a>
                {c.lesson.editable ? null : <LockIcon />}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.students.map((s, r) => (
            <Row key={s.id} s={s} row={r} columns={columns} activeCol={active.row === r ? active.col : -1} onFocusCell={onFocusCell}
              language={i18n.language} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const Row = memo(function Row({ s, row, columns, activeCol, onFocusCell, language }: {
  s: ClassJournalStudent; row: number; columns: LessonColumn[]; activeCol: number; onFocusCell: (row: number, col: number) => void; language: string;
}) {
  const { t } = useTranslation();
  const cells = s.cells as Record<string, { attendance?: string; marks: { id: string; value: string; workType: string; weight: number; comment?: string | null }[] }>;
  const external = s.externalMarks.length
    ? `\n${t('classJournal.external')}: ${s.externalMarks.map((x) => `${x.value} (${x.institution})`).join(', ')}` : '';
  return (
    <tr aria-rowindex={row + 3}>
      <td className="cj-sticky cj-n">{row + 1}</td>
      <th scope="row" className="cj-sticky cj-name">{s.fullName}</th>
      {columns.map((c, i) => {
        const cell = cells[c.lesson.id];
        const out = c.lesson.date < s.enrolledFrom || c.lesson.date > s.enrolledTo;
        const marks = cell?.marks ?? [];
        const att = cell?.attendance;
        const text = [att, ...marks.map((m) => m.value)].filter(Boolean).join(' ');
        const label = `${s.fullName}, ${c.label}: ${out ? t('classJournal.notInClass') : text || t('classJournal.empty')}`;
        return (
          <td key={c.lesson.id} role="gridcell" tabIndex={activeCol === i ? 0 : -1} data-cell={`${row}:${i}`}
            className={`cj-cell${c.lesson.editable ? '' : ' is-locked'}${out ? ' is-out' : ''}`} aria-label={label}
            onFocus={() => onFocusCell(row, i)}>
            {att ? <span className={`cj-att cj-att--${att === 'Н' ? 'n' : att === 'ОП' ? 'late' : 'excused'}`}>{att}</span> : null}
            {marks.map((m) => (
              <span key={m.id} className={`cj-mark${m.weight > 1 ? ' is-heavy' : ''}`} title={`${m.workType} ×${m.weight}${m.comment ? `: ${m.comment}` : ''}`}>{m.value}</span>
            ))}
          </td>
        );
      })}
      <td className="cj-end cj-end--avg" title={external ? external.trim() : undefined}>{formatAverage(s.weightedAverage, language)}{external ? '*' : ''}</td>
      <td className="cj-end cj-end--prop">{s.proposedPeriodMark ?? '—'}</td>
      <td className="cj-end cj-end--final">
        {s.periodMark ? (
          <strong className={s.proposedPeriodMark && s.periodMark.value !== s.proposedPeriodMark ? 'cj-override' : undefined}>{s.periodMark.value}</strong>
        ) : '—'}
      </td>
    </tr>
  );
});
