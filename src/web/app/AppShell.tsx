import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { SkipLink } from '@digdir/designsystemet-react';
import { useSession } from '../api/session';
import { PageLoading } from '../components/PageLoading';
import { Header } from './Header';
import { EmergencyFooter } from './EmergencyFooter';
import { useLanguageSync } from './useLanguage';
import { useFrameText } from './frame-language';

/** The frame of every page: skip link, header, main content, and the emergency numbers. */
export function AppShell() {
  const frame = useFrameText();
  const { data: session } = useSession();
  useLanguageSync();
  return (
    <div className="app-shell">
      <SkipLink href="#main" lang={frame.lang} dir={frame.dir}>
        {frame.t('skipToContent')}
      </SkipLink>
      <Header session={session ?? null} />
      <main id="main" tabIndex={-1} className="app-main">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <EmergencyFooter />
    </div>
  );
}
