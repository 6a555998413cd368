import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/login/LoginPage';
import { FullPageSpin, RequireAnyRole, RequireAuth, RequirePermission } from './auth';
import { RouteError } from './ErrorBoundary';
import { matterIntakeRoles, matterWorkRoles } from './roleGates';

// Everything behind the login is loaded on demand: the login screen stays small and never loads Leaflet.
const AppLayout = lazy(() => import('./AppLayout').then((m) => ({ default: m.AppLayout })));
const HomePage = lazy(() => import('../features/home/HomePage').then((m) => ({ default: m.HomePage })));
const OrgsPage = lazy(() => import('../features/orgs/OrgsPage').then((m) => ({ default: m.OrgsPage })));
const MapPage = lazy(() => import('../features/map/MapPage').then((m) => ({ default: m.MapPage })));
const UsersPage = lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const NotFound = lazy(() => import('./StatusPages').then((m) => ({ default: m.NotFound })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
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
const DashboardPage = lazy(() =>
  import('../features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);
const WallPage = lazy(() => import('../features/dashboard/WallPage').then((m) => ({ default: m.WallPage })));
// The residents' pages: no login, their own light layout (phone first).
const PublicLayout = lazy(() =>
  import('../features/public/PublicLayout').then((m) => ({ default: m.PublicLayout })),
);
const PublicSubmitPage = lazy(() =>
  import('../features/public/PublicSubmitPage').then((m) => ({ default: m.PublicSubmitPage })),
);
const PublicTrackPage = lazy(() =>
  import('../features/public/PublicTrackPage').then((m) => ({ default: m.PublicTrackPage })),
);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/public',
    element: (
      <Suspense fallback={<FullPageSpin tip="正在加载…" />}>
        <PublicLayout />
      </Suspense>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/public/submit" replace /> },
      { path: 'submit', element: <PublicSubmitPage /> },
      { path: 'track', element: <PublicTrackPage /> },
    ],
  },
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
              <RequireAnyRole roles={matterWorkRoles}>
                <MattersPage />
              </RequireAnyRole>
            ),
          },
          {
            path: 'matters/new',
            element: (
              <RequireAnyRole roles={matterIntakeRoles}>
                <IntakePage />
              </RequireAnyRole>
            ),
          },
          {
            path: 'matters/:id',
            element: (
              <RequireAnyRole roles={matterWorkRoles}>
                <MatterPage />
              </RequireAnyRole>
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
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
