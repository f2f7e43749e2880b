import { ProblemError } from '@otmetka/api-client';
import { AppShell, AuthProvider, LoginPage, RequireAuth } from '@otmetka/ui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { HomePage } from './features/home/HomePage';
import { NewThreadPage, ThreadPage, ThreadsPage } from './features/messages/MessagesPages';
import { useUnreadCount } from './features/messages/useMessages';
import { TeachersPage } from './features/teachers/TeachersPage';

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
  const unread = useUnreadCount().data?.messages ?? 0;
  const nav = [
    { to: '/', label: t('nav.week'), end: true },
    { to: '/teachers', label: t('nav.teachers') },
    { to: '/messages', label: unread ? t('nav.messagesUnread', { count: unread }) : t('nav.messages') },
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
