import { Button, Card, FormActions, Loading, PageHeader, ProblemBanner, TextAreaField, TextField, fieldErrors, formValues, useDates, MESSAGE_MAX_FILES, useDownloadMessageAttachment, useMessageReply, useMessageThread } from '@otmetka/ui';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useChildren } from '../home/useChild';
import { useTeachers } from '../teachers/useTeachers';
import { useCreateThread, useThreads } from './useMessages';

/** Сообщения: the caller's threads, newest first, with unread counts. */
export function ThreadsPage() {
  const { t } = useTranslation();
  const dates = useDates();
  const threads = useThreads(undefined);
  return (
    <div className="diary">
      <PageHeader title={t('messages.title')} actions={<Link className="btn btn--primary" to="/teachers">{t('messages.new')}</Link>} />
      {threads.isPending ? <Loading /> : threads.error ? <ProblemBanner error={threads.error} /> : threads.data!.items.length === 0 ? (
        <Card><p className="muted">{t('messages.empty')}</p></Card>
      ) : (
        <ul className="threads">
          {threads.data!.items.map((th) => (
            <li key={th.id}>
              <Link to={`/messages/${th.id}`} className={`card thread-item${th.unread ? ' thread-item--unread' : ''}`}>
                <span className="thread-item__subject">{th.subject}</span>
                {th.unread ? <span className="badge" aria-label={t('messages.unreadN', { count: th.unread })}>{th.unread}</span> : null}
                <span className="thread-item__meta muted">
                  {th.mySide === 'family' ? th.teacherName : th.familyName} · {th.studentName} · {dates.dateTime(th.lastMessageAt)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One thread: messages (read marks) and a reply form. */
export function ThreadPage() {
  const { t } = useTranslation();
  const dates = useDates();
  const { id } = useParams();
  const thread = useMessageThread(id);
  const reply = useMessageReply(id ?? '');
  const download = useDownloadMessageAttachment(id ?? '');
  const errors = fieldErrors(reply.error);
  const th = thread.data;
  return (
    <div className="diary">
      <p><Link to="/messages">← {t('messages.title')}</Link></p>
      {thread.isPending ? <Loading /> : thread.error ? <ProblemBanner error={thread.error} /> : th ? (
        <>
          <PageHeader title={th.subject}>
            <p className="muted">{th.mySide === 'family' ? t('messages.withTeacher', { name: th.teacherName }) : th.familyName} · {th.studentName}{th.className ? ` (${th.className})` : ''}</p>
          </PageHeader>
          <ol className="messages" aria-label={t('messages.history')}>
            {th.messages.map((m) => (
              <li key={m.id} className={`message${m.mine ? ' message--mine' : ''}`}>
                <div className="message__head muted">{m.authorName} · {dates.dateTime(m.createdAt)}{m.mine && m.readAt ? ` · ${t('messages.read')}` : ''}</div>
                <p className="message__text">{m.text}</p>
                {m.attachments.length ? (
                  <ul className="message__files">
                    {m.attachments.map((a) => (
                      <li key={a.id}>
                        <button type="button" className="link-btn" onClick={() => download.mutate(a)} aria-label={t('messages.download', { name: a.fileName })}>
                          {a.fileName}
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
          <form className="card" onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            reply.mutate({ text: formValues(form).text ?? '', files: chosenFiles(form) }, { onSuccess: () => form.reset() });
          }}>
            {reply.error && !errors('text') && !errors('files') ? <ProblemBanner error={reply.error} /> : null}
            {download.error ? <ProblemBanner error={download.error} /> : null}
            <TextAreaField label={t('messages.reply')} name="text" required maxLength={5000} rows={4} error={errors('text')} />
            <FilesField error={errors('files')} />
            <FormActions><Button type="submit" busy={reply.isPending}>{t('messages.send')}</Button></FormActions>
          </form>
        </>
      ) : null}
    </div>
  );
}

/** A new thread to a teacher of the child (from Учителя → Написать). */
export function NewThreadPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { children } = useChildren();
  const studentId = params.get('studentId') ?? '';
  const teacherId = params.get('teacherId') ?? '';
  const child = children.find((c) => c.studentId === studentId);
  const teachers = useTeachers(studentId || undefined);
  const create = useCreateThread();
  const errors = fieldErrors(create.error);
  const all = [
    ...(teachers.data?.classTeacher ? [teachers.data.classTeacher] : []),
    ...(teachers.data?.subjects.flatMap((s) => s.teachers) ?? []),
  ];
  const teacherName = all.find((p) => p.personId === teacherId)?.fullName;

  return (
    <div className="diary">
      <PageHeader title={t('messages.newTitle')}>
        {teacherName ? <p className="muted" data-testid="recipient">{t('messages.to', { name: teacherName })}{child ? ` · ${child.name}` : ''}</p> : null}
      </PageHeader>
      {!studentId || !teacherId ? <Card><p>{t('messages.pickTeacher')} <Link to="/teachers">{t('teachers.title')}</Link></p></Card> : (
        <form className="card" onSubmit={(e) => {
          e.preventDefault();
          const v = formValues(e.currentTarget);
          create.mutate({ studentId, teacherId, subject: v.subject ?? '', text: v.text ?? '', files: chosenFiles(e.currentTarget) }, {
            onSuccess: (th) => void navigate(`/messages/${th.id}`, { replace: true }),
          });
        }}>
          {create.error && !errors('subject') && !errors('text') && !errors('files') ? <ProblemBanner error={create.error} /> : null}
          <TextField label={t('messages.subject')} name="subject" required maxLength={200} defaultValue={params.get('subject') ?? ''} error={errors('subject')} />
          <TextAreaField label={t('messages.text')} name="text" required maxLength={5000} rows={6} error={errors('text')} />
          <FilesField error={errors('files')} />
          <FormActions>
            <Button type="submit" busy={create.isPending}>{t('messages.send')}</Button>
            <Link className="btn btn--secondary" to="/teachers">{t('common.cancel')}</Link>
          </FormActions>
        </form>
      )}
    </div>
  );
}

/** The files picked in a message form's `files` input. */
function chosenFiles(form: HTMLFormElement): File[] {
  const input = form.elements.namedItem('files');
  return input instanceof HTMLInputElement && input.files ? [...input.files] : [];
}

/** R-DIA-11: up to 5 attachments with the homework limits (10 MB each). */
function FilesField({ error }: { error?: string | null }) {
  const { t } = useTranslation();
  return <TextField label={t('messages.files')} name="files" type="file" multiple hint={t('messages.filesHint', { count: MESSAGE_MAX_FILES })} error={error} />;
}
