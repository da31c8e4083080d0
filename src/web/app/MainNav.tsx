import type { KeyboardEvent } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/roles';
import { appRoutes } from './routes';
import { mayOpen } from './route-types';

export const MAIN_NAV_ID = 'main-nav';

/**
 * The main navigation: every route with a `nav` entry that the active role may open. On a narrow screen
 * it is folded behind the header's menu button (MenuButton): `open` says whether it shows there, and
 * Escape inside it folds it and gives focus back to the button. Wide screens always show it.
 */
export function MainNav({ role, open, onClose }: { role: Role; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const items = appRoutes.filter((route) => route.nav && mayOpen(route, role)).sort((a, b) => a.nav!.order - b.nav!.order);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      onClose();
    }
  };
  return (
    <nav id={MAIN_NAV_ID} aria-label={t('nav.label')} className="main-nav" data-open={open || undefined} onKeyDown={onKeyDown}>
      <ul className="main-nav__list">
        {items.map((route) => (
          <li key={route.path}>
            <NavLink to={route.path} end={route.path === '/'} className="main-nav__link">
              {t(route.nav!.label as never)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
