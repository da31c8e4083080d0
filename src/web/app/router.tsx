import { Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { appRoutes, visitorPages } from './routes';
import { AppShell } from './AppShell';
import { RouteGate } from './RouteGate';
import { RouteError } from './RouteError';
import { NotFoundPage } from './not-found';
import { PageLoading } from '../components/PageLoading';

/** The page a visitor who is not signed in sees at `path` instead of the sign-in page, if any. */
function visitorPage(path: string) {
  const Visitor = visitorPages.get(path);
  return Visitor ? (
    <Suspense fallback={<PageLoading />}>
      <Visitor />
    </Suspense>
  ) : undefined;
}

/** The router is built from the route registry (routes.ts); nothing here changes when a page is added. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppShell />,
      errorElement: <RouteError />,
      children: [
        ...appRoutes.map(({ component: Component, ...route }) => ({
          path: route.path,
          element: (
            <RouteGate route={{ component: Component, ...route }} visitor={visitorPage(route.path)}>
              <Suspense fallback={<PageLoading />}>
                <Component />
              </Suspense>
            </RouteGate>
          ),
        })),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
