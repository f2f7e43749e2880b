import { ProblemError } from '@otmetka/api-client';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './auth';
import { Button, CheckboxField, TextField } from './forms';
import { LanguageSwitch } from './i18n';
import { ProblemBanner } from './problem';

/** The sign-in page shared by both SPAs. */
export function LoginPage({ appName, subtitle }: { appName: string; subtitle?: string }) {
  const { t } = useTranslation();
  const { login, signedIn, notice } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (signedIn) return <Navigate to={from} replace />;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await login(String(fd.get('login') ?? '').trim(), String(fd.get('password') ?? ''), fd.get('remember') === 'on');
      navigate(from, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const title = error instanceof ProblemError && error.status === 401 ? t('auth.badCredentials')
    : error instanceof ProblemError && error.status === 423 ? t('auth.locked') : undefined;

  return (
    <div className="login">
      <div className="login__lang"><LanguageSwitch id="login-language" /></div>
      <main id="main" className="login__card">
        <p className="login__app">{appName}</p>
        <h1>{t('auth.title')}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
        {notice && !error ? <div className="banner banner--info" role="status">{t(`auth.${notice}`)}</div> : null}
        <ProblemBanner error={error} title={title} />
        <form onSubmit={(e) => void submit(e)} noValidate={false}>
          <TextField label={t('auth.login')} name="login" autoComplete="username" required autoCapitalize="none" spellCheck={false} />
          <TextField label={t('auth.password')} name="password" type="password" autoComplete="current-password" required />
          <CheckboxField label={t('auth.remember')} name="remember" />
          <Button type="submit" busy={busy} block>{busy ? t('auth.signingIn') : t('auth.submit')}</Button>
        </form>
      </main>
    </div>
  );
}
