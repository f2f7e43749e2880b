import { ProblemError } from '@otmetka/api-client';
import { AppShell, AuthProvider, Loading, LoginPage, RequireAuth, type NavItem } from '@otmetka/ui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { AuditPage } from './features/audit/AuditPage';
import { ClassPage } from './features/classes/ClassPage';
import { ClassesPage, MyClassRedirect } from './features/classes/ClassesPage';
import { CredentialsPage } from './features/credentials/CredentialsPage';
import { HomePage } from './features/home/HomePage';
import { ImportPage } from './features/import/ImportPage';
import { MovementsPage } from './features/movements/MovementsPage';
import { ParentsPage } from './features/parents/ParentsPage';
import { SchoolPage } from './features/schools/SchoolPage';
import { StaffPage } from './features/staff/StaffPage';
import { StudentPage } from './features/students/StudentPage';
import { StudentsPage } from './features/students/StudentsPage';
import { SubgroupsPage } from './features/subgroups/SubgroupsPage';
import { TokensPage } from './features/tokens/TokensPage';
import { TransitionPage } from './features/transition/TransitionPage';
import { YearsPage } from './features/years/YearsPage';
import { useAccess, type Access } from './lib/access';
import { NoAccess } from './lib/ui';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (403, 404 …) will not change on retry; network and server errors get two more tries.
      retry: (count, error) => !(error instanceof ProblemError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

interface MenuEntry extends NavItem {
  need: Access;
  teacherOnly?: boolean;
}

function useMenu(): NavItem[] {
  const { t } = useTranslation();
  const access = useAccess();
  const entries: MenuEntry[] = [
    { to: '/', label: t('nav.home'), need: 'any', end: true },
    { to: '/school', label: t('nav.school'), need: 'read' },
    { to: '/years', label: t('nav.years'), need: 'read' },
    { to: '/staff', label: t('nav.staff'), need: 'read' },
    { to: '/classes', label: t('nav.classes'), need: 'any' },
    { to: '/my-class', label: t('nav.myClass'), need: 'any', teacherOnly: true },
    { to: '/students', label: t('nav.students'), need: 'read' },
    { to: '/parents', label: t('nav.parents'), need: 'read' },
    { to: '/subgroups', label: t('nav.subgroups'), need: 'read' },
    { to: '/movements', label: t('nav.movements'), need: 'read' },
    { to: '/transition', label: t('nav.transition'), need: 'write' },
    { to: '/import', label: t('nav.import'), need: 'write' },
    { to: '/credentials', label: t('nav.credentials'), need: 'write' },
    { to: '/tokens', label: t('nav.tokens'), need: 'write' },
    { to: '/audit', label: t('nav.audit'), need: 'read' },
  ];
  if (!access.ready) return [];
  return entries
    .filter((e) => access.allows(e.need) && (!e.teacherOnly || access.isClassTeacher))
    .map(({ to, label, end }) => ({ to, label, end }));
}

function Shell() {
  const { t } = useTranslation();
  const nav = useMenu();
  return (
    <AppShell appName={t('app.name')} nav={nav}>
      <Outlet />
    </AppShell>
  );
}

/** Opens a page only for the roles that may see it (the API checks again). */
function Guard({ need, children }: { need: Access; children: ReactNode }) {
  const access = useAccess();
  if (!access.ready) return <Loading />;
  if (!access.allows(need)) return <NoAccess />;
  return <>{children}</>;
}

function Login() {
  const { t } = useTranslation();
  return <LoginPage appName={t('app.name')} subtitle={t('app.tagline')} />;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AuthProvider app="journal">
          <Routes>
            <Route path="/login" element={<Login />} />
            <Route element={<RequireAuth><Shell /></RequireAuth>}>
              <Route index element={<HomePage />} />
              <Route path="school" element={<Guard need="read"><SchoolPage /></Guard>} />
              <Route path="years" element={<Guard need="read"><YearsPage /></Guard>} />
              <Route path="staff" element={<Guard need="read"><StaffPage /></Guard>} />
              <Route path="classes" element={<ClassesPage />} />
              <Route path="classes/:id" element={<ClassPage />} />
              <Route path="my-class" element={<MyClassRedirect />} />
              <Route path="students" element={<Guard need="read"><StudentsPage /></Guard>} />
              <Route path="students/:id" element={<StudentPage />} />
              <Route path="parents" element={<Guard need="read"><ParentsPage /></Guard>} />
              <Route path="subgroups" element={<Guard need="read"><SubgroupsPage /></Guard>} />
              <Route path="movements" element={<Guard need="read"><MovementsPage /></Guard>} />
              <Route path="transition" element={<Guard need="write"><TransitionPage /></Guard>} />
              <Route path="import" element={<Guard need="write"><ImportPage /></Guard>} />
              <Route path="credentials" element={<Guard need="write"><CredentialsPage /></Guard>} />
              <Route path="tokens" element={<Guard need="write"><TokensPage /></Guard>} />
              <Route path="audit" element={<Guard need="read"><AuditPage /></Guard>} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Route>
          </Routes>
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
