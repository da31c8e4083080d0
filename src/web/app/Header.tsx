import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link as RouterLink, useLocation } from 'react-router';
import { Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../shared/session';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';
import { MainNav, MAIN_NAV_ID } from './MainNav';
import { paths } from './paths';

/**
 * Name, where you are working (collaboration area and organisation), language, user menu, navigation.
 * On a narrow screen (CSS, max-width 40rem) the navigation folds behind a menu button, so a phone shows
 * the page and not a screenful of links.
 */
export function Header({ session }: { session: SessionInfo | null }) {
  const { t } = useTranslation();
  const active = session?.active ?? null;
  const showNav = Boolean(active && !session?.twoFactorRequired);
  const [navOpen, setNavOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  // A link chosen in the menu leads to another page: fold the menu there (the page's h1 takes focus).
  useEffect(() => setNavOpen(false), [pathname]);
  const closeNav = () => {
    setNavOpen(false);
    menuButton.current?.focus();
  };
  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && navOpen) {
      event.preventDefault();
      setNavOpen(false);
    }
  };
  return (
    <header className="app-header">
      <div className={showNav ? 'app-header__bar app-header__bar--with-menu' : 'app-header__bar'}>
        <RouterLink to={session ? paths.home : paths.signIn} className="app-header__brand">
          <span className="app-header__logo" aria-hidden="true" />
          {t('appName')}
        </RouterLink>
        {active && (
          <p className="app-header__context">
            <span className="visually-hidden">{t('header.workingIn')} </span>
            <span className="app-header__tenant">{active.tenantName}</span>
            <span className="app-header__organisation">{active.organisationName}</span>
          </p>
        )}
        <div className="app-header__tools">
          <LanguageSwitch />
          {session && <UserMenu session={session} />}
          {showNav && (
            <Button
              ref={menuButton}
              variant="secondary"
              data-size="sm"
              className="main-nav-toggle"
              aria-expanded={navOpen}
              aria-controls={MAIN_NAV_ID}
              onClick={() => setNavOpen((open) => !open)}
              onKeyDown={onButtonKeyDown}
            >
              <svg aria-hidden="true" focusable="false" width="1.25em" height="1.25em" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
                {navOpen ? <path d="M6 6l12 12M18 6 6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
              </svg>
              {t('nav.menu')}
            </Button>
          )}
        </div>
      </div>
      {showNav && active && <MainNav role={active.role} open={navOpen} onClose={closeNav} />}
    </header>
  );
}
