import { Dialog, Loading, ProblemBanner, useDates } from '@otmetka/ui';
import { useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { useHistory, type HistoryItem } from './useControlChecks';
import './control-checks.css';

const HISTORY_ROLES = ['operator', 'admin', 'director', 'deputy'];

export interface HistoryTarget {
  lessonId: string;
  studentId: string;
  title: string;
}

/**
 * R-AUD-03: the change history of one journal cell — the student's marks and attendance on a lesson: who, when, old → new, the reason and the
 * change request number. For the deputy and the director (and the administration).
 */
export function HistoryPopover({ target, onClose }: { target: HistoryTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={!!target} onClose={onClose} title={target ? t('control.history.title', { what: target.title }) : ''}>
      {target ? <HistoryBody target={target} /> : null}
    </Dialog>
  );
}

function HistoryBody({ target }: { target: HistoryTarget }) {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const key = { lessonId: target.lessonId, studentId: target.studentId };
  const marks = useHistory(access.schoolId, 'mark', key);
  const attendance = useHistory(access.schoolId, 'attendance', key);
  if (marks.isPending || attendance.isPending) return <Loading />;
  const items: HistoryItem[] = [...(marks.data ?? []), ...(attendance.data ?? [])].sort((a, b) => a.seq - b.seq);
  const shown = (v: string | null | undefined) => v ?? '—';
  return (
    <>
      <ProblemBanner error={marks.error ?? attendance.error} />
      {items.length === 0 ? <p className="muted">{t('control.history.empty')}</p> : (
        <ol className="cc-history" aria-label={t('control.history.title', { what: target.title })}>
          {items.map((i) => (
            <li key={`${i.entity}-${i.seq}-${i.entityId}`} data-testid="history-item">
              <div className="cc-history__change">
                {t(`control.history.entity.${i.entity}`)}: {shown(i.oldValue)} → {shown(i.newValue)}
              </div>
              <div className="muted">
                {dates.dateTime(i.occurredAt)}, {i.actorName ?? t('control.history.system')}
                {i.actorRole ? ` (${t(`roles.${i.actorRole}`, { defaultValue: i.actorRole })})` : ''}
              </div>
              {i.reason ? <div>{t('control.history.reason')}: {i.reason}</div> : null}
              {i.changeRequestNumber ? <div>{t('control.history.request', { number: i.changeRequestNumber })}</div> : null}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

interface GridPage {
  lessons: { id: string; date: string; lessonNumber: number }[];
  students: { id: string; fullName: string }[];
}

/**
 * Wraps the class journal grid: for the deputy and the director, Alt+click on a cell (or the H key on a focused cell) opens the cell's change
 * history. Reads the cell from its `data-cell="row:col"`, so the grid itself needs no change.
 */
export function CellHistory({ page, children }: { page: GridPage; children: ReactNode }) {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const [target, setTarget] = useState<HistoryTarget | null>(null);
  const allowed = access.roles.some((r) => HISTORY_ROLES.includes(r));
  if (!allowed) return <>{children}</>;
  const open = (el: EventTarget | null): boolean => {
    const cell = (el as HTMLElement | null)?.closest?.<HTMLElement>('[data-cell]');
    if (!cell?.dataset.cell) return false;
    const [row, col] = cell.dataset.cell.split(':').map(Number);
    const s = page.students[row];
    const l = page.lessons[col];
    if (!s || !l) return false;
    setTarget({ lessonId: l.id, studentId: s.id, title: `${s.fullName}, ${dates.date(l.date)}, ${t('lesson.number', { n: l.lessonNumber })}` });
    return true;
  };
  const onClick = (e: MouseEvent) => {
    if (e.altKey && open(e.target)) e.preventDefault();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.code === 'KeyH' && !e.altKey && !e.ctrlKey && !e.metaKey && open(e.target)) {
      e.preventDefault();
      e.stopPropagation();
    }
  };
  return (
    <div onClickCapture={onClick} onKeyDownCapture={onKeyDown}>
      <p className="muted cc-history-hint">{t('control.history.hint')}</p>
      {children}
      <HistoryPopover target={target} onClose={() => setTarget(null)} />
    </div>
  );
}
