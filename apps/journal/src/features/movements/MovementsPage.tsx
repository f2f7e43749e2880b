import { MOVEMENT_KINDS } from '@otmetka/contracts';
import { Button, Card, DataTable, fieldErrors, FormActions, formValues, PageHeader, ProblemBanner, SelectField, TextField, useDates } from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAccess } from '../../lib/access';
import { useYearChoice, YearSelect } from '../classes/ClassesPage';
import { useClasses } from '../classes/useClasses';
import { StudentPicker } from '../students/StudentPicker';
import { useMovements, useRecordMovement, type MovementInput } from './useMovements';

/** Student movements (R-ROS-08): the dated, ordered history; record a transfer within the school, a transfer out, an expulsion or an enrolment. */
export function MovementsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const movements = useMovements(access.schoolId);
  const [recording, setRecording] = useState(false);
  const rows = movements.data ? [...movements.data].sort((a, b) => b.occurredOn.localeCompare(a.occurredOn)) : undefined;
  return (
    <>
      <PageHeader title={t('movements.title')} actions={access.canWrite && !recording ? <Button onClick={() => setRecording(true)}>{t('movements.record')}</Button> : null} />
      {recording ? <RecordMovementForm onDone={() => setRecording(false)} /> : null}
      <ProblemBanner error={movements.error} />
      <DataTable caption={t('movements.title')} captionHidden loading={movements.isPending} rows={rows} rowKey={(m) => m.id}
        columns={[
          { key: 'date', header: t('movements.date'), render: (m) => dates.date(m.occurredOn) },
          { key: 'student', header: t('movements.student'), render: (m) => <Link to={`/students/${m.studentId}`}>{m.studentName}</Link> },
          { key: 'kind', header: t('movements.kind'), render: (m) => t(`movements.kinds.${m.kind}`, { defaultValue: m.kind }) },
          { key: 'from', header: t('movements.fromClass'), render: (m) => m.fromClassName ?? t('common.none') },
          { key: 'to', header: t('movements.to'), render: (m) => m.toClassName ?? m.destination ?? t('common.none') },
          { key: 'order', header: t('common.orderNumber'), render: (m) => m.orderNumber },
          { key: 'reason', header: t('common.reason'), render: (m) => m.reason ?? '' },
        ]} />
    </>
  );
}

function RecordMovementForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const record = useRecordMovement(access.schoolId);
  const [kind, setKind] = useState<MovementInput['kind']>('transfer_within');
  const [studentId, setStudentId] = useState('');
  const [yearId, setYearId] = useYearChoice();
  const classes = useClasses(access.schoolId, yearId || undefined);
  const err = fieldErrors(record.error);
  const needsClass = kind === 'enrol' || kind === 'transfer_within';
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    record.mutate({ studentId, kind, date: v.date ?? '', orderNumber: v.orderNumber ?? '', toClassId: needsClass ? v.toClassId : undefined,
      destination: kind === 'transfer_out' ? v.destination : undefined, reason: v.reason }, { onSuccess: onDone });
  };
  return (
    <Card title={t('movements.record')}>
      <ProblemBanner error={record.error} />
      <form onSubmit={submit} aria-label={t('movements.record')}>
        <SelectField label={t('movements.kind')} name="kind" value={kind} onChange={(e) => setKind(e.target.value as MovementInput['kind'])}
          options={MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`movements.kinds.${k}`) }))} error={err('kind')} />
        <StudentPicker value={studentId} onChange={(id) => setStudentId(id)} required error={err('studentId')} />
        <div className="form-grid">
          <TextField label={t('movements.date')} name="date" type="date" required defaultValue={dates.today()} error={err('date')} />
          <TextField label={t('common.orderNumber')} name="orderNumber" required error={err('orderNumber')} />
          {needsClass ? (
            <>
              <YearSelect value={yearId} onChange={setYearId} />
              <SelectField label={t('movements.toClass')} name="toClassId" required placeholder={t('common.choose')}
                options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} error={err('toClassId')} />
            </>
          ) : null}
          {kind === 'transfer_out' ? <TextField wide label={t('movements.destination')} name="destination" required error={err('destination')} /> : null}
          <TextField wide label={t('common.reason')} name="reason" error={err('reason')} />
        </div>
        <FormActions>
          <Button type="submit" busy={record.isPending} disabled={!studentId}>{t('movements.recordSubmit')}</Button>
          <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Card>
  );
}
