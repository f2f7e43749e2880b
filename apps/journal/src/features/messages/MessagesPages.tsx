import { Button, Card, DataTable, FormActions, Loading, PageHeader, ProblemBanner, TextAreaField, TextField, fieldErrors, formValues, useDates, MESSAGE_MAX_FILES, useDownloadMessageAttachment, useMessageReply, useMessageThread, useUnreadMessages } from '@otmetka/ui';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { useOverdue, useThreads, type OverdueThread, type ThreadSummary } from './useMessages';
import './messages.css';

/** R-DIA-11: overdue threads are for the school's readers (deputy, director, admin, operator), as the API decides. */
function useSeesOverdue(): boolean {
  return useAccess().canRead;
}

/** The menu label: "Сообщения", with the unread count (polled every minute). */
export function useMessagesNavLabel(): string {
  const { t } = useTranslation();
  const unread = useUnreadMessages().data?.messages ?? 0;
  return unread ? t('messages.navUnread', { count: unread }) : t('messages.nav');
}

function Header() {
  const { t } = useTranslation();
  const unread = useUnreadMessages().data;
  const seesOverdue = useSeesOverdue();
  return (
    <>
      <PageHeader title={t('messages.title')}>
        <p className="muted" data-testid="unread-count">
          {unread ? (unread.messages ? t('messages.unreadTotal', { count: unread.messages }) : t('messages.allRead')) : '\u00a0'}
        </p>
      </PageHeader>
      {seesOverdue ? (
        <nav aria-label={t('messages.sections')}>
          <ul className="msg-tabs">
            <li><NavLink to="/messages" end>{t('messages.mine')}</NavLink></li>
            <li><NavLink to="/messages/overdue">{t('messages.overdueTitle')}</NavLink></li>
          </ul>
        </nav>
      ) : null}
    </>
  );
}

/** Сообщения: the threads addressed to the signed-in teacher, newest first, with unread marks and the reply deadline. */
export function ThreadsPage() {
  const { t } = useTranslation();
  const dates = useDates();
  const access = useAccess();
  const threads = useThreads(access.schoolId);
  const status = (th: ThreadSummary) => th.overdue
    ? <span className="badge badge--bad">{t('messages.overdue')}</span>
    : th.awaitingReplySince ? <span className="badge badge--planned">{t('messages.awaiting')}</span> : <span className="badge">{t('messages.answered')}</span>;
  return (
    <>
      <Header />
      <ProblemBanner error={threads.error} />
      <DataTable<ThreadSummary> caption={t('messages.listCaption')} captionHidden loading={threads.isPending} rows={threads.data?.items}
        rowKey={(th) => th.id} empty={t('messages.empty')} columns={[
          { key: 'subject', header: t('messages.subject'), render: (th) => (
            <>
              <Link to={`/messages/${th.id}`} className={`msg-subject${th.unread ? ' msg-subject--unread' : ''}`}>{th.subject}</Link>
              {th.unread ? <span className="badge badge--planned msg-badge-gap" aria-label={t('messages.unreadN', { count: th.unread })}>{th.unread}</span> : null}
            </>
          ) },
          { key: 'student', header: t('messages.student'), render: (th) => `${th.studentName}${th.className ? ` (${th.className})` : ''}` },
          { key: 'family', header: t('messages.family'), render: (th) => `${th.familyName}, ${t(`messages.roles.${th.familyRole}`, { defaultValue: th.familyRole })}` },
          { key: 'last', header: t('messages.lastMessage'), render: (th) => (
            <>
              <span className="msg-when">{dates.dateTime(th.lastMessageAt)}</span>
              {th.lastMessagePreview ? <span className="msg-preview muted">{th.lastMessagePreview}</span> : null}
            </>
          ) },
          { key: 'due', header: t('messages.replyDue'), render: (th) => (th.replyDueOn ? dates.date(th.replyDueOn) : '—') },
          { key: 'status', header: t('messages.status'), render: status },
        ]} />
      {threads.data && threads.data.total > threads.data.items.length ? <p className="muted">{t('messages.more', { shown: threads.data.items.length, total: threads.data.total })}</p> : null}
    </>
  );
}

