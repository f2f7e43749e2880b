import { ABSENCE_LABELS_RU, type AbsenceCode } from '@otmetka/contracts';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { clearMark, isRemoval, setAttendance, setMark, slotsOf, type Draft, type Slot } from './draft';
import { editNote, isAbsenceCode, readGridKey, workTypeAbbr, type EditDecision } from './journal';
import type { LessonPageData, LessonStudent, WorkType } from './types';

export interface CellRef {
  row: number;
  /** 0 = attendance, 1… = mark positions. */
  col: number;
}

/** Whether a cell may be written now, and the decision that says why not (R-JRN-05: the API decides, the grid only shows it). */
export function cellDecision(lesson: LessonPageData, s: LessonStudent, draft: Draft, col: number): EditDecision {
  if (col === 0) {
    const a = s.attendance;
    if (a) return { allowed: a.editable, editableUntil: a.editableUntil, reason: a.editable ? 'within_edit_window' : lesson.edit.attendance.allowed ? 'window_closed' : lesson.edit.attendance.reason };
    return lesson.edit.attendance;
  }
  const slot = slotsOf(draft, s)[col - 1];
  if (slot?.kind === 'existing') {
    const m = slot.mark;
    return { allowed: m.editable, editableUntil: m.editableUntil, reason: m.editable ? 'within_edit_window' : lesson.edit.mark.allowed ? 'window_closed' : lesson.edit.mark.reason };
  }
  return lesson.edit.mark;
}

/**
 * The class grid of a lesson (R-JRN-03/04): a row per student with an attendance cell and mark cells, entered from the keyboard —
 * 1–5 sets a mark of the selected work type, Н/У/Б/ОП (either keyboard layout) an absence, Backspace/Delete clears, arrows move,
 * Enter saves, Space opens the cell's details. One roving tab stop; locked cells say why and until when.
 */
