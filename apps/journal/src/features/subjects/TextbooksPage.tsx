import {
  Button, Card, DataTable, Dialog, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, SelectField, TextField,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { gradeRange, GRADES, numberOptions, useCurriculumAccess, type Textbook } from './curriculum';
import { useSubjects } from './useSubjects';
import { useCreateTextbook, useDeleteTextbook, useTextbooks, useUpdateTextbook } from './useTextbooks';

/** Textbooks per subject and grade range (R-CUR-10); the inspector warns about a planned subject without one. */
export function TextbooksPage() {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const [subjectId, setSubjectId] = useState('');
  const subjects = useSubjects(access.schoolId);
  const books = useTextbooks(access.schoolId, subjectId || undefined);
  const remove = useDeleteTextbook();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Textbook | null>(null);

  return (
    <>
      <PageHeader title={t('textbooks.title')}
        actions={access.canManageCalendar && !adding ? <Button onClick={() => setAdding(true)}>{t('textbooks.add')}</Button> : null} />
      {adding ? <Card title={t('textbooks.add')}><TextbookForm onDone={() => setAdding(false)} /></Card> : null}
      <div className="toolbar">
        <SelectField label={t('textbooks.subject')} name="subjectFilter" value={subjectId} onChange={(e) => setSubjectId(e.target.value)}
          placeholder={t('textbooks.allSubjects')} options={(subjects.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
      </div>
      <ProblemBanner error={books.error ?? remove.error} />
      <DataTable caption={t('textbooks.title')} captionHidden loading={books.isPending} rows={books.data} rowKey={(b) => b.id}
        columns={[
          { key: 'title', header: t('textbooks.bookTitle'), render: (b) => b.title },
          { key: 'subject', header: t('textbooks.subject'), render: (b) => b.subjectName },
          { key: 'grades', header: t('textbooks.grades'), render: (b) => gradeRange(t, b.gradeFrom, b.gradeTo) },
          { key: 'authors', header: t('textbooks.authors'), render: (b) => b.authors || t('common.none') },
          { key: 'publisher', header: t('textbooks.publisher'), render: (b) => [b.publisher, b.year].filter(Boolean).join(', ') || t('common.none') },
          ...(access.canManageCalendar ? [{ key: 'actions', header: t('common.actions'), render: (b: Textbook) => (
            <div className="form-actions">
              <Button variant="link" onClick={() => setEditing(b)} aria-label={`${t('common.edit')}: ${b.title}`}>{t('common.edit')}</Button>
              <Button variant="link" onClick={() => { if (window.confirm(t('textbooks.confirmDelete', { title: b.title }))) remove.mutate(b); }}
                aria-label={`${t('common.delete')}: ${b.title}`}>{t('common.delete')}</Button>
            </div>
          ) }] : []),
        ]} />
      {editing ? (
        <Dialog open onClose={() => setEditing(null)} title={t('textbooks.editTitle')}>
          <TextbookForm book={editing} onDone={() => setEditing(null)} />
        </Dialog>
      ) : null}
    </>
  );
}

function TextbookForm({ book, onDone }: { book?: Textbook; onDone: () => void }) {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const subjects = useSubjects(access.schoolId);
  const create = useCreateTextbook();
  const update = useUpdateTextbook();
  const mutation = book ? update : create;
  const err = fieldErrors(mutation.error);
  const grades = numberOptions(GRADES);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const fields = { subjectId: v.subjectId ?? '', title: v.title ?? '', authors: v.authors ?? '', publisher: v.publisher ?? '',
      gradeFrom: Number(v.gradeFrom), gradeTo: Number(v.gradeTo) };
    if (book) update.mutate({ id: book.id, version: book.version, ...fields, year: v.year ? Number(v.year) : null }, { onSuccess: onDone });
    else create.mutate({ schoolId: access.schoolId, ...fields, year: v.year ? Number(v.year) : undefined }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} aria-label={book ? t('textbooks.editTitle') : t('textbooks.add')}>
      <ProblemBanner error={mutation.error} />
      <div className="form-grid">
        <SelectField label={t('textbooks.subject')} name="subjectId" required defaultValue={book?.subjectId ?? ''} placeholder={t('common.choose')}
          options={(subjects.data ?? []).map((s) => ({ value: s.id, label: s.name }))} error={err('subjectId')} />
        <TextField label={t('textbooks.bookTitle')} name="title" required maxLength={300} defaultValue={book?.title} wide error={err('title')} />
        <TextField label={t('textbooks.authors')} name="authors" maxLength={500} defaultValue={book?.authors} error={err('authors')} />
        <TextField label={t('textbooks.publisher')} name="publisher" maxLength={200} defaultValue={book?.publisher} error={err('publisher')} />
        <TextField label={t('textbooks.year')} name="year" type="number" min={1950} max={2100} defaultValue={book?.year ?? ''} error={err('year')} />
        <SelectField label={t('cur.gradeFrom')} name="gradeFrom" required defaultValue={String(book?.gradeFrom ?? '')} placeholder={t('common.choose')}
          options={grades} error={err('gradeFrom')} />
        <SelectField label={t('cur.gradeTo')} name="gradeTo" required defaultValue={String(book?.gradeTo ?? '')} placeholder={t('common.choose')}
          options={grades} error={err('gradeTo')} />
      </div>
      <FormActions>
        <Button type="submit" busy={mutation.isPending}>{book ? t('common.save') : t('common.add')}</Button>
        <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
      </FormActions>
    </form>
  );
}