/** Просроченные ответы: family messages unanswered past 2 working days, for the deputy (the correspondence itself stays private). */
export function OverduePage() {
  const { t } = useTranslation();
  const dates = useDates();
  const access = useAccess();
  const seesOverdue = useSeesOverdue();
  const overdue = useOverdue(access.schoolId, seesOverdue);
  return (
    <>
      <Header />
      {!seesOverdue ? <p>{t('messages.overdueNoAccess')}</p> : (
        <>
          <p className="muted">{t('messages.overdueHint')}</p>
          <ProblemBanner error={overdue.error} />
          <DataTable<OverdueThread> caption={t('messages.overdueTitle')} captionHidden loading={overdue.isPending} rows={overdue.data}
            rowKey={(o) => o.id} empty={t('messages.overdueEmpty')} columns={[
              { key: 'teacher', header: t('messages.teacher'), render: (o) => o.teacherName },
              { key: 'student', header: t('messages.student'), render: (o) => `${o.studentName}${o.className ? ` (${o.className})` : ''}` },
              { key: 'family', header: t('messages.family'), render: (o) => `${o.familyName}, ${t(`messages.roles.${o.familyRole}`, { defaultValue: o.familyRole })}` },
              { key: 'since', header: t('messages.waitingSince'), render: (o) => dates.dateTime(o.awaitingReplySince) },
              { key: 'due', header: t('messages.replyDue'), render: (o) => <span className="badge badge--bad">{dates.date(o.replyDueOn)}</span> },
            ]} />
        </>
      )}
    </>
  );
}

/** One thread: the messages (opening marks them read), attachments, and the reply form with optional files. */
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
    <>
      <p><Link to="/messages">← {t('messages.title')}</Link></p>
      {thread.isPending ? <Loading /> : thread.error ? <ProblemBanner error={thread.error} /> : th ? (
        <>
          <PageHeader title={th.subject}>
            <p className="muted">
              {th.familyName}, {t(`messages.roles.${th.familyRole}`, { defaultValue: th.familyRole })} · {t('messages.aboutStudent', { name: th.studentName })}
              {th.className ? ` (${th.className})` : ''}
              {th.mySide === 'family' ? ` · ${t('messages.teacherIs', { name: th.teacherName })}` : ''}
            </p>
            {th.replyDueOn ? (
              <p>
                {th.overdue ? <span className="badge badge--bad">{t('messages.overdue')}</span> : null}{' '}
                {t('messages.replyDueOn', { date: dates.date(th.replyDueOn) })}
              </p>
            ) : null}
          </PageHeader>
          <ol className="msg-list" aria-label={t('messages.history')}>
            {th.messages.map((m) => (
              <li key={m.id} className={`msg-item${m.mine ? ' msg-item--mine' : ''}`}>
                <div className="msg-item__head muted">{m.authorName} · {dates.dateTime(m.createdAt)}{m.mine && m.readAt ? ` · ${t('messages.read')}` : ''}</div>
                <p className="msg-item__text">{m.text}</p>
                {m.attachments.length ? (
                  <ul className="msg-item__files">
                    {m.attachments.map((a) => (
                      <li key={a.id}>
                        <button type="button" className="msg-link-btn" onClick={() => download.mutate(a)} aria-label={t('messages.download', { name: a.fileName })}>
                          {a.fileName}
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
          <Card>
            <form className="msg-reply" onSubmit={(e) => {
              e.preventDefault();
              const form = e.currentTarget;
              reply.mutate({ text: formValues(form).text ?? '', files: chosenFiles(form) }, { onSuccess: () => form.reset() });
            }}>
              {reply.error && !errors('text') && !errors('files') ? <ProblemBanner error={reply.error} /> : null}
              {download.error ? <ProblemBanner error={download.error} /> : null}
              <TextAreaField label={t('messages.reply')} name="text" required maxLength={5000} rows={4} error={errors('text')} />
              <TextField label={t('messages.files')} name="files" type="file" multiple hint={t('messages.filesHint', { count: MESSAGE_MAX_FILES })} error={errors('files')} />
              <FormActions><Button type="submit" busy={reply.isPending}>{t('messages.send')}</Button></FormActions>
            </form>
          </Card>
        </>
      ) : null}
    </>
  );
}

/** The files picked in the form's `files` input. */
function chosenFiles(form: HTMLFormElement): File[] {
  const input = form.elements.namedItem('files');
  return input instanceof HTMLInputElement && input.files ? [...input.files] : [];
}
