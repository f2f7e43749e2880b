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
import { ImportPage } from './features/import/ImportPage';
import { MovementsPage } from './features/movements/MovementsPage';
import { ParentsPage } from './features/parents/ParentsPage';
import { SchoolPage } from './features/schools/SchoolPage';
import { StaffPage } from './features/staff/StaffPage';
import { StudentPage } from './features/students/StudentPage';
import { StudentsPage } from './features/students/StudentsPage';
import { SubgroupsPage } from './features/subgroups/SubgroupsPage';
import { TokensPage } from './features/tokens/TokensPage';
import { FreshnessPage } from './features/news/FreshnessPage';
import { NewsPage } from './features/news/NewsPage';
import { TransitionPage } from './features/transition/TransitionPage';
import { YearsPage } from './features/years/YearsPage';
import { LessonPage } from './features/lesson/LessonPage';
import { StartPage } from './features/my-day/MyDayPage';
import { ChangeRequestsPage } from './features/change-requests/ChangeRequestsPage';
import { FileChangeRequestPage } from './features/change-requests/FileChangeRequestPage';
import { ClassJournalPage } from './features/class-journal/ClassJournalPage';
import { ControlWorksPage } from './features/control-works/ControlWorksPage';
import { PeriodMarksPage } from './features/period-marks/PeriodMarksPage';
import { ProgressPage } from './features/progress/ProgressPage';
import { CalendarPage } from './features/calendar/CalendarPage';
import { CurriculumPlanPage } from './features/curriculum-plan/CurriculumPlanPage';
import { CurriculumPlansPage } from './features/curriculum-plan/CurriculumPlansPage';
import { KtpListPage } from './features/ktp/KtpListPage';
import { KtpPage } from './features/ktp/KtpPage';
import { PeriodsPage } from './features/periods/PeriodsPage';
import { RoomsPage } from './features/rooms/RoomsPage';
import { SubjectsPage } from './features/subjects/SubjectsPage';
import { TextbooksPage } from './features/subjects/TextbooksPage';
import { TeacherLoadPage } from './features/teacher-load/TeacherLoadPage';
import { TimetablePage } from './features/timetable/TimetablePage';
import { TimetableWeekPage } from './features/timetable/TimetableWeekPage';
import { useAccess, type Access } from './lib/access';
import { NoAccess } from './lib/ui';
// Messages and diary visits (issue 5) — imports:
import { OverduePage, ThreadPage, ThreadsPage, useMessagesNavLabel } from './features/messages/MessagesPages';
import { VisitsPage } from './features/visits/VisitsPage';
// Monitoring (issue 6) — imports:
import { ActivityPage } from './features/monitoring/ActivityPage';
import { MonitoringPage } from './features/monitoring/MonitoringPage';
// Control checks and history (issue 6) — imports:
import { ControlChecksPage } from './features/control-checks/ControlChecksPage';
// Year closing, archive, summary sheets (issue 6) — imports:
import { ArchivePage } from './features/archive/ArchivePage';
import { YearClosingPage } from './features/archive/YearClosingPage';
// Backups and integrity (issue 6) — imports:
import { BackupsPage } from './features/backups/BackupsPage';

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
  /** Also for the class teacher (their own class), whatever `need` says. */
  classTeacherToo?: boolean;
}

