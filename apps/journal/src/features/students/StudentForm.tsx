import type { SchoolClass, StudentCard } from '@otmetka/api-client';
import { GENDERS } from '@otmetka/contracts';
import { Button, fieldErrors, FormActions, formValues, ProblemBanner, SelectField, TextField, useDates } from '@otmetka/ui';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { useCreateStudent, useUpdateStudent } from './useStudents';

/** Creates a student with the enrolment into a class (with the order number), or edits the personal card. */
export function StudentForm({ student, classId, classes, onDone, onCancel }: {
  student?: StudentCard; classId?: string; classes?: SchoolClass[]; onDone: (s: StudentCard) => void; onCancel: () => void;
}) {
  const { t } = useTranslation();
  const access = useAccess();
  const dates = useDates();
  const create = useCreateStudent();
  const update = useUpdateStudent();
  const mutation = student ? update : create;
  const err = fieldErrors(mutation.error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const person = {
      lastName: v.lastName ?? '', firstName: v.firstName ?? '', middleName: v.middleName, birthDate: v.birthDate ?? '',
      gender: (v.gender ?? 'male') as 'male' | 'female', snils: v.snils, personalFileNumber: v.personalFileNumber, address: v.address,
    };
    if (student) {
      update.mutate({ id: student.id, version: student.version, ...person, reason: v.reason }, { onSuccess: onDone });
    } else {
      create.mutate({ ...person, schoolId: access.schoolId, classId: classId ?? v.classId ?? '', enrolledOn: v.enrolledOn ?? '', orderNumber: v.orderNumber ?? '' }, {
        onSuccess: (s) => {
          form.reset();
          onDone(s);
        },
      });
    }
  };

  return (
    <form onSubmit={submit} aria-label={student ? t('students.editTitle') : t('students.add')}>
      <ProblemBanner error={mutation.error} />
      <div className="form-grid">
        <TextField label={t('person.lastName')} name="lastName" required defaultValue={student?.lastName} autoComplete="off" error={err('lastName')} />
        <TextField label={t('person.firstName')} name="firstName" required defaultValue={student?.firstName} autoComplete="off" error={err('firstName')} />
        <TextField label={t('person.middleName')} name="middleName" defaultValue={student?.middleName ?? ''} autoComplete="off" error={err('middleName')} />
        <TextField label={t('person.birthDate')} name="birthDate" type="date" required defaultValue={student?.birthDate ?? ''} error={err('birthDate')} />
        <SelectField label={t('person.gender')} name="gender" required defaultValue={student?.gender ?? ''} placeholder={t('common.choose')}
          options={GENDERS.map((g) => ({ value: g, label: t(`person.genders.${g}`) }))} error={err('gender')} />
        <TextField label={t('students.snils')} name="snils" defaultValue={student?.snils ?? ''} placeholder="112-233-445 95" inputMode="numeric" error={err('snils')} />
        <TextField label={t('students.personalFileNumber')} name="personalFileNumber" defaultValue={student?.personalFileNumber ?? ''} error={err('personalFileNumber')} />
        <TextField wide label={t('students.address')} name="address" defaultValue={student?.address ?? ''} error={err('address')} />
        {!student && !classId ? (
          <SelectField label={t('students.class')} name="classId" required placeholder={t('common.choose')}
            options={(classes ?? []).map((c) => ({ value: c.id, label: c.name }))} error={err('classId')} />
        ) : null}
        {!student ? (
          <>
            <TextField label={t('students.enrolledOn')} name="enrolledOn" type="date" required defaultValue={dates.today()} error={err('enrolledOn')} />
            <TextField label={t('common.orderNumber')} name="orderNumber" required error={err('orderNumber')} />
          </>
        ) : (
          <TextField label={t('common.reason')} name="reason" hint={t('common.reasonHint')} error={err('reason')} />
        )}
      </div>
      <FormActions>
        <Button type="submit" busy={mutation.isPending}>{student ? t('common.save') : t('students.addSubmit')}</Button>
        <Button variant="secondary" onClick={onCancel}>{t('common.cancel')}</Button>
      </FormActions>
    </form>
  );
}
