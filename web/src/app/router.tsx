import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/login/LoginPage';
import { FullPageSpin, RequireAuth, RequirePermission } from './auth';
import { RouteError } from './ErrorBoundary';

// Everything behind the login is loaded on demand: the login screen stays small and never loads Leaflet.
const AppLayout = lazy(() => import('./AppLayout').then((m) => ({ default: m.AppLayout })));
const HomePage = lazy(() => import('../features/home/HomePage').then((m) => ({ default: m.HomePage })));
const OrgsPage = lazy(() => import('../features/orgs/OrgsPage').then((m) => ({ default: m.OrgsPage })));
const MapPage = lazy(() => import('../features/map/MapPage').then((m) => ({ default: m.MapPage })));
const UsersPage = lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const RosterPage = lazy(() =>
  import('../features/workforce/RosterPage').then((m) => ({ default: m.RosterPage })),
);
const AssessmentPage = lazy(() =>
  import('../features/workforce/AssessmentPage').then((m) => ({ default: m.AssessmentPage })),
);
const TrainingPage = lazy(() =>
  import('../features/training/TrainingPage').then((m) => ({ default: m.TrainingPage })),
);
const NotFound = lazy(() => import('./StatusPages').then((m) => ({ default: m.NotFound })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const CourtDockingPage = lazy(() =>
  import('../features/court/CourtDockingPage').then((m) => ({ default: m.CourtDockingPage })),
);
const Open311ClientsPage = lazy(() =>
  import('../features/open311/Open311ClientsPage').then((m) => ({ default: m.Open311ClientsPage })),
);
const MattersPage = lazy(() =>
  import('../features/matters/MattersPage').then((m) => ({ default: m.MattersPage })),
);
const IntakePage = lazy(() =>
  import('../features/matters/IntakePage').then((m) => ({ default: m.IntakePage })),
);
const MatterPage = lazy(() =>
  import('../features/matters/MatterPage').then((m) => ({ default: m.MatterPage })),
);
const NoticePrintPage = lazy(() =>
  import('../features/matters/NoticePrintPage').then((m) => ({ default: m.NoticePrintPage })),
);
const DeliberationPage = lazy(() =>
  import('../features/deliberation/DeliberationPage').then((m) => ({ default: m.DeliberationPage })),
);
const BodyFormPage = lazy(() =>
  import('../features/deliberation/BodyFormPage').then((m) => ({ default: m.BodyFormPage })),
);
const BodyPage = lazy(() =>
  import('../features/deliberation/BodyPage').then((m) => ({ default: m.BodyPage })),
);
const MeetingFormPage = lazy(() =>
  import('../features/deliberation/MeetingFormPage').then((m) => ({ default: m.MeetingFormPage })),
);
const MeetingPage = lazy(() =>
  import('../features/deliberation/MeetingPage').then((m) => ({ default: m.MeetingPage })),
);
const MessagesPage = lazy(() =>
  import('../features/messages/MessagesPage').then((m) => ({ default: m.MessagesPage })),
);
const DashboardPage = lazy(() =>
  import('../features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);
const DispatchPage = lazy(() =>
  import('../features/dispatch/DispatchPage').then((m) => ({ default: m.DispatchPage })),
);
const DispatchMeetingPage = lazy(() =>
  import('../features/dispatch/DispatchMeetingPage').then((m) => ({ default: m.DispatchMeetingPage })),
);
const PoliceReferralsPage = lazy(() =>
  import('../features/linked-mediation/PoliceReferralsPage').then((m) => ({
    default: m.PoliceReferralsPage,
  })),
);
const ReferralQueuePage = lazy(() =>
  import('../features/referrals/ReferralQueuePage').then((m) => ({ default: m.ReferralQueuePage })),
);
const JointTasksPage = lazy(() =>
  import('../features/dispatch/JointTasksPage').then((m) => ({ default: m.JointTasksPage })),
);
const PatrolPage = lazy(() =>
  import('../features/safety/PatrolPage').then((m) => ({ default: m.PatrolPage })),
);
const SafetyTargetsPage = lazy(() =>
  import('../features/safety/SafetyTargetsPage').then((m) => ({ default: m.SafetyTargetsPage })),
);
const RiskPage = lazy(() => import('../features/risk/RiskPage').then((m) => ({ default: m.RiskPage })));
const RegionPage = lazy(() =>
  import('../features/dashboard/RegionPage').then((m) => ({ default: m.RegionPage })),
);
const WallPage = lazy(() => import('../features/dashboard/WallPage').then((m) => ({ default: m.WallPage })));
// The residents' pages are the phone entry (web/phone.html): reached from a staff page, a full load.
const PhoneEntry = lazy(() => import('./PhoneEntry').then((m) => ({ default: m.PhoneEntry })));

const RoutingRulesPage = lazy(() =>
  import('../features/config/RoutingRulesPage').then((m) => ({ default: m.RoutingRulesPage })),
);
const HolidaysPage = lazy(() =>
  import('../features/config/HolidaysPage').then((m) => ({ default: m.HolidaysPage })),
);
const TimeLimitsPage = lazy(() =>
  import('../features/config/TimeLimitsPage').then((m) => ({ default: m.TimeLimitsPage })),
);
const ReferralProvidersPage = lazy(() =>
  import('../features/config/ReferralProvidersPage').then((m) => ({ default: m.ReferralProvidersPage })),
);
const DutyStandardPage = lazy(() =>
  import('../features/config/DutyStandardPage').then((m) => ({ default: m.DutyStandardPage })),
);
const RiskPoliciesPage = lazy(() =>
  import('../features/config/RiskPoliciesPage').then((m) => ({ default: m.RiskPoliciesPage })),
);
const TownPortalsPage = lazy(() =>
  import('../features/config/TownPortalsPage').then((m) => ({ default: m.TownPortalsPage })),
);
const CatalogAdminPage = lazy(() =>
  import('../features/config/CatalogAdminPage').then((m) => ({ default: m.CatalogAdminPage })),
);
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  { path: '/public/*', element: <PhoneEntry />, errorElement: <RouteError /> },
  { path: '/t/*', element: <PhoneEntry />, errorElement: <RouteError /> },
  // The grid worker's kit: its own light entry (web/field.html), loaded afresh like the residents' pages.
  { path: '/field', element: <PhoneEntry name="网格员工作台" />, errorElement: <RouteError /> },
  { path: '/field/*', element: <PhoneEntry name="网格员工作台" />, errorElement: <RouteError /> },
  {
    // A notice on its own sheet, without the menu, for printing.
    path: '/matters/:id/notices/:noticeId/print',
    element: (
      <RequireAuth>
        <Suspense fallback={<FullPageSpin tip="正在加载…" />}>
          <NoticePrintPage />
        </Suspense>
      </RequireAuth>
    ),
    errorElement: <RouteError />,
  },
  {
    // 大屏: full screen, without the menu.
    path: '/dashboard/wall',
    element: (
      <RequireAuth>
        <RequirePermission action="dashboard.view">
          <Suspense fallback={<FullPageSpin tip="正在加载…" />}>
            <WallPage />
          </Suspense>
        </RequirePermission>
      </RequireAuth>
    ),
    errorElement: <RouteError />,
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Suspense fallback={<FullPageSpin tip="正在加载…" />}>
          <AppLayout />
        </Suspense>
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      {
        // A page that fails keeps the header and menu around its error message.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'dashboard',
            element: (
              <RequirePermission action="dashboard.view">
                <DashboardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'region',
            element: (
              <RequirePermission action="dashboard.region">
                <RegionPage />
              </RequirePermission>
            ),
          },
          {
            path: 'risk',
            element: (
              <RequirePermission action="dashboard.view">
                <RiskPage />
              </RequirePermission>
            ),
          },
          {
            path: 'dispatch',
            element: (
              <RequirePermission action="dispatch.convene">
                <DispatchPage />
              </RequirePermission>
            ),
          },
          {
            path: 'dispatch/:id',
            element: (
              <RequirePermission action="dispatch.convene">
                <DispatchMeetingPage />
              </RequirePermission>
            ),
          },
          {
            path: 'police-referrals',
            element: (
              <RequirePermission action="linked.police_refer">
                <PoliceReferralsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'patrol',
            element: (
              <RequirePermission action="dispatch.act">
                <PatrolPage />
              </RequirePermission>
            ),
          },
          {
            path: 'referrals',
            element: (
              <RequirePermission action="referral.provide">
                <ReferralQueuePage />
              </RequirePermission>
            ),
          },
          {
            path: 'safety-targets',
            element: (
              <RequirePermission action="dispatch.convene">
                <SafetyTargetsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'joint-tasks',
            element: (
              <RequirePermission action="dispatch.act">
                <JointTasksPage />
              </RequirePermission>
            ),
          },
          {
            path: 'orgs',
            element: (
              <RequirePermission action="org.read">
                <OrgsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'map',
            element: (
              <RequirePermission action="grid.read">
                <MapPage />
              </RequirePermission>
            ),
          },
          {
            path: 'workforce',
            element: (
              <RequirePermission action="workforce.read">
                <RosterPage />
              </RequirePermission>
            ),
          },
          {
            path: 'workforce/training',
            element: (
              <RequirePermission action="workforce.read">
                <TrainingPage />
              </RequirePermission>
            ),
          },
          {
            path: 'workforce/assessment',
            element: (
              <RequirePermission action="workforce.read">
                <AssessmentPage />
              </RequirePermission>
            ),
          },
          {
            path: 'users',
            element: (
              <RequirePermission action="user.read">
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'matters',
            element: (
              <RequirePermission action="matter.work">
                <MattersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'matters/new',
            element: (
              <RequirePermission action="matter.intake">
                <IntakePage />
              </RequirePermission>
            ),
          },
          {
            path: 'matters/:id',
            element: (
              <RequirePermission action="matter.work">
                <MatterPage />
              </RequirePermission>
            ),
          },
          {
            path: 'open311-clients',
            element: (
              <RequirePermission action="open311.manage">
                <Open311ClientsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'config/routing',
            element: (
              <RequirePermission action="config.manage">
                <RoutingRulesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'deliberation',
            element: (
              <RequirePermission action="deliberation.attend">
                <DeliberationPage />
              </RequirePermission>
            ),
          },
          {
            path: 'deliberation/bodies/new',
            element: (
              <RequirePermission action="deliberation.manage">
                <BodyFormPage />
              </RequirePermission>
            ),
          },
          {
            path: 'deliberation/meetings/new',
            element: (
              <RequirePermission action="deliberation.manage">
                <MeetingFormPage />
              </RequirePermission>
            ),
          },
          { path: 'deliberation/bodies/:id', element: <BodyPage /> },
          // Members with a seat (residents too) open their meetings from an invitation.
          { path: 'deliberation/meetings/:id', element: <MeetingPage /> },
          { path: 'messages', element: <MessagesPage /> },
          {
            path: 'config/time-limits',
            element: (
              <RequirePermission action="config.manage">
                <TimeLimitsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'config/holidays',
            element: (
              <RequirePermission action="config.manage">
                <HolidaysPage />
              </RequirePermission>
            ),
          },
          {
            path: 'config/referral-providers',
            element: (
              <RequirePermission action="config.manage">
                <ReferralProvidersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'config/duty-standard',
            element: (
              <RequirePermission action="config.manage">
                <DutyStandardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'config/risk-policies',
            element: (
              <RequirePermission action="config.manage">
                <RiskPoliciesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'config/catalog',
            element: (
              <RequirePermission action="config.manage">
                <CatalogAdminPage />
              </RequirePermission>
            ),
          },
          {
            path: 'config/town-portals',
            element: (
              <RequirePermission action="config.manage">
                <TownPortalsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequirePermission action="audit.read">
                <AuditPage />
              </RequirePermission>
            ),
          },
          {
            path: 'config/court-docking',
            element: (
              <RequirePermission action="config.manage">
                <CourtDockingPage />
              </RequirePermission>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
