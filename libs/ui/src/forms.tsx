import { useId, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldFrame {
  label: ReactNode;
  name: string;
  /** The inline error (from problem+json `errors[]`). */
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
  /** Spans the whole row of a .form-grid. */
  wide?: boolean;
}

function FieldShell({ id, label, error, hint, required, wide, children }: { id: string; label: ReactNode; error?: string | null; hint?: ReactNode; required?: boolean; wide?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? ' field--invalid' : ''}${wide ? ' span-all' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required ? <span className="field__req" aria-hidden="true"> *</span> : null}
        {required ? <span className="visually-hidden"> ({t('common.required')})</span> : null}
      </label>
      {children}
      {hint ? <p id={`${id}-hint`} className="field__hint">{hint}</p> : null}
      {error ? <p id={`${id}-error`} className="field__error">{error}</p> : null}
    </div>
  );
}

const describedBy = (id: string, error?: string | null, hint?: ReactNode) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function TextField({ label, name, error, hint, required, wide, id: given, ...rest }: FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const auto = useId();
  const id = given ?? `${name}-${auto}`;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required} wide={wide}>
      <input id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...rest} />
    </FieldShell>
  );
}

export function TextAreaField({ label, name, error, hint, required, wide, id: given, ...rest }: FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  const auto = useId();
  const id = given ?? `${name}-${auto}`;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required} wide={wide}>
      <textarea id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...rest} />
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({ label, name, error, hint, required, wide, options, placeholder, id: given, ...rest }:
  FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & { options: Option[]; placeholder?: string }) {
  const auto = useId();
  const id = given ?? `${name}-${auto}`;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required} wide={wide}>
      <select id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...rest}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ label, name, error, ...rest }: { label: ReactNode; name: string; error?: string | null } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'type'>) {
  const id = `${name}-${useId()}`;
  return (
    <div className={`field field--check${error ? ' field--invalid' : ''}`}>
      <input id={id} type="checkbox" name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...rest} />
      <label htmlFor={id}>{label}</label>
      {error ? <p id={`${id}-error`} className="field__error">{error}</p> : null}
    </div>
  );
}

/** A fieldset of checkboxes bound to an array of values. */
export function CheckboxGroup({ legend, name, options, value, onChange, error, columns = false }: {
  legend: ReactNode; name: string; options: Option[]; value: string[]; onChange: (next: string[]) => void; error?: string | null; columns?: boolean;
}) {
  const id = `${name}-${useId()}`;
  return (
    <fieldset className={`field checkgroup${columns ? ' checkgroup--columns' : ''}${error ? ' field--invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field__label">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="checkgroup__item">
          <input type="checkbox" name={name} value={o.value} checked={value.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))} />
          <span>{o.label}</span>
        </label>
      ))}
      {error ? <p id={`${id}-error`} className="field__error">{error}</p> : null}
    </fieldset>
  );
}

/** Reads a form's fields: trimmed strings, empty ones left out. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((v, k) => {
    if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  });
  return out;
}

export function Button({ variant = 'primary', size, block, busy, children, disabled, type = 'button', className, ...rest }:
  { variant?: 'primary' | 'secondary' | 'danger' | 'link'; size?: 'small'; block?: boolean; busy?: boolean } & ButtonHTMLAttributes<HTMLButtonElement>) {
  const cls = ['btn', `btn--${variant}`, size === 'small' ? 'btn--small' : '', block ? 'btn--block' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={cls} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {children}
    </button>
  );
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}
