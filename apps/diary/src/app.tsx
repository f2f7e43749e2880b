import { ProblemError } from '@otmetka/api-client';
import { AppShell, AuthProvider, LoginPage, RequireAuth, useMe, useUnreadMessages } from '@otmetka/ui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { FinalsPage } from './features/finals/FinalsPage';
import { HomePage } from './features/home/HomePage';
import { NewThreadPage, ThreadPage, ThreadsPage } from './features/messages/MessagesPages';
import { AttendancePage, MarksPage } from './features/records/RecordsPages';
import { TeachersPage } from './features/teachers/TeachersPage';
import { TrustedPage } from './features/trusted/TrustedPage';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ProblemError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 60_000,
    },
  },
});

function Shell() {
  const { t } = useTranslation();
  const unread = useUnreadMessages().data?.messages ?? 0;
  const isParent = useMe().data?.children.some((c) => c.relation === 'parent') ?? false;
  const nav = [
    { to: '/', label: t('nav.week'), end: true },
    { to: '/marks', label: t('nav.marks') },
    { to: '/finals', label: t('nav.finals') },
    { to: '/attendance', label: t('nav.attendance') },
    { to: '/teachers', label: t('nav.teachers') },
    { to: '/messages', label: unread ? t('nav.messagesUnread', { count: unread }) : t('nav.messages') },
    ...(isParent ? [{ to: '/trusted', label: t('nav.trusted') }] : []),
  ];
  return (
    <AppShell appName={t('app.name')} nav={nav}>
      <Outlet />
    </AppShell>
  );
}

function Login() {
  const { t } = useTranslation();
  return <LoginPage appName={t('app.name')} subtitle={t('app.tagline')} />;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AuthProvider app="diary">
          <Routes>
            <Route path="/login" element={<Login />} />
            <Route element={<RequireAuth><Shell /></RequireAuth>}>
              <Route index element={<HomePage />} />
              <Route path="marks" element={<MarksPage />} />
              <Route path="finals" element={<FinalsPage />} />
              <Route path="trusted" element={<TrustedPage />} />
              <Route path="attendance" element={<AttendancePage />} />
              <Route path="teachers" element={<TeachersPage />} />
              <Route path="messages" element={<ThreadsPage />} />
              <Route path="messages/new" element={<NewThreadPage />} />
              <Route path="messages/:id" element={<ThreadPage />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Route>
          </Routes>
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
