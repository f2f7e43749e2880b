import type { AcademicYear } from '@otmetka/api-client';
import {
  Button, Card, CheckboxGroup, DataTable, Dialog, fieldErrors, FormActions, formValues, Notice, PageHeader, ProblemBanner, SelectField, TextField, useDates,
} from '@otmetka/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useYearChoice, YearSelect } from '../classes/ClassesPage';
import {
  gradeRange, GRADES, numberOptions, useCurriculumAccess, WEEKDAYS, type BellSchedule, type BellSlot, type Holiday, type WorkingMode,
} from '../subjects/curriculum';
import { useYears } from '../years/useYears';
import {
  useBellSchedules, useDeleteBellSchedule, useDeleteHoliday, useHolidays, useReplaceWorkingModes, useSaveBellSchedule, useSaveHoliday, useWorkingModes,
} from './useCalendar';

/** Working mode (R-CUR-07): 5/6-day week per grade range, the bell schedules, holidays and vacations of a year. */
export function CalendarPage() {
  const { t } = useTranslation();
  const access = useCurriculumAccess();
  const [yearId, setYearId] = useYearChoice();
  const years = useYears(access.schoolId);
  const year = years.data?.find((y) => y.id === yearId);
  const writable = access.canManageCalendar && !!year && year.status !== 'closed';

  return (
    <>
      <PageHeader title={t('calendar.title')}>
        <p className="muted">{t('calendar.intro')}</p>
      </PageHeader>
      <div className="toolbar"><YearSelect value={yearId} onChange={setYearId} /></div>
      {year ? (
        <>
          <WorkingModesCard year={year} writable={writable} />
          <BellsCard year={year} writable={writable} />
          <HolidaysCard year={year} writable={writable} />
        </>
      ) : null}
    </>
  );
}

// ---- Working mode ----

function WorkingModesCard({ year, writable }: { year: AcademicYear; writable: boolean }) {
  const { t } = useTranslation();
  const modes = useWorkingModes(year.id);
  return (
    <Card title={t('calendar.modes')}>
      <ProblemBanner error={modes.error} />
      {modes.isPending ? <p className="muted" role="status">{t('common.loading')}</p> : null}
      {modes.data && writable ? <ModesEditor key={year.id} year={year} modes={modes.data} /> : null}
      {modes.data && !writable ? (
        modes.data.length ? (
          <ul className="plain-list">
            {modes.data.map((m) => <li key={m.id}>{gradeRange(t, m.gradeFrom, m.gradeTo)}: {t('calendar.daysWeek', { count: m.daysPerWeek })}</li>)}
          </ul>
        ) : <p className="muted">{t('calendar.modesDefault')}</p>
      ) : null}
    </Card>
  );
}

