import { Button, Card, CheckboxField, FormActions, Notice, PageHeader, ProblemBanner, saveFile, SelectField } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { useYearChoice, YearSelect } from '../classes/ClassesPage';
import { useClasses } from '../classes/useClasses';
import { useCredentialSlips, type SlipAudience } from './useCredentials';

const AUDIENCES: SlipAudience[] = ['parents', 'students', 'all'];

/** The slip form for one class: who gets slips, only those without an account yet, → PDF download. */
export function CredentialSlipsForm({ classId, className }: { classId: string; className: string }) {
  const { t } = useTranslation();
  const slips = useCredentialSlips();
  const [audience, setAudience] = useState<SlipAudience>('parents');
  const [onlyMissing, setOnlyMissing] = useState(true);
  const [saved, setSaved] = useState<{ file: string; issued: string; under14: string; staff: string } | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(null);
    slips.mutate({ classId, audience, onlyMissing, fileName: `credentials-${className}-${audience}.pdf` }, {
      onSuccess: ({ blob, fileName, headers }) => {
        saveFile(blob, fileName);
        setSaved({ file: fileName, issued: headers.get('X-Issued-Count') ?? '?', under14: headers.get('X-Skipped-Under-14') ?? '0', staff: headers.get('X-Skipped-Staff') ?? '0' });
      },
    });
  };
  return (
    <form onSubmit={submit} aria-label={t('credentials.forClass', { name: className })}>
      <ProblemBanner error={slips.error} />
      {saved ? (
        <Notice>
          {t('credentials.saved', { file: saved.file, count: Number(saved.issued) || 0 })}
          {saved.under14 !== '0' ? <> {t('credentials.skippedUnder14', { count: Number(saved.under14) })}</> : null}
          {saved.staff !== '0' ? <> {t('credentials.skippedStaff', { count: Number(saved.staff) })}</> : null}
        </Notice>
      ) : null}
      <fieldset className="field">
        <legend className="field__label">{t('credentials.audience')}</legend>
        {AUDIENCES.map((a) => (
          <label key={a} className="checkgroup__item">
            <input type="radio" name="audience" value={a} checked={audience === a} onChange={() => setAudience(a)} />
            <span>{t(`credentials.audiences.${a}`)}</span>
          </label>
        ))}
      </fieldset>
      <CheckboxField label={t('credentials.onlyMissing')} name="onlyMissing" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} />
      <p className="muted">{t('credentials.warning')}</p>
      <FormActions>
        <Button type="submit" busy={slips.isPending}>{t('credentials.download')}</Button>
      </FormActions>
    </form>
  );
}

/** Credentials issuing (R-ROS-10): printable slips with logins and one-time passwords for a class. */
export function CredentialsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const [yearId, setYearId] = useYearChoice();
  const classes = useClasses(access.schoolId, yearId || undefined);
  const [classId, setClassId] = useState('');
  const cls = classes.data?.find((c) => c.id === classId);
  return (
    <>
      <PageHeader title={t('credentials.title')} />
      <p className="muted">{t('credentials.intro')}</p>
      <div className="toolbar">
        <YearSelect value={yearId} onChange={(id) => { setYearId(id); setClassId(''); }} />
        <SelectField label={t('students.class')} name="classId" value={classId} onChange={(e) => setClassId(e.target.value)} placeholder={t('common.choose')}
          options={(classes.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.studentCount})` }))} />
      </div>
      <ProblemBanner error={classes.error} />
      {cls ? <Card title={t('credentials.forClass', { name: cls.name })}><CredentialSlipsForm key={cls.id} classId={cls.id} className={cls.name} /></Card> : null}
    </>
  );
}
