import type { AuditEvent } from '@otmetka/api-client';
import { Button, DataTable, PageHeader, ProblemBanner, useDates } from '@otmetka/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { useAuditEvents, useVerifyAudit } from './useAudit';

const PAGE = 50;

function Change({ e }: { e: AuditEvent }) {
  const { t } = useTranslation();
  if (e.before === null && e.after === null) return null;
  return (
    <details>
      <summary>{t('audit.details')}</summary>
      {e.before !== null ? <><strong>{t('audit.before')}</strong><pre className="pre">{JSON.stringify(e.before, null, 2)}</pre></> : null}
      {e.after !== null ? <><strong>{t('audit.after')}</strong><pre className="pre">{JSON.stringify(e.after, null, 2)}</pre></> : null}
    </details>
  );
}

/** The school's audit log (R-AUD-01/02): recent events and a check of the hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const [offset, setOffset] = useState(0);
  const events = useAuditEvents(access.schoolId, { limit: PAGE, offset });
  const verify = useVerifyAudit();
  const total = events.data?.total ?? 0;
  // Actions are "entity.verb" (student.card.read, movement.enrol): a specific name when known, else the verb's.
  const actionName = (action: string) => t(`audit.actions.${action.replace(/\./g, '_')}`, {
    defaultValue: t(`audit.verbs.${action.split('.').at(-1)}`, { defaultValue: action }),
  });
  return (
    <>
      <PageHeader title={t('audit.title')} actions={<Button busy={verify.isPending} onClick={() => verify.mutate(access.schoolId)}>{t('audit.verify')}</Button>} />
      <ProblemBanner error={verify.error ?? events.error} />
      {verify.data ? (
        <div className={`banner ${verify.data.ok ? 'banner--ok' : 'banner--error'}`} role="status">
          <p className="banner__title">{verify.data.ok ? t('audit.chainOk', { count: verify.data.checked }) : t('audit.chainBroken', { seq: verify.data.firstBrokenSeq })}</p>
          {verify.data.problem ? <p>{verify.data.problem}</p> : null}
        </div>
      ) : null}
      <DataTable caption={t('audit.recent')} loading={events.isPending} rows={events.data?.items} rowKey={(e) => String(e.seq)}
        columns={[
          { key: 'seq', header: '№', className: 'num', render: (e) => e.seq },
          { key: 'at', header: t('audit.time'), render: (e) => dates.dateTime(e.occurredAt) },
          { key: 'role', header: t('audit.role'), render: (e) => e.actorRole ? t(`roles.${e.actorRole}`, { defaultValue: e.actorRole }) : t('common.none') },
          { key: 'action', header: t('audit.action'), render: (e) => actionName(e.action) },
          { key: 'entity', header: t('audit.entity'), render: (e) => <>{t(`audit.entities.${e.entity}`, { defaultValue: e.entity })} <code className="muted" title={e.entityId}>…{e.entityId.slice(-6)}</code></> },
          { key: 'reason', header: t('common.reason'), render: (e) => e.reason ?? '' },
          { key: 'change', header: t('audit.change'), render: (e) => <Change e={e} /> },
        ]} />
      {total > PAGE ? (
        <nav className="form-actions" aria-label={t('common.pages')}>
          <Button variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('common.prev')}</Button>
          <span className="muted">{t('common.range', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}</span>
          <Button variant="secondary" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>{t('common.next')}</Button>
        </nav>
      ) : null}
    </>
  );
}