function ModesEditor({ year, modes }: { year: AcademicYear; modes: WorkingMode[] }) {
  const { t } = useTranslation();
  const save = useReplaceWorkingModes();
  const err = fieldErrors(save.error);
  const [rows, setRows] = useState(() => modes.map(({ gradeFrom, gradeTo, daysPerWeek }) => ({ gradeFrom, gradeTo, daysPerWeek })));
  const [saved, setSaved] = useState(false);
  const grades = numberOptions(GRADES);
  const update = (i: number, patch: Partial<(typeof rows)[number]>) => { setSaved(false); setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x))); };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate({ academicYearId: year.id, modes: rows, reason: formValues(e.currentTarget).reason }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form onSubmit={submit} aria-label={t('calendar.modes')}>
      <ProblemBanner error={save.error} />
      {saved ? <Notice>{t('common.saved')}</Notice> : null}
      {rows.length === 0 ? <p className="muted">{t('calendar.modesDefault')}</p> : null}
      {rows.map((r, i) => (
        <div className="form-grid row-editor" key={i}>
          <SelectField label={t('cur.gradeFrom')} name={`from${i}`} value={String(r.gradeFrom)} options={grades}
            onChange={(e) => update(i, { gradeFrom: Number(e.target.value) })} error={err(`modes[${i}].gradeFrom`)} />
          <SelectField label={t('cur.gradeTo')} name={`to${i}`} value={String(r.gradeTo)} options={grades}
            onChange={(e) => update(i, { gradeTo: Number(e.target.value) })} error={err(`modes[${i}].gradeTo`)} />
          <SelectField label={t('calendar.week')} name={`days${i}`} value={String(r.daysPerWeek)}
            options={[5, 6].map((n) => ({ value: String(n), label: t('calendar.daysWeek', { count: n }) }))}
            onChange={(e) => update(i, { daysPerWeek: Number(e.target.value) as 5 | 6 })} error={err(`modes[${i}].daysPerWeek`)} />
          <div className="row-editor__remove">
            <Button variant="link" onClick={() => { setSaved(false); setRows((x) => x.filter((_, j) => j !== i)); }}
              aria-label={`${t('common.delete')}: ${gradeRange(t, r.gradeFrom, r.gradeTo)}`}>{t('common.delete')}</Button>
          </div>
        </div>
      ))}
      {err('modes') ? <p className="field__error">{err('modes')}</p> : null}
      <FormActions>
        <Button variant="secondary" onClick={() => {
          const last = rows[rows.length - 1];
          const from = last ? Math.min(last.gradeTo + 1, 11) : 1;
          setSaved(false);
          setRows((x) => [...x, { gradeFrom: from, gradeTo: 11, daysPerWeek: 5 }]);
        }}>{t('calendar.addRange')}</Button>
      </FormActions>
      <TextField label={t('common.reason')} name="reason" hint={t('common.reasonHint')} error={err('reason')} />
      <FormActions>
        <Button type="submit" busy={save.isPending}>{t('calendar.saveModes')}</Button>
      </FormActions>
    </form>
  );
}

// ---- Bells ----

