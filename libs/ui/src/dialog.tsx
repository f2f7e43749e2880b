import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal dialog on the native <dialog> element (focus trap, Esc and backdrop handled by the browser). */
export function Dialog({ open, onClose, title, children, footer }: {
  open: boolean; onClose: () => void; title: ReactNode; children: ReactNode; footer?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { t } = useTranslation();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      {open ? (
        <>
          <header className="dialog__header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="btn btn--link dialog__close" onClick={onClose} aria-label={t('common.close')}>×</button>
          </header>
          <div className="dialog__body">{children}</div>
          {footer ? <footer className="dialog__footer">{footer}</footer> : null}
        </>
      ) : null}
    </dialog>
  );
}

/** A one-time secret (initial password, API token) with a copy button. */
export function SecretValue({ value, label }: { value: string; label: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="secret">
      <span className="secret__label">{label}</span>
      <code className="secret__value" data-testid="secret-value">{value}</code>
      <button type="button" className="btn btn--secondary" onClick={() => void navigator.clipboard?.writeText(value)}>{t('common.copy')}</button>
    </div>
  );
}
