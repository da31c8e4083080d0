import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/roles';
import { appRoutes } from './routes';
import { mayOpen } from './route-types';

/** The main navigation: every route with a `nav` entry that the active role may open. */
export function MainNav({ role }: { role: Role }) {
  const { t } = useTranslation();
  const items = appRoutes.filter((route) => route.nav && mayOpen(route, role)).sort((a, b) => a.nav!.order - b.nav!.order);
  return (
    <nav aria-label={t('nav.label')} className="main-nav">
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
