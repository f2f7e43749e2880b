import {
  Button, Card, CheckboxField, DataTable, Dialog, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, TextField,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurriculumAccess, type Room } from '../subjects/curriculum';
import { useCreateRoom, useRooms, useUpdateRoom } from './useRooms';

/** Rooms (R-CUR-10): list, add, edit, archive (rooms are never deleted: old timetables refer to them). */
export function RoomsPage() {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const [showArchived, setShowArchived] = useState(false);
  const rooms = useRooms(access.schoolId, showArchived);
  const archive = useUpdateRoom();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Room | null>(null);

  return (
    <>
      <PageHeader title={t('rooms.title')} actions={access.canManageCalendar && !adding ? <Button onClick={() => setAdding(true)}>{t('rooms.add')}</Button> : null} />
      {adding ? <Card title={t('rooms.add')}><RoomForm onDone={() => setAdding(false)} /></Card> : null}
      <div className="toolbar">
        <CheckboxField label={t('rooms.showArchived')} name="showArchived" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
      </div>
      <ProblemBanner error={rooms.error ?? archive.error} />
      <DataTable caption={t('rooms.title')} captionHidden loading={rooms.isPending} rows={rooms.data} rowKey={(r) => r.id}
        columns={[
          { key: 'name', header: t('rooms.name'), render: (r) => r.name },
          { key: 'capacity', header: t('rooms.capacity'), className: 'num', render: (r) => r.capacity ?? t('common.none') },
          { key: 'note', header: t('rooms.note'), render: (r) => r.note || t('common.none') },
          { key: 'status', header: t('rooms.status'), render: (r) => (
            <span className={`badge badge--${r.archived ? 'closed' : 'active'}`}>{r.archived ? t('rooms.archived') : t('rooms.inUse')}</span>
          ) },
          ...(access.canManageCalendar ? [{ key: 'actions', header: t('common.actions'), render: (r: Room) => (
            <div className="form-actions">
              <Button variant="link" onClick={() => setEditing(r)} aria-label={`${t('common.edit')}: ${r.name}`}>{t('common.edit')}</Button>
              <Button variant="link" onClick={() => archive.mutate({ id: r.id, version: r.version, archived: !r.archived })}
                aria-label={`${r.archived ? t('rooms.restore') : t('rooms.archive')}: ${r.name}`}>
                {r.archived ? t('rooms.restore') : t('rooms.archive')}
              </Button>
            </div>
          ) }] : []),
        ]} />
      {editing ? (
        <Dialog open onClose={() => setEditing(null)} title={t('rooms.editTitle', { name: editing.name })}>
          <RoomForm room={editing} onDone={() => setEditing(null)} />
        </Dialog>
      ) : null}
    </>
  );
}

function RoomForm({ room, onDone }: { room?: Room; onDone: () => void }) {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const create = useCreateRoom();
  const update = useUpdateRoom();
  const mutation = room ? update : create;
  const err = fieldErrors(mutation.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    if (room) {
      update.mutate({ id: room.id, version: room.version, name: v.name, capacity: v.capacity ? Number(v.capacity) : null, note: v.note ?? null }, { onSuccess: onDone });
    } else {
      create.mutate({ schoolId: access.schoolId, name: v.name ?? '', capacity: v.capacity ? Number(v.capacity) : undefined, note: v.note }, { onSuccess: onDone });
    }
  };
  return (
    <form onSubmit={submit} aria-label={room ? t('rooms.editTitle', { name: room.name }) : t('rooms.add')}>
      <ProblemBanner error={mutation.error} />
      <div className="form-grid">
        <TextField label={t('rooms.name')} name="name" required maxLength={100} defaultValue={room?.name} hint={t('rooms.nameHint')} autoComplete="off" error={err('name')} />
        <TextField label={t('rooms.capacity')} name="capacity" type="number" min={1} max={1000} defaultValue={room?.capacity ?? ''} error={err('capacity')} />
        <TextField label={t('rooms.note')} name="note" maxLength={500} defaultValue={room?.note ?? ''} wide error={err('note')} />
      </div>
      <FormActions>
        <Button type="submit" busy={mutation.isPending}>{room ? t('common.save') : t('common.add')}</Button>
        <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
      </FormActions>
    </form>
  );
}
