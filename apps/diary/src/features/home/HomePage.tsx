import { Card, Loading, ProblemBanner, useMe } from '@otmetka/ui';
import { useTranslation } from 'react-i18next';
import { LatestNews } from '../news/LatestNews';
import { WeekView } from '../week/WeekView';
import { useChildren } from './useChild';

/** Home: who is signed in, the children they may view, a switcher when there are several. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { children, current, choose, isPending, error } = useChildren();
  if (isPending) return <Loading />;
  if (error) return <ProblemBanner error={error} />;
  const schoolName = (schoolId: string) => me.data?.memberships.find((m) => m.schoolId === schoolId)?.schoolName;

  return (
    <div className="diary">
      <h1 className="diary__hello">{t('home.greeting', { name: me.data?.fullName })}</h1>
      {children.length === 0 ? (
        <Card><p>{t('home.noChildren')}</p></Card>
      ) : (
        <>
          {children.length > 1 ? (
            <div className="child-switch" role="group" aria-label={t('home.chooseChild')}>
              {children.map((c) => (
                <button key={c.studentId} type="button" className="child-switch__btn" aria-pressed={c.studentId === current?.studentId}
                  onClick={() => choose(c.studentId)}>
                  <span className="child-switch__name">{c.name}</span>
                  {c.className ? <span className="child-switch__class">{c.className}</span> : null}
                </button>
              ))}
            </div>
          ) : null}
          {current ? (
            <section className="card child-card" aria-live="polite" aria-labelledby="child-title">
              <h2 id="child-title" data-testid="current-child">{current.name}</h2>
              <p className="child-card__line">
                <span>{t('home.class')}: <strong data-testid="current-class">{current.className ?? t('common.none')}</strong></span>
                {schoolName(current.schoolId) ? <span>{schoolName(current.schoolId)}</span> : null}
                <span className="muted">{t(`home.relations.${current.relation}`, { defaultValue: current.relation })}</span>
              </p>
            </section>
          ) : null}
          {current ? <LatestNews schoolId={current.schoolId} /> : null}
          {current ? <WeekView key={current.studentId} studentId={current.studentId} /> : null}
        </>
      )}
    </div>
  );
}
