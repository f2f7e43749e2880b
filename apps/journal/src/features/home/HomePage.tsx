import { Card, Loading, PageHeader, ProblemBanner, useMe, useSchool } from '@otmetka/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAccess } from '../../lib/access';

/** Who you are: name, login, roles in the selected school, and where you can go from here. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { membership, memberships } = useSchool();
  const access = useAccess();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ProblemBanner error={me.error} />;
  const person = me.data;
  const links: { to: string; label: string }[] = [
    ...(access.canRead ? [
      { to: '/classes', label: t('nav.classes') }, { to: '/students', label: t('nav.students') }, { to: '/staff', label: t('nav.staff') },
      { to: '/parents', label: t('nav.parents') }, { to: '/movements', label: t('nav.movements') },
    ] : [{ to: '/classes', label: t('nav.classes') }]),
    ...(access.isClassTeacher ? [{ to: '/my-class', label: t('nav.myClass') }] : []),
    ...(access.canWrite ? [{ to: '/import', label: t('nav.import') }, { to: '/credentials', label: t('nav.credentials') }] : []),
  ];
  return (
    <>
      <PageHeader title={t('home.greeting', { name: person.fullName })} />
      <Card title={t('home.aboutYou')}>
        <dl className="dl">
          <dt>{t('home.fullName')}</dt>
          <dd data-testid="home-full-name">{person.fullName}</dd>
          <dt>{t('auth.login')}</dt>
          <dd>{person.login}</dd>
          <dt>{t('layout.school')}</dt>
          <dd>{membership ? `${membership.schoolName} (${membership.timeZone})` : t('home.noSchool')}</dd>
          <dt>{t('home.roles')}</dt>
          <dd data-testid="home-roles">{membership?.roles.map((r) => t(`roles.${r}`)).join(', ') || t('common.none')}</dd>
        </dl>
      </Card>
      {memberships.length > 1 ? (
        <Card title={t('home.otherSchools')}>
          <ul>
            {memberships.map((m) => (
              <li key={m.schoolId}>{m.schoolName}: {m.roles.map((r) => t(`roles.${r}`)).join(', ')}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      <h2>{t('home.quickLinks')}</h2>
      <nav className="tiles" aria-label={t('home.quickLinks')}>
        {links.map((l) => <Link key={l.to} className="tile" to={l.to}>{l.label}</Link>)}
      </nav>
    </>
  );
}