export function MarkGrid({ lesson, draft, onChange, workType, workTypes, timeZone, onSave, onDetails, onRemarks }: {
  lesson: LessonPageData;
  draft: Draft;
  onChange: (next: Draft) => void;
  /** Work type code of new marks. */
  workType: string;
  workTypes: WorkType[];
  timeZone: string;
  onSave: () => void;
  onDetails: (cell: CellRef) => void;
  onRemarks: (studentId: string) => void;
}) {
  const { t } = useTranslation();
  const [active, setActive] = useState<CellRef>({ row: 0, col: 0 });
  const [announce, setAnnounce] = useState('');
  const tableRef = useRef<HTMLTableElement>(null);
  const focusWanted = useRef(false);
  const names = new Map(workTypes.map((w) => [w.code, w]));
  const rows = lesson.students;
  const slotCount = Math.max(2, ...rows.map((s) => slotsOf(draft, s).length + 1));
  const colCount = slotCount + 1;

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${active.row}:${active.col}"]`)?.focus();
  }, [active]);

  const moveTo = (row: number, col: number) => {
    focusWanted.current = true;
    setActive({ row: Math.max(0, Math.min(rows.length - 1, row)), col: Math.max(0, Math.min(colCount - 1, col)) });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const target = e.target as HTMLElement;
    const at = target.dataset.cell;
    if (!at) return;
    const [row, col] = at.split(':').map(Number);
    const key = readGridKey(e);
    if (!key) return;
    const s = rows[row];
    if (!s) return;
    e.preventDefault();
    if (key.kind === 'move') {
      if (key.edge === 'start') moveTo(row, 0);
      else if (key.edge === 'end') moveTo(row, slotsOf(draft, s).length + 1);
      else moveTo(row + key.dRow, col + key.dCol);
      return;
    }
    if (key.kind === 'save') {
      onSave();
      return;
    }
    if (key.kind === 'details') {
      onDetails({ row, col });
      return;
    }
    const decisionCol = key.kind === 'absence' ? 0 : col;
    const d = cellDecision(lesson, s, draft, decisionCol);
    if (!d.allowed) {
      setAnnounce(`${s.fullName}: ${editNote(t, d, timeZone) ?? t('journal.edit.closed')}`);
      return;
    }
    if (key.kind === 'absence') {
      onChange(setAttendance(draft, s, key.code));
      setAnnounce(t('lesson.grid.announceAbsence', { name: s.fullName, code: key.code }));
      return;
    }
    if (key.kind === 'clear') {
      if (col === 0) onChange(setAttendance(draft, s, null));
      else onChange(clearMark(draft, s, col - 1));
      setAnnounce(t('lesson.grid.announceClear', { name: s.fullName }));
      return;
    }
    if (key.kind === 'mark') {
      if (col === 0) {
        setAnnounce(t('lesson.grid.digitInAttendance'));
        return;
      }
      const slots = slotsOf(draft, s);
      // Typing past the row's last mark adds one in the first free position (no gaps).
      const index = Math.min(col - 1, slots.length);
      onChange(setMark(draft, s, index, key.value, workType));
      if (index !== col - 1) moveTo(row, index + 1);
      setAnnounce(t('lesson.grid.announceMark', { name: s.fullName, value: key.value }));
    }
  };

  const attendanceText = (code: string | null) => (code ? `${code} (${ABSENCE_LABELS_RU[code as AbsenceCode] ?? code})` : t('lesson.grid.present'));

  return (
    <>
      <div className="mark-grid__wrap">
        <table ref={tableRef} className="mark-grid" role="grid" aria-label={t('lesson.grid.caption')} aria-rowcount={rows.length + 1}
          aria-colcount={colCount + 2} onKeyDown={onKeyDown} aria-describedby="mark-grid-help">
          <thead>
            <tr>
              <th scope="col" className="mark-grid__n">№</th>
              <th scope="col" className="mark-grid__name">{t('lesson.grid.student')}</th>
              <th scope="col" className="mark-grid__att">{t('lesson.grid.attendance')}</th>
              <th scope="colgroup" colSpan={slotCount} className="mark-grid__marks">{t('lesson.grid.marks')}</th>
              <th scope="col" className="mark-grid__remarks">{t('lesson.grid.remarks')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr><td colSpan={colCount + 3} className="table__empty">{t('lesson.grid.noStudents')}</td></tr>
            ) : rows.map((s, r) => {
              const slots = slotsOf(draft, s);
              const pendingRemarks = draft.remarks.filter((x) => x.studentId === s.studentId).length;
              return (
                <tr key={s.studentId} aria-rowindex={r + 2}>
                  <td className="mark-grid__n">{r + 1}</td>
                  <th scope="row" className="mark-grid__name">{s.fullName}</th>
                  <AttendanceCell lesson={lesson} s={s} draft={draft} row={r} active={active.row === r && active.col === 0} timeZone={timeZone}
                    label={attendanceText} onFocus={() => setActive({ row: r, col: 0 })} onDetails={() => onDetails({ row: r, col: 0 })} />
                  {Array.from({ length: slotCount }, (_, i) => (
                    <MarkCell key={i} lesson={lesson} s={s} draft={draft} slot={slots[i] ?? { kind: 'empty' }} row={r} col={i + 1}
                      active={active.row === r && active.col === i + 1} timeZone={timeZone} names={names}
                      onFocus={() => setActive({ row: r, col: i + 1 })} onDetails={() => onDetails({ row: r, col: i + 1 })} />
                  ))}
                  <td className="mark-grid__remarks">
                    <button type="button" className="btn btn--link mark-grid__remark-btn" onClick={() => onRemarks(s.studentId)}
                      aria-label={t('lesson.remarks.open', { name: s.fullName, count: s.remarks.length + pendingRemarks })}>
                      {s.remarks.length + pendingRemarks > 0 ? `✎ ${s.remarks.length + pendingRemarks}` : '✎'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="mark-grid__status" aria-live="polite" data-testid="grid-announce">{announce}</p>
    </>
  );
}

function AttendanceCell({ lesson, s, draft, row, active, timeZone, label, onFocus, onDetails }: {
  lesson: LessonPageData; s: LessonStudent; draft: Draft; row: number; active: boolean; timeZone: string;
  label: (code: string | null) => string; onFocus: () => void; onDetails: () => void;
}) {
  const { t } = useTranslation();
  const change = draft.attendance[s.studentId];
  const current = s.attendance?.code ?? null;
  const shown = change ? change.code : current;
  const d = cellDecision(lesson, s, draft, 0);
  const note = d.allowed ? null : editNote(t, d, timeZone);
  const conflict = change && change.was !== current;
  const cls = ['mark-grid__cell', 'mark-grid__cell--att', shown && isAbsenceCode(shown) ? `att--${shown === 'ОП' ? 'late' : shown === 'Н' ? 'n' : 'excused'}` : '',
    change ? 'is-pending' : '', d.allowed ? '' : 'is-locked', active ? 'is-active' : ''].filter(Boolean).join(' ');
  const aria = [s.fullName, t('lesson.grid.attendance'), label(shown), change ? t('lesson.grid.unsaved') : '', conflict ? t('lesson.grid.nowValue', { value: current ?? t('lesson.grid.presentShort') }) : '', note ?? '']
    .filter(Boolean).join(', ');
  return (
    <td role="gridcell" className={cls} tabIndex={active ? 0 : -1} data-cell={`${row}:0`} aria-label={aria} aria-readonly={!d.allowed || undefined}
      title={note ?? undefined} onFocus={onFocus} onDoubleClick={onDetails} data-testid={`att-${row}`}>
      <span className="mark-grid__value">{shown ?? ''}</span>
      {!d.allowed ? <LockIcon /> : null}
      {conflict ? <span className="mark-grid__now">{t('lesson.grid.nowShort', { value: current ?? '·' })}</span> : null}
    </td>
  );
}

function MarkCell({ lesson, s, draft, slot, row, col, active, timeZone, names, onFocus, onDetails }: {
  lesson: LessonPageData; s: LessonStudent; draft: Draft; slot: Slot; row: number; col: number; active: boolean; timeZone: string;
  names: Map<string, WorkType>; onFocus: () => void; onDetails: () => void;
}) {
  const { t } = useTranslation();
  const d = cellDecision(lesson, s, draft, col);
  const note = d.allowed ? null : editNote(t, d, timeZone);
  let value = '';
  let workType = '';
  let pending = false;
  let removed = false;
  let was: string | null = null;
  let now: string | null = null;
  if (slot.kind === 'existing') {
    const c = slot.change;
    removed = isRemoval(c);
    value = c && !isRemoval(c) ? c.value : slot.mark.value;
    workType = c && !isRemoval(c) ? c.workType : slot.mark.workType;
    pending = !!c;
    if (c) {
      was = slot.mark.value;
      if (c.was !== slot.mark.value) now = slot.mark.value;
    }
  } else if (slot.kind === 'added') {
    value = slot.added.value;
    workType = slot.added.workType;
    pending = true;
  }
  const wt = workType ? names.get(workType) : undefined;
  const wtName = wt?.name ?? (slot.kind === 'existing' ? slot.mark.workTypeName : workType);
  const cls = ['mark-grid__cell', 'mark-grid__cell--mark', pending ? 'is-pending' : '', removed ? 'is-removed' : '', d.allowed ? '' : 'is-locked',
    active ? 'is-active' : '', slot.kind === 'empty' ? 'is-empty' : ''].filter(Boolean).join(' ');
  const content = slot.kind === 'empty' ? t('lesson.grid.emptyMark')
    : removed ? t('lesson.grid.removedMark', { value: was })
    : `${value}, ${wtName}${wt ? ` (${t('lesson.grid.weight', { weight: wt.weight })})` : ''}`;
  const aria = [s.fullName, t('lesson.grid.markN', { n: col }), content, pending ? t('lesson.grid.unsaved') : '',
    now !== null ? t('lesson.grid.nowValue', { value: now }) : '', note ?? ''].filter(Boolean).join(', ');
  const title = [slot.kind !== 'empty' && wtName ? `${wtName}${wt ? ` ×${wt.weight}` : ''}` : '', slot.kind === 'existing' && slot.mark.comment ? slot.mark.comment : '',
    pending && was !== null && !removed ? t('lesson.grid.wasValue', { value: was }) : '', note ?? ''].filter(Boolean).join('\n');
  return (
    <td role="gridcell" className={cls} tabIndex={active ? 0 : -1} data-cell={`${row}:${col}`} aria-label={aria} aria-readonly={!d.allowed || undefined}
      title={title || undefined} onFocus={onFocus} onDoubleClick={onDetails} data-testid={`mark-${row}-${col}`}>
      <span className="mark-grid__value">{removed ? <s>{was}</s> : value}</span>
      {slot.kind !== 'empty' && wtName ? <span className="mark-grid__wt" aria-hidden="true">{workTypeAbbr(wtName, workType)}</span> : null}
      {!d.allowed && slot.kind !== 'empty' ? <LockIcon /> : null}
      {now !== null ? <span className="mark-grid__now">{t('lesson.grid.nowShort', { value: now })}</span> : null}
    </td>
  );
}

export function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false">
      <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" fill="currentColor" />
    </svg>
  );
}
