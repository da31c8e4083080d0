import { useState } from 'react';
import { Dropdown } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SessionInfo } from '../../shared/session';
import { roleName } from './role-names';
import { paths } from './paths';
import { useSignOut } from './useSignOut';

/** The signed-in user's name, opening: who am I working as, switch role, my account, sign out. */
export function UserMenu({ session }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const go = (path: string) => {
    setOpen(false);
    void navigate(path);
  };

  return (
    <Dropdown.TriggerContext>
      <Dropdown.Trigger variant="tertiary" data-size="sm" aria-expanded={open} className="user-menu__trigger">
        {/* On a phone only the icon shows (global.css); the name stays in the button's accessible name. */}
        <svg aria-hidden="true" focusable="false" className="user-menu__icon" width="1.25em" height="1.25em" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="12" cy="8" r="4" />
          <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7" />
        </svg>
        <span className="user-menu__name">{session.user.name}</span>
        <span className="visually-hidden"> {t('userMenu.label')}</span>
        <svg aria-hidden="true" focusable="false" width="1em" height="1em" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="m6 9 6 6 6-6" />
        </svg>
      </Dropdown.Trigger>
      <Dropdown placement="bottom-end" open={open} onOpen={() => setOpen(true)} onClose={() => setOpen(false)} className="user-menu">
        <Dropdown.Heading>
          <span className="user-menu__email">{session.user.email}</span>
          {session.active && <span className="user-menu__role">{roleName(session.active.role, i18n.language)}</span>}
        </Dropdown.Heading>
        <Dropdown.List>
          {session.memberships.length > 1 && (
            <Dropdown.Item>
              <Dropdown.Button onClick={() => go(paths.chooseMembership)}>{t('userMenu.switchRole')}</Dropdown.Button>
            </Dropdown.Item>
          )}
          <Dropdown.Item>
            <Dropdown.Button onClick={() => go(paths.account)}>{t('nav.account')}</Dropdown.Button>
          </Dropdown.Item>
          <Dropdown.Item>
            <Dropdown.Button
              onClick={() => {
                setOpen(false);
                void signOut();
              }}
            >
              {t('userMenu.signOut')}
            </Dropdown.Button>
          </Dropdown.Item>
        </Dropdown.List>
      </Dropdown>
    </Dropdown.TriggerContext>
  );
}
