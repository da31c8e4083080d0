import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../shared/session';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';
import { MainNav } from './MainNav';
import { paths } from './paths';

/** Name, where you are working (collaboration area and organisation), language, user menu, navigation. */
export function Header({ session }: { session: SessionInfo | null }) {
  const { t } = useTranslation();
  const active = session?.active ?? null;
  return (
    <header className="app-header">
      <div className="app-header__bar">
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
        </div>
      </div>
      {active && !session?.twoFactorRequired && <MainNav role={active.role} />}
    </header>
  );
}
