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
const NotFound = lazy(() => import('./StatusPages').then((m) => ({ default: m.NotFound })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
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
