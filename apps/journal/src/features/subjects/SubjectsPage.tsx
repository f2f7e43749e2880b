import {
  Button, Card, CheckboxField, DataTable, Dialog, fieldErrors, FormActions, formValues, Notice, PageHeader, ProblemBanner, TextField,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurriculumAccess, type Subject } from './curriculum';
import { useCreateSubject, useImportFederalSubjects, useSubjects, useUpdateSubject } from './useSubjects';

/** Subject catalogue (R-CUR-03): list, add, edit, archive; the federal list added in one go. */
export function SubjectsPage() {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const [showArchived, setShowArchived] = useState(false);
  const subjects = useSubjects(access.schoolId, showArchived);
  const federal = useImportFederalSubjects();
  const archive = useUpdateSubject();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Subject | null>(null);

  return (
    <>
      <PageHeader title={t('subjects.title')} actions={access.canManageCalendar ? (
        <>
          {!adding ? <Button onClick={() => setAdding(true)}>{t('subjects.add')}</Button> : null}
          <Button variant="secondary" busy={federal.isPending} onClick={() => federal.mutate(access.schoolId)}>{t('subjects.federal')}</Button>
        </>
      ) : null}>
        <p className="muted">{t('subjects.intro')}</p>
      </PageHeader>
      {federal.data ? <Notice>{t('subjects.federalDone', { added: federal.data.added, skipped: federal.data.skipped })}</Notice> : null}
      <ProblemBanner error={federal.error ?? archive.error ?? subjects.error} />
      {adding ? <SubjectForm onDone={() => setAdding(false)} /> : null}
      <div className="toolbar">
        <CheckboxField label={t('subjects.showArchived')} name="showArchived" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
      </div>
      <DataTable caption={t('subjects.title')} captionHidden loading={subjects.isPending} rows={subjects.data} rowKey={(s) => s.id}
        empty={t('subjects.empty')}
        columns={[
          { key: 'name', header: t('subjects.name'), render: (s) => s.name },
          { key: 'short', header: t('subjects.shortName'), render: (s) => s.shortName },
          { key: 'area', header: t('subjects.area'), render: (s) => s.area || t('common.none') },
          { key: 'status', header: t('subjects.status'), render: (s) => (
            <span className={`badge badge--${s.archived ? 'closed' : 'active'}`}>{s.archived ? t('subjects.archived') : t('subjects.inUse')}</span>
          ) },
          ...(access.canManageCalendar ? [{ key: 'actions', header: t('common.actions'), render: (s: Subject) => (
            <div className="form-actions">
              <Button variant="link" onClick={() => setEditing(s)} aria-label={t('subjects.editTitle', { name: s.name })}>{t('common.edit')}</Button>
              <Button variant="link" onClick={() => archive.mutate({ id: s.id, version: s.version, archived: !s.archived })}
                aria-label={`${s.archived ? t('subjects.restore') : t('subjects.archive')}: ${s.name}`}>
                {s.archived ? t('subjects.restore') : t('subjects.archive')}
              </Button>
            </div>
          ) }] : []),
        ]} />
      {editing ? (
        <Dialog open onClose={() => setEditing(null)} title={t('subjects.editTitle', { name: editing.name })}>
          <SubjectForm subject={editing} onDone={() => setEditing(null)} />
        </Dialog>
      ) : null}
    </>
  );
}

function SubjectForm({ subject, onDone }: { subject?: Subject; onDone: () => void }) {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const create = useCreateSubject();
  const update = useUpdateSubject();
  const mutation = subject ? update : create;
  const err = fieldErrors(mutation.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const fields = { name: v.name ?? '', shortName: v.shortName ?? '', area: v.area ?? '' };
    if (subject) update.mutate({ id: subject.id, version: subject.version, ...fields }, { onSuccess: onDone });
    else create.mutate({ schoolId: access.schoolId, ...fields }, { onSuccess: onDone });
  };
  const form = (
    <form onSubmit={submit} aria-label={subject ? t('subjects.editTitle', { name: subject.name }) : t('subjects.add')}>
      <ProblemBanner error={mutation.error} />
      <div className="form-grid">
        <TextField label={t('subjects.name')} name="name" required maxLength={200} defaultValue={subject?.name} autoComplete="off" error={err('name')} />
        <TextField label={t('subjects.shortName')} name="shortName" required maxLength={50} defaultValue={subject?.shortName} autoComplete="off" error={err('shortName')} />
        <TextField label={t('subjects.area')} name="area" maxLength={200} defaultValue={subject?.area} autoComplete="off" error={err('area')} />
      </div>
      <FormActions>
        <Button type="submit" busy={mutation.isPending}>{subject ? t('common.save') : t('common.add')}</Button>
        <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
      </FormActions>
    </form>
  );
  return subject ? form : <Card title={t('subjects.add')}>{form}</Card>;
}
