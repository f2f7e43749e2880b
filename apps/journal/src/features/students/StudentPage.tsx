import { Button, Card, DataTable, Loading, PageHeader, ProblemBanner, useDates } from '@otmetka/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { StatusBadge } from '../../lib/ui';
import { useMovements } from '../movements/useMovements';
import { StudentForm } from './StudentForm';
import { useStudentCard } from './useStudents';

/** The personal card (reading it is logged, R-AUD-06): data, guardians, enrolment history and movements. */
export function StudentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const card = useStudentCard(id);
  const movements = useMovements(access.canRead ? access.schoolId : '', id);
  const [editing, setEditing] = useState(false);

  if (card.isPending) return <Loading />;
  if (card.isError) return <ProblemBanner error={card.error} />;
  const s = card.data;
  return (
    <>
      <p><Link to={access.canRead ? '/students' : s.classId ? `/classes/${s.classId}` : '/'}>← {access.canRead ? t('students.title') : t('common.back')}</Link></p>
      <PageHeader title={s.fullName} actions={access.canWrite && !editing ? <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button> : null}>
        <p><StatusBadge ns="students.statuses" status={s.status} /> {s.className ? <>{t('students.class')}: <Link to={`/classes/${s.classId}`}>{s.className}</Link></> : null}</p>
      </PageHeader>
      {editing ? (
        <Card title={t('students.editTitle')}>
          <StudentForm student={s} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />
        </Card>
      ) : (
        <Card title={t('students.card')}>
          <dl className="dl">
            <dt>{t('person.lastName')}</dt><dd>{s.lastName}</dd>
            <dt>{t('person.firstName')}</dt><dd>{s.firstName}</dd>
            <dt>{t('person.middleName')}</dt><dd>{s.middleName || t('common.none')}</dd>
            <dt>{t('person.birthDate')}</dt><dd>{dates.date(s.birthDate)}</dd>
            <dt>{t('person.gender')}</dt><dd>{s.gender ? t(`person.genders.${s.gender}`) : t('common.none')}</dd>
            <dt>{t('students.snils')}</dt><dd>{s.snils ?? t('common.none')}</dd>
            <dt>{t('students.personalFileNumber')}</dt><dd>{s.personalFileNumber ?? t('common.none')}</dd>
            <dt>{t('students.address')}</dt><dd>{s.address ?? t('common.none')}</dd>
          </dl>
        </Card>
      )}
      <DataTable caption={t('students.guardians')} rows={s.guardians} rowKey={(g) => g.id} empty={t('students.noGuardians')}
        columns={[
          { key: 'name', header: t('students.fullName'), render: (g) => g.fullName },
          { key: 'relation', header: t('parents.relation'), render: (g) => t(`parents.relations.${g.relation}`, { defaultValue: g.relation }) },
          { key: 'phone', header: t('person.phone'), render: (g) => g.phone ?? t('common.none') },
        ]} />
      {access.canWrite ? <p><Link to={`/parents?studentId=${s.id}`}>{t('parents.manageFor', { name: s.fullName })}</Link></p> : null}
      <DataTable caption={t('students.enrolments')} rows={s.enrolments} rowKey={(e) => `${e.classId}:${e.startsOn}`}
        columns={[
          { key: 'class', header: t('students.class'), render: (e) => e.className },
          { key: 'year', header: t('years.year'), render: (e) => e.academicYear ?? t('common.none') },
          { key: 'from', header: t('students.from'), render: (e) => dates.date(e.startsOn) },
          { key: 'to', header: t('students.to'), render: (e) => dates.date(e.endsOn) },
        ]} />
      {access.canRead ? (
        <DataTable caption={t('movements.title')} loading={movements.isPending} rows={movements.data} rowKey={(m) => m.id}
          columns={[
            { key: 'date', header: t('movements.date'), render: (m) => dates.date(m.occurredOn) },
            { key: 'kind', header: t('movements.kind'), render: (m) => t(`movements.kinds.${m.kind}`, { defaultValue: m.kind }) },
            { key: 'order', header: t('common.orderNumber'), render: (m) => m.orderNumber },
            { key: 'route', header: t('movements.route'), render: (m) => [m.fromClassName, m.toClassName ?? m.destination].filter(Boolean).join(' → ') || t('common.none') },
          ]} />
      ) : null}
    </>
  );
}
