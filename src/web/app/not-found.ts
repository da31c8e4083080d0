import { lazy } from 'react';

/** The 404 page: for unknown paths, and for pages the active role may not open (no hint that they exist). */
export const NotFoundPage = lazy(() => import('../features/not-found/NotFoundPage'));
