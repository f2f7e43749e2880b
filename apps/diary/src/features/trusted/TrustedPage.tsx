import { unwrap, type Fixed, type Schemas } from '@otmetka/api-client';
import {
  Button, Card, Dialog, FormActions, Loading, PageHeader, ProblemBanner, SecretValue, TextField, fieldErrors, formValues, useApi, useDates,
} from '@otmetka/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChildSwitch } from '../home/ChildSwitch';
import { useChildren } from '../home/useChild';

type Person = Fixed<Schemas['InterestedPersonView']>;
type Created = Fixed<Schemas['CreatedInterestedPersonView']>;

/** Доверенные лица (parents only): the child's interested persons; add one (credentials shown once), revoke. */
export function TrustedPage() {
  const { t } = useTranslation();
  const api = useApi();
  const qc = useQueryClient();
  const dates = useDates();
  const { current, isPending } = useChildren();
  const id = current?.studentId;
  const isParent = current?.relation === 'parent';
  const key = ['diary', 'interested', id];
  const list = useQuery({
    queryKey: key,
    queryFn: async () => (await unwrap(api.GET('/api/v1/diary/students/{id}/interested-persons', { params: { path: { id: id! } } }))) as unknown as Person[],
    enabled: !!id && isParent,
  });
  const [created, setCreated] = useState<Created | null>(null);
  const add = useMutation({
    mutationFn: async (body: Record<string, string>) =>
      (await unwrap(api.POST('/api/v1/diary/students/{id}/interested-persons', { params: { path: { id: id! } }, body: body as never }))) as unknown as Created,
    onSuccess: (p) => { setCreated(p); void qc.invalidateQueries({ queryKey: key }); },
  });
  const revoke = useMutation({
    mutationFn: async (personId: string) => unwrap(api.POST('/api/v1/diary/interested-persons/{id}/revoke', { params: { path: { id: personId } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
  const errors = fieldErrors(add.error);

  return (
    <div className="diary">
      <PageHeader title={t('trusted.title')} />
      <ChildSwitch />
      {isPending ? <Loading /> : !current ? <Card><p>{t('home.noChildren')}</p></Card> : !isParent ? <Card><p>{t('trusted.parentsOnly')}</p></Card> : (
        <>
          <p className="muted">{t('trusted.intro', { name: current.name })}</p>
          {list.isPending ? <Loading /> : list.error ? <ProblemBanner error={list.error} /> : list.data!.length === 0 ? (
            <Card><p className="muted">{t('trusted.empty')}</p></Card>
          ) : (
            <ul className="teacher-list">
              {list.data!.map((p) => (
                <li key={p.id} className="card">
                  <h2 className="teacher-list__subject">{p.fullName}</h2>
                  <p className="muted">
                    {p.contact ? `${p.contact} · ` : ''}
                    {p.active ? (p.validUntil ? t('trusted.until', { date: dates.date(p.validUntil) }) : t('trusted.open')) : t('trusted.inactive')}
                    {p.login ? ` · ${t('trusted.login')}: ${p.login}` : ''}
                  </p>
                  {p.active ? (
                    <Button variant="danger" busy={revoke.isPending && revoke.variables === p.id}
                      onClick={() => { if (window.confirm(t('trusted.confirmRevoke', { name: p.fullName }))) revoke.mutate(p.id); }}
                      aria-label={t('trusted.revokeWho', { name: p.fullName })}>{t('trusted.revoke')}</Button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {revoke.error ? <ProblemBanner error={revoke.error} /> : null}
          <form className="card" onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            add.mutate(formValues(form), { onSuccess: () => form.reset() });
          }}>
            <h2>{t('trusted.add')}</h2>
            {add.error && !['lastName', 'firstName', 'contact', 'validUntil'].some((f) => errors(f)) ? <ProblemBanner error={add.error} /> : null}
            <TextField label={t('trusted.lastName')} name="lastName" required maxLength={100} error={errors('lastName')} />
            <TextField label={t('trusted.firstName')} name="firstName" required maxLength={100} error={errors('firstName')} />
            <TextField label={t('trusted.middleName')} name="middleName" maxLength={100} error={errors('middleName')} />
            <TextField label={t('trusted.contact')} name="contact" maxLength={200} error={errors('contact')} />
            <TextField label={t('trusted.validUntil')} name="validUntil" type="date" error={errors('validUntil')} hint={t('trusted.validUntilHint')} />
            <FormActions><Button type="submit" busy={add.isPending}>{t('trusted.addButton')}</Button></FormActions>
          </form>
          <Dialog open={!!created} onClose={() => setCreated(null)} title={t('trusted.createdTitle')}
            footer={<Button onClick={() => setCreated(null)}>{t('common.close')}</Button>}>
            {created ? (
              <>
                <p>{t('trusted.createdText', { name: created.fullName })}</p>
                <SecretValue label={t('trusted.login')} value={created.login ?? ''} />
                <SecretValue label={t('trusted.password')} value={created.initialPassword} />
              </>
            ) : null}
          </Dialog>
        </>
      )}
    </div>
  );
}
