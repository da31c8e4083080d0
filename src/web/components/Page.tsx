import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { Heading } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** The path whose h1 last had focus; null before the first page, which keeps the browser's own focus. */
let lastFocusedPath: string | null = null;

export interface PageProps {
  /** The page's name: its h1 and the first part of the unique <title>. */
  title: string;
  /** A different visible heading, when the title alone would be too terse. */
  heading?: ReactNode;
  /** Content width: `narrow` for forms, `wide` for tables. */
  width?: 'narrow' | 'default' | 'wide';
  children?: ReactNode;
}

/**
 * Every page renders inside <Page>. It sets `<title>` ("Mitt konto – Samverka") and moves focus to the
 * h1 after a client-side navigation, so screen reader and keyboard users start at the new content.
 */
export function Page({ title, heading, width = 'default', children }: PageProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    document.title = `${title} – ${t('appName')}`;
  }, [title, t]);

  useEffect(() => {
    if (lastFocusedPath !== null && lastFocusedPath !== pathname) headingRef.current?.focus();
    lastFocusedPath = pathname;
  }, [pathname]);

  return (
    <div className={`page page--${width}`}>
      <Heading level={1} data-size="lg" ref={headingRef} tabIndex={-1} className="page__heading">
        {heading ?? title}
      </Heading>
      {children}
    </div>
  );
}
