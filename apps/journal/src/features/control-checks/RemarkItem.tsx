import { Button, ProblemBanner, TextField, useDates } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemarkAction, type Remark } from './useControlChecks';

/** One remark: text, due date, status (overdue marked), the teacher's comment, its history, and the actions the caller may take. */
export function RemarkItem({ remark, mode, showScope = false }: { remark: Remark; mode: 'teacher' | 'deputy' | 'read'; showScope?: boolean }) {
  const { t } = useTranslation();
  const dates = useDates();
  const act = useRemarkAction();
  const [asking, setAsking] = useState<null | 'fix' | 'reopen' | 'accept'>(null);
  const [comment, setComment] = useState('');
  const r = remark;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!asking) return;
    act.mutate({ remark: r, action: asking, comment: comment.trim() || undefined }, { onSuccess: () => { setAsking(null); setComment(''); } });
  };
  return (
    <li className={`cc-remark cc-remark--${r.status}${r.overdue ? ' is-overdue' : ''}`} data-testid="cc-remark">
      <div className="cc-remark__head">
        <span className={`badge ${r.status === 'accepted' ? 'badge--open' : r.status === 'fixed' ? 'badge--planned' : 'cc-badge--todo'}`}>
          {t(`control.status.${r.status}`)}
        </span>
        {r.overdue ? <span className="badge badge--bad">{t('control.overdue')}</span> : null}
        <span className="muted">{t('control.dueOn', { date: dates.date(r.dueOn) })}</span>
        {showScope ? <span className="muted">{t('control.scope', { className: r.className, subject: r.subjectName, date: dates.date(r.checkedOn) })}</span> : null}
      </div>
      <p className="cc-remark__text">{r.text}</p>
      {r.fixedComment ? <p className="cc-remark__fix"><strong>{t('control.teacherComment')}:</strong> {r.fixedComment}</p> : null}
      {r.events.length > 1 ? (
        <details className="cc-remark__events">
          <summary>{t('control.historyOf', { count: r.events.length })}</summary>
          <ol>
            {r.events.map((e, i) => (
              <li key={i}>
                {dates.dateTime(e.at)} — {e.actorName}: {t(`control.action.${e.action}`)}{e.comment ? ` («${e.comment}»)` : ''}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      <ProblemBanner error={act.error} />
      {asking ? (
        <form className="cc-remark__form" onSubmit={submit} aria-label={t(`control.act.${asking}`)}>
          <TextField label={asking === 'fix' ? t('control.fixComment') : t('control.deputyComment')} name="comment" value={comment} wide
            required={asking !== 'accept'} maxLength={2000} onChange={(e) => setComment(e.target.value)} autoFocus />
          <div className="cc-actions">
            <Button type="submit" size="small" busy={act.isPending} disabled={asking !== 'accept' && !comment.trim()}>{t(`control.act.${asking}`)}</Button>
            <Button size="small" variant="secondary" onClick={() => { setAsking(null); act.reset(); }}>{t('common.cancel')}</Button>
          </div>
        </form>
      ) : (
        <div className="cc-actions">
          {mode === 'teacher' && r.status === 'open' ? <Button size="small" onClick={() => setAsking('fix')}>{t('control.act.fix')}</Button> : null}
          {mode === 'deputy' && r.status === 'fixed' ? <Button size="small" onClick={() => setAsking('accept')}>{t('control.act.accept')}</Button> : null}
          {mode === 'deputy' && r.status !== 'open'
            ? <Button size="small" variant="secondary" onClick={() => setAsking('reopen')}>{t('control.act.reopen')}</Button> : null}
        </div>
      )}
    </li>
  );
}
