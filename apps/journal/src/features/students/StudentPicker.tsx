import { SelectField, TextField } from '@otmetka/ui';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/access';
import { useStudents } from './useStudents';

/** Finds a student by name and picks them (search field + list of matches). */
export function StudentPicker({ value, onChange, label, name = 'studentId', error, required }: {
  value: string; onChange: (id: string, fullName: string) => void; label?: string; name?: string; error?: string; required?: boolean;
}) {
  const { t } = useTranslation();
  const access = useAccess();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const found = useStudents(access.schoolId, { q: query, status: 'studying', limit: 30 }, query.length >= 2);
  const options = (found.data?.items ?? []).map((s) => ({ value: s.id, label: s.className ? `${s.fullName} (${s.className})` : s.fullName }));
  return (
    <div className="picker">
      <TextField label={label ?? t('students.findStudent')} name={`${name}-search`} type="search" value={q} onChange={(e) => setQ(e.target.value)}
        hint={t('students.findHint')} autoComplete="off" />
      <SelectField label={t('students.matches', { count: options.length })} name={name} value={value} required={required} error={error}
        onChange={(e) => onChange(e.target.value, options.find((o) => o.value === e.target.value)?.label ?? '')}
        placeholder={query.length >= 2 ? t('common.choose') : t('students.typeToSearch')} options={options} />
    </div>
  );
}
