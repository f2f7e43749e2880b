import {
  Button, Card, DataTable, Dialog, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, TextAreaField, TextField, useDates,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { type NewsInput, type NewsPost, useEditNews, useNewsList, usePublishNews, useUnpublishNews } from './useNews';

const grade = (v: string | undefined): number | null => (v === undefined || v.trim() === '' ? null : Number(v));

/** School news (R-DIA-13): the admin publishes, edits and unpublishes; the director and deputy read. */
export function NewsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const news = useNewsList(access.schoolId);
  const publish = usePublishNews(access.schoolId);
  const edit = useEditNews(access.schoolId);
  const unpublish = useUnpublishNews(access.schoolId);
  const [editing, setEditing] = useState<NewsPost | 'new' | null>(null);
  const [archiving, setArchiving] = useState<NewsPost | null>(null);
  const saving = editing === 'new' ? publish : edit;
  const err = fieldErrors(saving.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const input: NewsInput = { title: v.title ?? '', body: v.body ?? '', gradeFrom: grade(v.gradeFrom), gradeTo: grade(v.gradeTo) };
    const done = { onSuccess: () => setEditing(null) };
    if (editing === 'new') publish.mutate(input, done);
    else if (editing) edit.mutate({ id: editing.id, ...input }, done);
  };
  const current = editing !== null && editing !== 'new' ? editing : null;
  const open = (which: NewsPost | 'new') => { publish.reset(); edit.reset(); setEditing(which); };
  return (
    <>
      <PageHeader title={t('news.title')} actions={access.canWrite && editing === null ? <Button onClick={() => open('new')}>{t('news.add')}</Button> : null} />
      {editing !== null ? (
        <Card title={current ? t('news.edit') : t('news.add')}>
          <ProblemBanner error={saving.error} />
          <form onSubmit={submit} key={current?.id ?? 'new'}>
            <TextField label={t('news.postTitle')} name="title" required maxLength={200} defaultValue={current?.title} error={err('title')} wide />
            <TextAreaField label={t('news.body')} name="body" required rows={6} defaultValue={current?.body} error={err('body')} wide />
            <TextField label={t('news.gradeFrom')} name="gradeFrom" type="number" min={0} max={12} defaultValue={current?.gradeFrom ?? ''}
              hint={t('news.gradesHint')} error={err('gradeFrom')} />
            <TextField label={t('news.gradeTo')} name="gradeTo" type="number" min={0} max={12} defaultValue={current?.gradeTo ?? ''} error={err('gradeTo')} />
            <FormActions>
              <Button type="submit" busy={saving.isPending}>{current ? t('common.save') : t('news.publish')}</Button>
              <Button variant="secondary" onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            </FormActions>
          </form>
        </Card>
      ) : null}
      <ProblemBanner error={news.error ?? unpublish.error} />
      <DataTable caption={t('news.title')} captionHidden loading={news.isPending} rows={news.data} rowKey={(n) => n.id} empty={t('news.empty')}
        columns={[
          { key: 'published', header: t('news.publishedAt'), render: (n) => dates.dateTime(n.publishedAt) },
          { key: 'title', header: t('news.postTitle'), render: (n) => n.title },
          { key: 'grades', header: t('news.audience'), render: (n) => n.gradeFrom == null && n.gradeTo == null
            ? t('news.wholeSchool') : t('news.grades', { from: n.gradeFrom ?? '', to: n.gradeTo ?? '' }) },
          { key: 'author', header: t('news.author'), render: (n) => n.authorName ?? t('common.none') },
          { key: 'status', header: t('news.status'), render: (n) => n.archived
            ? <span className="badge badge--closed">{t('news.archived')}</span> : <span className="badge badge--active">{t('news.published')}</span> },
          { key: 'actions', header: t('common.actions'), render: (n) => !access.canWrite || n.archived ? null : (
            <>
              <Button variant="link" onClick={() => open(n)} aria-label={t('news.editWhat', { title: n.title })}>{t('news.edit')}</Button>{' '}
              <Button variant="link" onClick={() => setArchiving(n)} aria-label={t('news.unpublishWhat', { title: n.title })}>{t('news.unpublish')}</Button>
            </>
          ) },
        ]} />
      <Dialog open={!!archiving} onClose={() => setArchiving(null)} title={archiving ? t('news.unpublishWhat', { title: archiving.title }) : ''}
        footer={archiving ? <>
          <Button variant="secondary" onClick={() => setArchiving(null)}>{t('common.cancel')}</Button>
          <Button variant="danger" busy={unpublish.isPending} onClick={() => unpublish.mutate(archiving.id, { onSettled: () => setArchiving(null) })}>
            {t('news.unpublish')}
          </Button>
        </> : null}>
        <p>{t('news.unpublishText')}</p>
      </Dialog>
    </>
  );
}
