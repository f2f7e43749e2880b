import { Button, Card, DataTable, FormActions, formValues, PageHeader, ProblemBanner, SelectField } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useYearChoice, YearSelect } from '../classes/ClassesPage';
import { formatHours, useCurriculumAccess, type Ktp, type TeacherLoad } from '../subjects/curriculum';
import { useTeacherLoads } from '../teacher-load/useTeacherLoads';
import { useCreateKtp, useKtpList } from './useKtp';

export const ktpTitle = (k: Pick<Ktp, 'className' | 'subgroupName' | 'subjectName'>) =>
  `${k.subjectName}, ${k.subgroupName ? `${k.className} (${k.subgroupName})` : k.className}`;

/** Calendar-thematic plans (R-CUR-09): a teacher sees and creates their own, the deputy and the director every teacher's. */
export function KtpListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const access = useCurriculumAccess();
  const [yearId, setYearId] = useYearChoice();
  const own = !access.seesAnyTeacher;
  const list = useKtpList(yearId, own ? access.personId ?? undefined : undefined);
  const [creating, setCreating] = useState(false);
  const mayCreate = access.canPlan || access.isTeacher;

  return (
    <>
      <PageHeader title={t('ktp.title')} actions={mayCreate && !creating && yearId ? <Button onClick={() => setCreating(true)}>{t('ktp.create')}</Button> : null}>
        <p className="muted">{own ? t('ktp.introOwn') : t('ktp.intro')}</p>
      </PageHeader>
      <div className="toolbar"><YearSelect value={yearId} onChange={setYearId} /></div>
      {creating ? <CreateKtpForm yearId={yearId} existing={list.data ?? []} onDone={() => setCreating(false)} /> : null}
      <ProblemBanner error={list.error} />
      <DataTable caption={t('ktp.title')} captionHidden loading={list.isPending && !!yearId} rows={list.data} rowKey={(k) => k.id} empty={t('ktp.none')}
        columns={[
          { key: 'title', header: t('ktp.subjectClass'), render: (k) => <Link to={`/ktp/${k.id}`}>{ktpTitle(k)}</Link> },
          { key: 'teacher', header: t('ktp.teacher'), render: (k) => k.teacherName },
          { key: 'topics', header: t('ktp.topicCount'), className: 'num', render: (k) => k.topicCount },
          { key: 'hours', header: t('ktp.plannedHours'), className: 'num', render: (k) => formatHours(k.plannedHours, lang) },
        ]} />
    </>
  );
}

/** Picks a teacher load without a КТП yet (a teacher: their own loads) and creates the КТП for it. */
function CreateKtpForm({ yearId, existing, onDone }: { yearId: string; existing: Ktp[]; onDone: () => void }) {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const loads = useTeacherLoads(yearId, access.canPlan ? {} : { teacherId: access.personId ?? undefined });
  const create = useCreateKtp();
  const navigate = useNavigate();
  const has = (l: TeacherLoad) => existing.some((k) => k.teacherId === l.teacherId && k.classId === l.classId && k.subjectId === l.subjectId
    && (k.subgroupId ?? null) === (l.subgroupId ?? null));
  const free = (loads.data ?? []).filter((l) => !has(l));
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const l = free.find((x) => x.id === formValues(e.currentTarget).loadId);
    if (!l) return;
    create.mutate({ academicYearId: yearId, classId: l.classId, subgroupId: l.subgroupId ?? undefined, subjectId: l.subjectId, teacherId: l.teacherId },
      { onSuccess: (k) => navigate(`/ktp/${k.id}`) });
  };
  return (
    <Card title={t('ktp.create')}>
      <form onSubmit={submit} aria-label={t('ktp.create')}>
        <ProblemBanner error={create.error ?? loads.error} />
        <SelectField label={t('ktp.load')} name="loadId" required defaultValue="" placeholder={t('common.choose')} hint={t('ktp.loadHint')}
          options={free.map((l) => ({ value: l.id, label: `${ktpTitle(l)} — ${l.teacherName}` }))} />
        {loads.data && free.length === 0 ? <p className="muted">{t('ktp.noFreeLoads')}</p> : null}
        <FormActions>
          <Button type="submit" busy={create.isPending} disabled={free.length === 0}>{t('common.create')}</Button>
          <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Card>
  );
}
