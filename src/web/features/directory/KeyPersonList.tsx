import { Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { KeyPerson } from '../../../shared/directory';
import { keyPersonPath } from './paths';

/** An organisation's key persons as a list of cards: names, roles and work contacts wrap on a phone. */
export function KeyPersonList({ persons }: { persons: KeyPerson[] }) {
  const { t } = useTranslation('directory');
  if (persons.length === 0) return <Paragraph data-size="sm">{t('list.noKeyPersons')}</Paragraph>;
  return (
    <ul className="directory-persons">
      {persons.map((person) => (
        <li key={person.id} className="directory-person">
          <p className="directory-person__name">
            <strong>{person.name}</strong>, {person.role === 'annan' ? (person.roleOther ?? t('roles.annan')) : t(`roles.${person.role}`)}
          </p>
          <dl className="directory-person__facts">
            {person.phone && (
              <>
                <dt>{t('person.phone')}</dt>
                <dd>
                  <a href={`tel:${person.phone.replace(/[^+0-9]/g, '')}`}>{person.phone}</a>
                </dd>
              </>
            )}
            {person.email && (
              <>
                <dt>{t('person.email')}</dt>
                <dd>
                  <a href={`mailto:${person.email}`}>{person.email}</a>
                </dd>
              </>
            )}
            {person.memberOf.length > 0 && (
              <>
                <dt>{t('person.memberOf')}</dt>
                <dd>{person.memberOf.map((forum) => forum.name).join(', ')}</dd>
              </>
            )}
            {person.forums.length > 0 && (
              <>
                <dt>{t('person.forums')}</dt>
                <dd>{person.forums.join(', ')}</dd>
              </>
            )}
            <dt>{t('person.legalBasis')}</dt>
            <dd>{person.legalBasis}</dd>
          </dl>
          {person.abilities.update && (
            <Link asChild>
              <RouterLink to={keyPersonPath(person.id)}>{t('list.edit', { name: person.name })}</RouterLink>
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
