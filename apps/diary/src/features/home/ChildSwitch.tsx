import { useTranslation } from 'react-i18next';
import { useChildren } from './useChild';

/** The child switcher (only when there are several children). */
export function ChildSwitch() {
  const { t } = useTranslation();
  const { children, current, choose } = useChildren();
  if (children.length < 2) return null;
  return (
    <div className="child-switch" role="group" aria-label={t('home.chooseChild')}>
      {children.map((c) => (
        <button key={c.studentId} type="button" className="child-switch__btn" aria-pressed={c.studentId === current?.studentId}
          onClick={() => choose(c.studentId)}>
          <span className="child-switch__name">{c.name}</span>
          {c.className ? <span className="child-switch__class">{c.className}</span> : null}
        </button>
      ))}
    </div>
  );
}
