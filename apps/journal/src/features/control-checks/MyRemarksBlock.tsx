import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { RemarkItem } from './RemarkItem';
import { useMyRemarks } from './useControlChecks';
import './control-checks.css';

/** "Мой день": the teacher's open remarks on journal keeping (002 §3.3.15); nothing when there are none. */
export function MyRemarksBlock() {
  const { t } = useTranslation();
  const access = useAccess();
  const remarks = useMyRemarks(access.schoolId, false, access.isTeacher);
  const list = remarks.data ?? [];
  if (!access.isTeacher || list.length === 0) return null;
  const overdue = list.filter((r) => r.overdue).length;
  return (
    <section className="card cc-mine" aria-labelledby="cc-mine-title" data-testid="my-day-remarks">
      <div className="card__head">
        <h2 id="cc-mine-title">{t('control.myDayTitle')}</h2>
        <Link className="btn btn--link btn--small" to="/control-checks">{t('control.openAll')}</Link>
      </div>
      <p className="muted" role="status">{t('control.myDayCount', { count: list.length })}{overdue ? ` ${t('control.myDayOverdue', { count: overdue })}` : ''}</p>
      <ul className="cc-remarks">
        {list.slice(0, 5).map((r) => <RemarkItem key={r.id} remark={r} mode="teacher" showScope />)}
      </ul>
    </section>
  );
}
