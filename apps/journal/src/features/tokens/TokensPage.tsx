import type { CreatedIntegrationToken, IntegrationToken } from '@otmetka/api-client';
import { INTEGRATION_SCOPES, type IntegrationScope } from '@otmetka/contracts';
import {
  Button, Card, CheckboxGroup, DataTable, Dialog, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, SecretValue, TextField, useDates,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { useCreateToken, useRevokeToken, useTokens } from './useTokens';

/** Integration tokens (R-API-02): scoped API tokens for third parties; shown once, revocable. */
export function TokensPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const tokens = useTokens(access.schoolId);
  const create = useCreateToken();
  const revoke = useRevokeToken(access.schoolId);
  const [creating, setCreating] = useState(false);
  const [scopes, setScopes] = useState<string[]>(['roster:read']);
  const [created, setCreated] = useState<CreatedIntegrationToken | null>(null);
  const [revoking, setRevoking] = useState<IntegrationToken | null>(null);
  const err = fieldErrors(create.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    create.mutate({ schoolId: access.schoolId, name: v.name ?? '', scopes: scopes as IntegrationScope[] }, { onSuccess: (tk) => { setCreated(tk); setCreating(false); } });
  };
  return (
    <>
      <PageHeader title={t('tokens.title')} actions={!creating ? <Button onClick={() => { create.reset(); setCreating(true); }}>{t('tokens.add')}</Button> : null} />
      <p className="muted">{t('tokens.intro')}</p>
      {creating ? (
        <Card title={t('tokens.add')}>
          <ProblemBanner error={create.error} />
          <form onSubmit={submit}>
            <TextField label={t('tokens.name')} name="name" required hint={t('tokens.nameHint')} error={err('name')} />
            <CheckboxGroup legend={t('tokens.scopes')} name="scopes" value={scopes} onChange={setScopes} error={err('scopes')}
              options={INTEGRATION_SCOPES.map((s) => ({ value: s, label: t(`tokens.scopeNames.${s.replace(':', '_')}`) }))} />
            <FormActions>
              <Button type="submit" busy={create.isPending} disabled={!scopes.length}>{t('common.create')}</Button>
              <Button variant="secondary" onClick={() => setCreating(false)}>{t('common.cancel')}</Button>
            </FormActions>
          </form>
        </Card>
      ) : null}
      <ProblemBanner error={tokens.error ?? revoke.error} />
      <DataTable caption={t('tokens.title')} captionHidden loading={tokens.isPending} rows={tokens.data} rowKey={(tk) => tk.id}
        columns={[
          { key: 'name', header: t('tokens.name'), render: (tk) => tk.name },
          { key: 'prefix', header: t('tokens.prefix'), render: (tk) => <code>{tk.tokenPrefix}…</code> },
          { key: 'scopes', header: t('tokens.scopes'), render: (tk) => tk.scopes.join(', ') },
          { key: 'created', header: t('tokens.createdAt'), render: (tk) => dates.dateTime(tk.createdAt) },
          { key: 'used', header: t('tokens.lastUsedAt'), render: (tk) => dates.dateTime(tk.lastUsedAt) },
          { key: 'status', header: t('tokens.status'), render: (tk) => tk.revokedAt
            ? <span className="badge badge--closed">{t('tokens.revokedAt', { date: dates.dateTime(tk.revokedAt) })}</span>
            : <span className="badge badge--active">{t('tokens.active')}</span> },
          { key: 'actions', header: t('common.actions'), render: (tk) => tk.revokedAt ? null
            : <Button variant="link" onClick={() => setRevoking(tk)} aria-label={t('tokens.revokeWho', { name: tk.name })}>{t('tokens.revoke')}</Button> },
        ]} />
      <Dialog open={!!created} onClose={() => setCreated(null)} title={t('tokens.createdTitle')} footer={<Button onClick={() => setCreated(null)}>{t('tokens.noted')}</Button>}>
        {created ? (
          <>
            <SecretValue label={t('tokens.token')} value={created.token} />
            <p className="muted">{t('tokens.once')}</p>
          </>
        ) : null}
      </Dialog>
      <Dialog open={!!revoking} onClose={() => setRevoking(null)} title={revoking ? t('tokens.revokeWho', { name: revoking.name }) : ''}
        footer={revoking ? <>
          <Button variant="secondary" onClick={() => setRevoking(null)}>{t('common.cancel')}</Button>
          <Button variant="danger" busy={revoke.isPending} onClick={() => revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) })}>{t('tokens.revoke')}</Button>
        </> : null}>
        <p>{t('tokens.revokeText')}</p>
      </Dialog>
    </>
  );
}
