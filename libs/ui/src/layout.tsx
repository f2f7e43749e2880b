import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router-dom';
import { useAuth, useMe, useSchool } from './auth';
import { LanguageSwitch } from './i18n';

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

/** The signed-in frame: header (app, school, user with roles, language, sign out), navigation, main content. */
export function AppShell({ appName, nav = [], children }: { appName: string; nav?: NavItem[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const me = useMe();
  const { membership, memberships, roles, setSchoolId } = useSchool();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <div className={`shell${nav.length ? ' shell--nav' : ''}`}>
      <a className="skip-link" href="#main">{t('layout.skipToContent')}</a>
      <header className="shell__header">
        <div className="shell__brand">
          {nav.length ? (
            <button type="button" className="btn btn--secondary shell__menu-btn" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((o) => !o)}>
              {t('layout.menu')}
            </button>
          ) : null}
          <span className="shell__app">{appName}</span>
          {memberships.length > 1 ? (
            <label className="shell__school">
              <span className="visually-hidden">{t('layout.school')}</span>
              <select value={membership?.schoolId ?? ''} onChange={(e) => setSchoolId(e.target.value)}>
                {memberships.map((m) => <option key={m.schoolId} value={m.schoolId}>{m.schoolName}</option>)}
              </select>
            </label>
          ) : membership ? <span className="shell__school" data-testid="school-name">{membership.schoolName}</span> : null}
        </div>
        <div className="shell__user">
          {me.data ? (
            <span className="shell__who">
              <span className="shell__name" data-testid="user-name">{me.data.fullName}</span>
              {roles.length ? <span className="shell__roles">{roles.map((r) => t(`roles.${r}`)).join(', ')}</span> : null}
            </span>
          ) : null}
          <span className="shell__controls">
            <LanguageSwitch />
            <button type="button" className="btn btn--secondary" onClick={() => void logout()}>{t('auth.signOut')}</button>
          </span>
        </div>
      </header>
      {nav.length ? (
        <nav id="main-nav" className={`shell__nav${menuOpen ? ' is-open' : ''}`} aria-label={t('layout.mainNav')}>
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="main" className="shell__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** Page title (the one h1) with optional actions on the right. */
export function PageHeader({ title, actions, children }: { title: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}

/** A titled panel. */
export function Card({ title, children, actions }: { title?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card">
      {title || actions ? (
        <div className="card__head">
          {title ? <h2>{title}</h2> : null}
          {actions ? <div>{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return <p className="muted" role="status">{t('common.loading')}</p>;
}