function useMenu(): NavItem[] {
  const { t } = useTranslation();
  const access = useAccess();
  const entries: MenuEntry[] = [
    // Journal (issue 4): a teacher starts on "Мой день".
    { to: '/', label: access.isTeacher ? t('nav.myDay') : t('nav.home'), need: 'any', end: true },
    { to: '/class-journal', label: t('nav.classJournal'), need: 'any' },
    { to: '/change-requests', label: t('nav.changeRequests'), need: 'any' },
    { to: '/control-works', label: t('nav.controlWorks'), need: 'any' },
    { to: '/progress', label: t('nav.progress'), need: 'read', classTeacherToo: true },
    { to: '/school', label: t('nav.school'), need: 'read' },
    { to: '/years', label: t('nav.years'), need: 'read' },
    { to: '/staff', label: t('nav.staff'), need: 'read' },
    { to: '/classes', label: t('nav.classes'), need: 'any' },
    { to: '/my-class', label: t('nav.myClass'), need: 'any', teacherOnly: true },
    { to: '/students', label: t('nav.students'), need: 'read' },
    { to: '/parents', label: t('nav.parents'), need: 'read' },
    { to: '/subgroups', label: t('nav.subgroups'), need: 'read' },
    // Curriculum (issue 3): a teacher's menu gets the timetable and their КТП; the plan, the load and reference data are for the
    // school's leaders (every staff member may still open them read-only).
    { to: '/timetable', label: t('nav.timetable'), need: 'any' },
    { to: '/ktp', label: t('nav.ktp'), need: 'any' },
    { to: '/curriculum-plans', label: t('nav.curriculumPlans'), need: 'read' },
    { to: '/teacher-load', label: t('nav.teacherLoad'), need: 'read' },
    { to: '/periods', label: t('nav.periods'), need: 'read' },
    { to: '/subjects', label: t('nav.subjects'), need: 'read' },
    { to: '/textbooks', label: t('nav.textbooks'), need: 'read' },
    { to: '/rooms', label: t('nav.rooms'), need: 'read' },
    { to: '/working-mode', label: t('nav.workingMode'), need: 'read' },
    { to: '/movements', label: t('nav.movements'), need: 'read' },
    { to: '/transition', label: t('nav.transition'), need: 'write' },
    { to: '/import', label: t('nav.import'), need: 'write' },
    { to: '/credentials', label: t('nav.credentials'), need: 'write' },
    { to: '/tokens', label: t('nav.tokens'), need: 'write' },
    { to: '/audit', label: t('nav.audit'), need: 'read' },
    // School news (R-DIA-13) and journal freshness (R-DIA-08).
    { to: '/news', label: t('nav.news'), need: 'read' },
    { to: '/journal-freshness', label: t('nav.freshness'), need: 'read' },
    // Messages and diary visits (issue 5) — menu:
    { to: '/messages', label: useMessagesNavLabel(), need: 'any' },
    { to: '/diary-visits', label: t('messages.visits.nav'), need: 'read', classTeacherToo: true },
    // Monitoring (issue 6) — menu:
    { to: '/monitoring', label: t('monitoring.nav'), need: 'read' },
    // Control checks and history (issue 6) — menu:
    { to: '/control-checks', label: t('control.nav'), need: 'any' },
    // Year closing, archive, summary sheets (issue 6) — menu:
    { to: '/archive', label: t('archive.nav'), need: 'read', end: true },
    { to: '/archive/closing', label: t('archive.closing.nav'), need: 'read' },
    // Backups and integrity (issue 6) — menu:
    { to: '/backups', label: t('backups.nav'), need: 'read' },
  ];
  if (!access.ready) return [];
  return entries
    .filter((e) => (access.allows(e.need) || (e.classTeacherToo && access.isClassTeacher)) && (!e.teacherOnly || access.isClassTeacher))
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
              <Route index element={<StartPage />} />
              <Route path="lessons/:id" element={<LessonPage />} />
              <Route path="class-journal" element={<ClassJournalPage />} />
              <Route path="period-marks" element={<PeriodMarksPage />} />
              <Route path="change-requests" element={<ChangeRequestsPage />} />
              <Route path="change-requests/new" element={<FileChangeRequestPage />} />
              <Route path="control-works" element={<ControlWorksPage />} />
              <Route path="progress" element={<ProgressPage />} />
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
              <Route path="timetable" element={<TimetablePage />} />
              <Route path="timetable/week" element={<TimetableWeekPage />} />
              <Route path="ktp" element={<KtpListPage />} />
              <Route path="ktp/:id" element={<KtpPage />} />
              <Route path="curriculum-plans" element={<CurriculumPlansPage />} />
              <Route path="curriculum-plans/:id" element={<CurriculumPlanPage />} />
              <Route path="teacher-load" element={<TeacherLoadPage />} />
              <Route path="periods" element={<PeriodsPage />} />
              <Route path="subjects" element={<SubjectsPage />} />
              <Route path="textbooks" element={<TextbooksPage />} />
              <Route path="rooms" element={<RoomsPage />} />
              <Route path="working-mode" element={<CalendarPage />} />
              <Route path="movements" element={<Guard need="read"><MovementsPage /></Guard>} />
              <Route path="transition" element={<Guard need="write"><TransitionPage /></Guard>} />
              <Route path="import" element={<Guard need="write"><ImportPage /></Guard>} />
              <Route path="credentials" element={<Guard need="write"><CredentialsPage /></Guard>} />
              <Route path="tokens" element={<Guard need="write"><TokensPage /></Guard>} />
              <Route path="audit" element={<Guard need="read"><AuditPage /></Guard>} />
              <Route path="news" element={<Guard need="read"><NewsPage /></Guard>} />
              <Route path="journal-freshness" element={<Guard need="read"><FreshnessPage /></Guard>} />
              {/* Messages and diary visits (issue 5) — routes: */}
              <Route path="messages" element={<ThreadsPage />} />
              <Route path="messages/overdue" element={<OverduePage />} />
              <Route path="messages/:id" element={<ThreadPage />} />
              <Route path="diary-visits" element={<VisitsPage />} />
              {/* Monitoring (issue 6) — routes: */}
              <Route path="monitoring" element={<Guard need="read"><MonitoringPage /></Guard>} />
              <Route path="monitoring/activity" element={<Guard need="read"><ActivityPage /></Guard>} />
              {/* Control checks and history (issue 6) — routes: */}
              <Route path="control-checks" element={<ControlChecksPage />} />
              {/* Year closing, archive, summary sheets (issue 6) — routes: */}
              <Route path="archive" element={<Guard need="read"><ArchivePage /></Guard>} />
              <Route path="archive/closing" element={<Guard need="read"><YearClosingPage /></Guard>} />
              {/* Backups and integrity (issue 6) — routes: */}
              <Route path="backups" element={<Guard need="read"><BackupsPage /></Guard>} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Route>
          </Routes>
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
