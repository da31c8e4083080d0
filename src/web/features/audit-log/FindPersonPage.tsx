import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, isApiError } from '../../api/client';
import { paths } from '../../app/paths';
import { personListItemSchema, personLookupSchema, personSearchQuerySchema, personSearchResultSchema, type PersonListItem } from '../../../shared/persons';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { Page } from '../../components/Page';
import { EmptyState } from '../../components/EmptyState';
import { useFormatters } from '../../i18n/format';
import { auditPaths } from './queries';
import '../admin/admin.css';

/**
 * "Vem har läst om det här barnet?": find the person by personnummer (POST, so the number stays out of
 * URLs and logs) or by name, then open their access history.
 */
export default function FindPersonPage() {
  const { t } = useTranslation('auditLog');
  return (
    <Page title={t('findPerson.title')} width="narrow">
      <Link asChild>
        <RouterLink to={paths.auditLog}>{t('back')}</RouterLink>
      </Link>
      <Paragraph>{t('findPerson.intro')}</Paragraph>
      <LookupByIdentityNumber />
      <SearchByName />
    </Page>
  );
}

function LookupByIdentityNumber() {
  const { t } = useTranslation('auditLog');
  const navigate = useNavigate();
  const form = useAppForm(personLookupSchema, { defaultValues: { identityNumber: '' } });
  const lookup = useMutation({
    mutationFn: (values: z.output<typeof personLookupSchema>) => api('/api/persons/lookup', { method: 'POST', body: values, schema: personListItemSchema }),
  });
  return (
    <section aria-labelledby="lookup-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="lookup-heading">
        {t('findPerson.byIdentityNumber')}
      </Heading>
      <AppForm
        id="person-lookup"
        form={form}
        aria-labelledby="lookup-heading"
        describeError={(error) => (isApiError(error) && error.status === 404 ? { field: 'identityNumber', message: t('findPerson.notFound') } : undefined)}
        onSubmit={async (values) => {
          const person = await lookup.mutateAsync(values);
          if (person.abilities.lookupForReview) await navigate(auditPaths.person(person.id));
        }}
      >
        <TextField name="identityNumber" label={t('findPerson.identityNumber')} description={t('findPerson.identityNumberHelp')} inputMode="numeric" autoComplete="off" />
        <SubmitButton>{t('findPerson.find')}</SubmitButton>
      </AppForm>
      {lookup.isSuccess && !lookup.data.abilities.lookupForReview && <Paragraph role="status">{t('findPerson.notAllowed')}</Paragraph>}
    </section>
  );
}

function SearchByName() {
  const { t } = useTranslation('auditLog');
  const [found, setFound] = useState<{ persons: PersonListItem[]; truncated: boolean } | null>(null);
  const form = useAppForm(personSearchQuerySchema, { defaultValues: { q: '' } });
  return (
    <section aria-labelledby="name-search-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="name-search-heading">
        {t('findPerson.byName')}
      </Heading>
      <AppForm
        id="person-search"
        form={form}
        aria-labelledby="name-search-heading"
        onSubmit={async (values) => {
          setFound(await api(`/api/persons?${new URLSearchParams({ q: values.q }).toString()}`, { schema: personSearchResultSchema }));
        }}
      >
        <TextField name="q" type="search" label={t('findPerson.name')} autoComplete="off" />
        <SubmitButton variant="secondary">{t('findPerson.search')}</SubmitButton>
      </AppForm>
      {found && <SearchResults persons={found.persons} truncated={found.truncated} />}
    </section>
  );
}

function SearchResults({ persons, truncated }: { persons: PersonListItem[]; truncated: boolean }) {
  const { t } = useTranslation('auditLog');
  const format = useFormatters();
  const reviewable = persons.filter((person) => person.abilities.lookupForReview);
  return (
    <div className="stack">
      <Paragraph role="status" data-size="sm">
        {t('findPerson.found', { count: reviewable.length })}
        {truncated && ` ${t('findPerson.truncated')}`}
      </Paragraph>
      {reviewable.length === 0 ? (
        <EmptyState title={t('findPerson.noneTitle')}>{t('findPerson.none')}</EmptyState>
      ) : (
        <ul className="card-list">
          {reviewable.map((person) => (
            <li key={person.id}>
              <Link asChild>
                <RouterLink to={auditPaths.person(person.id)}>
                  {person.firstName} {person.lastName}
                </RouterLink>
              </Link>{' '}
              <span className="audit-muted">{t('findPerson.born', { date: format.date(person.birthDate) })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
