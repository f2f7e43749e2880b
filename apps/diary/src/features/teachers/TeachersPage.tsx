import { Card, Loading, PageHeader, ProblemBanner } from '@otmetka/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ChildSwitch } from '../home/ChildSwitch';
import { useChildren } from '../home/useChild';
import { useTeachers } from './useTeachers';

/** Учителя: the child's teachers by subject and the class teacher, each with "Написать". */
export function TeachersPage() {
  const { t } = useTranslation();
  const { current, isPending: mePending } = useChildren();
  const teachers = useTeachers(current?.studentId);
  const canWrite = current?.relation !== 'interested_person';
  const write = (personId: string, subject?: string) =>
    `/messages/new?studentId=${current?.studentId}&teacherId=${personId}${subject ? `&subject=${encodeURIComponent(subject)}` : ''}`;

  return (
    <div className="diary">
      <PageHeader title={t('teachers.title')} />
      <ChildSwitch />
      {mePending || (current && teachers.isPending) ? <Loading /> : !current ? <Card><p>{t('home.noChildren')}</p></Card>
        : teachers.error ? <ProblemBanner error={teachers.error} /> : teachers.data ? (
          <>
            <Card title={t('teachers.classTeacher')}>
              {teachers.data.classTeacher ? (
                <p className="teacher-row">
                  <span>{teachers.data.classTeacher.fullName}</span>
                  {canWrite ? <Link className="btn btn--secondary" to={write(teachers.data.classTeacher.personId)}
                    aria-label={t('teachers.writeTo', { name: teachers.data.classTeacher.fullName })}>{t('teachers.write')}</Link> : null}
                </p>
              ) : <p className="muted">{t('teachers.noClassTeacher')}</p>}
            </Card>
            {teachers.data.subjects.length === 0 ? <Card><p className="muted">{t('teachers.empty')}</p></Card> : (
              <ul className="teacher-list">
                {teachers.data.subjects.map((s) => (
                  <li key={s.subjectId} className="card">
                    <h2 className="teacher-list__subject">{s.subjectName}</h2>
                    {s.teachers.map((p) => (
                      <p key={p.personId + (p.subgroupName ?? '')} className="teacher-row">
                        <span>{p.fullName}{p.subgroupName ? <span className="muted"> · {p.subgroupName}</span> : null}</span>
                        {canWrite ? <Link className="btn btn--secondary" to={write(p.personId, s.subjectName)}
                          aria-label={t('teachers.writeTo', { name: p.fullName })}>{t('teachers.write')}</Link> : null}
                      </p>
                    ))}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : null}
    </div>
  );
}