function BellsCard({ year, writable }: { year: AcademicYear; writable: boolean }) {
  const { t } = useTranslation();
  const bells = useBellSchedules(year.id);
  const remove = useDeleteBellSchedule();
  const [editing, setEditing] = useState<BellSchedule | 'new' | null>(null);
  return (
    <Card title={t('calendar.bells')} actions={writable ? <Button size="small" onClick={() => setEditing('new')}>{t('calendar.addBells')}</Button> : null}>
      <ProblemBanner error={bells.error ?? remove.error} />
      {bells.data && bells.data.length === 0 ? <p className="muted">{t('calendar.noBells')}</p> : null}
      <div className="bell-list">
        {(bells.data ?? []).map((s) => (
          <section key={s.id} className="bell-list__item" aria-label={s.name}>
            <h3>{s.name}</h3>
            <p className="muted">{s.weekdays.map((d) => t(`cur.weekdays.${d}`)).join(', ')}</p>
            <DataTable caption={s.name} captionHidden rows={s.slots} rowKey={(x) => String(x.lessonNumber)}
              columns={[
                { key: 'n', header: t('calendar.lesson'), className: 'num', render: (x) => x.lessonNumber },
                { key: 'from', header: t('calendar.startsAt'), render: (x) => x.startsAt },
                { key: 'to', header: t('calendar.endsAt'), render: (x) => x.endsAt },
              ]} />
            {writable ? (
              <div className="form-actions">
                <Button variant="secondary" size="small" onClick={() => setEditing(s)} aria-label={`${t('common.edit')}: ${s.name}`}>{t('common.edit')}</Button>
                <Button variant="link" size="small" onClick={() => { if (window.confirm(t('calendar.confirmDeleteBells', { name: s.name }))) remove.mutate(s); }}
                  aria-label={`${t('common.delete')}: ${s.name}`}>{t('common.delete')}</Button>
              </div>
            ) : null}
          </section>
        ))}
      </div>
      {editing ? <BellDialog year={year} schedule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
const toTime = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function BellDialog({ year, schedule, onClose }: { year: AcademicYear; schedule: BellSchedule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveBellSchedule();
  const err = fieldErrors(save.error);
  const [weekdays, setWeekdays] = useState<string[]>((schedule?.weekdays ?? [1, 2, 3, 4, 5]).map(String));
  const [slots, setSlots] = useState<BellSlot[]>(schedule?.slots ?? [{ lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' }]);
  const setSlot = (i: number, patch: Partial<BellSlot>) => setSlots((s) => s.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const addSlot = () => setSlots((s) => {
    const last = s[s.length - 1];
    if (!last) return [{ lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' }];
    const start = toMinutes(last.endsAt) + 10;
    return [...s, { lessonNumber: last.lessonNumber + 1, startsAt: toTime(start), endsAt: toTime(start + 45) }];
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    save.mutate({ academicYearId: year.id, id: schedule?.id, version: schedule?.version, name: v.name ?? '', weekdays: weekdays.map(Number).sort(), slots },
      { onSuccess: onClose });
  };
  const title = schedule ? `${t('common.edit')}: ${schedule.name}` : t('calendar.addBells');
  return (
    <Dialog open onClose={onClose} title={title}>
      <form onSubmit={submit} aria-label={title}>
        <ProblemBanner error={save.error} />
        <TextField label={t('calendar.bellsName')} name="name" required maxLength={200} defaultValue={schedule?.name ?? t('calendar.bellsDefaultName')} error={err('name')} />
        <CheckboxGroup legend={t('calendar.weekdays')} name="weekdays" columns value={weekdays} onChange={setWeekdays} error={err('weekdays')}
          options={WEEKDAYS.map((d) => ({ value: String(d), label: t(`cur.weekdaysLong.${d}`) }))} />
        <fieldset className="card">
          <legend>{t('calendar.lessons')}</legend>
          {err('slots') ? <p className="field__error">{err('slots')}</p> : null}
          {slots.map((s, i) => (
            <div className="form-grid row-editor" key={i}>
              <TextField label={t('calendar.lesson')} name={`n${i}`} type="number" min={0} max={12} required value={String(s.lessonNumber)}
                onChange={(e) => setSlot(i, { lessonNumber: Number(e.target.value) })} error={err(`slots[${i}].lessonNumber`)} />
              <TextField label={t('calendar.startsAt')} name={`start${i}`} type="time" required value={s.startsAt}
                onChange={(e) => setSlot(i, { startsAt: e.target.value })} error={err(`slots[${i}].startsAt`)} />
              <TextField label={t('calendar.endsAt')} name={`end${i}`} type="time" required value={s.endsAt}
                onChange={(e) => setSlot(i, { endsAt: e.target.value })} error={err(`slots[${i}].endsAt`)} />
              <div className="row-editor__remove">
                <Button variant="link" onClick={() => setSlots((x) => x.filter((_, j) => j !== i))}
                  aria-label={t('calendar.removeLesson', { n: s.lessonNumber })}>{t('common.delete')}</Button>
              </div>
            </div>
          ))}
          <Button variant="secondary" size="small" onClick={addSlot}>{t('calendar.addLesson')}</Button>
        </fieldset>
        <FormActions>
          <Button type="submit" busy={save.isPending} disabled={weekdays.length === 0 || slots.length === 0}>{t('common.save')}</Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}

// ---- Holidays ----

function HolidaysCard({ year, writable }: { year: AcademicYear; writable: boolean }) {
  const { t } = useTranslation();
  const dates = useDates();
  const holidays = useHolidays(year.id);
  const remove = useDeleteHoliday();
  const [editing, setEditing] = useState<Holiday | 'new' | null>(null);
  return (
    <Card title={t('calendar.holidays')} actions={writable ? <Button size="small" onClick={() => setEditing('new')}>{t('calendar.addHoliday')}</Button> : null}>
      <ProblemBanner error={holidays.error ?? remove.error} />
      <DataTable caption={t('calendar.holidays')} captionHidden loading={holidays.isPending} rows={holidays.data} rowKey={(h) => h.id}
        columns={[
          { key: 'name', header: t('calendar.holidayName'), render: (h) => h.name },
          { key: 'kind', header: t('calendar.holidayKind'), render: (h) => <span className={`badge badge--${h.kind === 'vacation' ? 'planned' : 'open'}`}>{t(`calendar.kinds.${h.kind}`)}</span> },
          { key: 'from', header: t('calendar.from'), render: (h) => dates.date(h.startsOn) },
          { key: 'to', header: t('calendar.to'), render: (h) => dates.date(h.endsOn) },
          { key: 'grades', header: t('calendar.grades'), render: (h) => (h.gradeFrom === 1 && h.gradeTo === 11 ? t('calendar.allGrades') : gradeRange(t, h.gradeFrom, h.gradeTo)) },
          ...(writable ? [{ key: 'actions', header: t('common.actions'), render: (h: Holiday) => (
            <div className="form-actions">
              <Button variant="link" onClick={() => setEditing(h)} aria-label={`${t('common.edit')}: ${h.name}`}>{t('common.edit')}</Button>
              <Button variant="link" onClick={() => { if (window.confirm(t('calendar.confirmDeleteHoliday', { name: h.name }))) remove.mutate(h); }}
                aria-label={`${t('common.delete')}: ${h.name}`}>{t('common.delete')}</Button>
            </div>
          ) }] : []),
        ]} />
      {editing ? <HolidayDialog year={year} holiday={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

function HolidayDialog({ year, holiday, onClose }: { year: AcademicYear; holiday: Holiday | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveHoliday();
  const err = fieldErrors(save.error);
  const grades = numberOptions(GRADES);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    save.mutate({ academicYearId: year.id, id: holiday?.id, version: holiday?.version, kind: v.kind as Holiday['kind'], name: v.name ?? '',
      startsOn: v.startsOn ?? '', endsOn: v.endsOn ?? '', gradeFrom: Number(v.gradeFrom), gradeTo: Number(v.gradeTo) }, { onSuccess: onClose });
  };
  const title = holiday ? `${t('common.edit')}: ${holiday.name}` : t('calendar.addHoliday');
  return (
    <Dialog open onClose={onClose} title={title}>
      <form onSubmit={submit} aria-label={title}>
        <ProblemBanner error={save.error} />
        <div className="form-grid">
          <SelectField label={t('calendar.holidayKind')} name="kind" required defaultValue={holiday?.kind ?? 'vacation'} error={err('kind')}
            options={(['vacation', 'holiday'] as const).map((k) => ({ value: k, label: t(`calendar.kinds.${k}`) }))} />
          <TextField label={t('calendar.holidayName')} name="name" required maxLength={200} defaultValue={holiday?.name} error={err('name')} />
          <TextField label={t('calendar.from')} name="startsOn" type="date" required min={year.startsOn} max={year.endsOn} defaultValue={holiday?.startsOn} error={err('startsOn')} />
          <TextField label={t('calendar.to')} name="endsOn" type="date" required min={year.startsOn} max={year.endsOn} defaultValue={holiday?.endsOn} error={err('endsOn')} />
          <SelectField label={t('cur.gradeFrom')} name="gradeFrom" defaultValue={String(holiday?.gradeFrom ?? 1)} options={grades} error={err('gradeFrom')} />
          <SelectField label={t('cur.gradeTo')} name="gradeTo" defaultValue={String(holiday?.gradeTo ?? 11)} options={grades} error={err('gradeTo')} />
        </div>
        <p className="field__hint">{t('calendar.holidayHint')}</p>
        <FormActions>
          <Button type="submit" busy={save.isPending}>{t('common.save')}</Button>
          <Button variant="secondary" onClick={onClose}>{t('common.cancel')}</Button>
        </FormActions>
      </form>
    </Dialog>
  );
}
