import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Field, Heading, Label, Link, Paragraph, Select, Textfield } from '@digdir/designsystemet-react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { organisationTypeName } from '../../app/role-names';
import { KEY_PERSON_ROLES, keyPersonRoleSchema, type DirectoryQuery } from '../../../shared/directory';
import { directoryQuery } from './queries';
import { DIRECTORY_PATHS, directoryOrganisationPath } from './paths';
import { KeyPersonList } from './KeyPersonList';
import './directory.css';

/** Katalog: the tenant's organisations and their key persons, searchable, filtered by organisation and role. */
export default function DirectoryPage() {
  const { t, i18n } = useTranslation('directory');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const organisationId = params.get('organisation') ?? '';
  const role = keyPersonRoleSchema.safeParse(params.get('roll')).data;
  const [typed, setTyped] = useState(q);
  const query: DirectoryQuery = { ...(q ? { q } : {}), ...(organisationId ? { organisationId } : {}), ...(role ? { role } : {}) };
  const directory = useQuery(directoryQuery(query));
  const all = useQuery(directoryQuery({}));
  const filtered = q !== '' || organisationId !== '' || role !== undefined;

  const setFilter = (key: 'q' | 'organisation' | 'roll', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  // The search follows the typing after a short pause, so each key press is not a request.
  useEffect(() => {
    if (typed.trim() === q) return;
    const timer = setTimeout(() => setFilter('q', typed.trim()), 300);
    return () => clearTimeout(timer);
  });

  const count = directory.data?.organisations.reduce((sum, org) => sum + org.keyPersons.length, 0) ?? 0;

  return (
    <Page title={t('title')} width="default">
      <Paragraph>{t('intro')}</Paragraph>
      {directory.data?.abilities.create && (
        <div className="directory-actions">
          <Link asChild>
            <RouterLink to={DIRECTORY_PATHS.newKeyPerson}>{t('add')}</RouterLink>
          </Link>
        </div>
      )}
      <form role="search" className="directory-filters" aria-label={t('filters.heading')} onSubmit={(event) => { event.preventDefault(); setFilter('q', typed.trim()); }}>
        <Textfield id="directory-search" type="search" label={t('filters.search')} description={t('filters.searchHelp')} value={typed} onChange={(event) => setTyped(event.target.value)} />
        <Field>
          <Label htmlFor="directory-filter-organisation">{t('filters.organisation')}</Label>
          <Select id="directory-filter-organisation" value={organisationId} onChange={(event) => setFilter('organisation', event.target.value)}>
            <option value="">{t('filters.all')}</option>
            {(all.data?.allOrganisations ?? []).map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="directory-filter-role">{t('filters.role')}</Label>
          <Select id="directory-filter-role" value={role ?? ''} onChange={(event) => setFilter('roll', event.target.value)}>
            <option value="">{t('filters.all')}</option>
            {KEY_PERSON_ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
      </form>
      {directory.isPending ? (
        <PageLoading />
      ) : directory.isError ? (
        <QueryError error={directory.error} onRetry={() => void directory.refetch()} />
      ) : (
        <>
          <Paragraph role="status" data-size="sm">
            {t('list.count', { count, organisations: directory.data.organisations.length })}
          </Paragraph>
          {directory.data.organisations.length === 0 ? (
            <EmptyState title={t('empty.title')} headingLevel={2}>
              {filtered ? t('empty.filtered') : t('empty.body')}
            </EmptyState>
          ) : (
            <ul className="directory-organisations">
              {directory.data.organisations.map((org) => (
                <li key={org.id}>
                  <Heading level={2} data-size="xs">
                    <Link asChild>
                      <RouterLink to={directoryOrganisationPath(org.id)}>{org.name}</RouterLink>
                    </Link>
                  </Heading>
                  <Paragraph data-size="sm">
                    {organisationTypeName(org.type, i18n.language)}
                    {org.organisationNumber && ` · ${t('organisation.number')} ${org.organisationNumber}`}
                    {!org.active && ` · ${t('organisation.inactive')}`}
                  </Paragraph>
                  <KeyPersonList persons={org.keyPersons} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}
