import { useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LOG_REVIEW_PATHS } from '../../../shared/log-review';
import { AUDIT_OUTCOME_NAMES, AUDIT_OUTCOMES, type AuditFilters } from '../../../shared/audit';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { SelectField } from '../admin/SelectField';
import { organisationsQuery } from '../admin/queries';
import { auditEventsQuery, auditPaths, filterQueryString } from './queries';
import { auditFilterFormSchema, emptyFilterForm, toAuditFilters } from './filters';
import { EventsTable } from './EventsTable';
import { ActionSelectField } from './ActionSelectField';
import { VerificationStatus } from './VerificationStatus';
import { signInPaths } from './sign-in-queries';
import '../admin/admin.css';

/** Loggkontroll: search the access log, export what was found, see whether the log chain is intact. */
export default function AuditLogPage() {
  const { t } = useTranslation('auditLog');
  const [filters, setFilters] = useState<AuditFilters>({});
  return (
    <Page title={t('title')} width="wide">
      <Paragraph>{t('intro')}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={LOG_REVIEW_PATHS.page}>{t('review.link')}</RouterLink>
        </Link>
      </Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={signInPaths.page}>{t('signIns.link')}</RouterLink>
        </Link>
      </Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={auditPaths.findPerson}>{t('personHistory.link')}</RouterLink>
        </Link>
      </Paragraph>
      <VerificationStatus />
      <section aria-labelledby="search-heading" className="admin-section">
        <Heading level={2} data-size="sm" id="search-heading">
          {t('search.heading')}
        </Heading>
        <FilterForm onSearch={setFilters} />
        <Results filters={filters} />
      </section>
    </Page>
  );
}

function FilterForm({ onSearch }: { onSearch: (filters: AuditFilters) => void }) {
  const { t, i18n } = useTranslation('auditLog');
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const organisations = useQuery(organisationsQuery());
  const form = useAppForm(auditFilterFormSchema, { defaultValues: emptyFilterForm });
  const organisationOptions = [
    { value: '', label: t('search.any') },
    ...(organisations.data?.organisations ?? []).map((organisation) => ({ value: organisation.id, label: organisation.name })),
  ];
  const outcomeOptions = [{ value: '', label: t('search.any') }, ...AUDIT_OUTCOMES.map((value) => ({ value, label: AUDIT_OUTCOME_NAMES[value][language] }))];
  return (
    <AppForm id="audit-search" form={form} onSubmit={(values) => onSearch(toAuditFilters(values))} aria-labelledby="search-heading">
      <div className="form-row">
        <ActionSelectField name="action" label={t('search.action')} />
        <SelectField name="outcome" label={t('search.outcome')} options={outcomeOptions} />
        <SelectField name="organisationId" label={t('search.organisation')} options={organisationOptions} />
      </div>
      <div className="form-row">
        <TextField name="from" type="date" label={t('search.from')} optional />
        <TextField name="to" type="date" label={t('search.to')} optional />
      </div>
      <div className="form-row">
        <TextField name="userId" label={t('search.userId')} description={t('search.userIdHelp')} optional spellCheck={false} autoComplete="off" />
        <TextField name="personId" label={t('search.personId')} description={t('search.personIdHelp')} optional spellCheck={false} autoComplete="off" />
      </div>
      <SubmitButton>{t('search.submit')}</SubmitButton>
    </AppForm>
  );
}

function Results({ filters }: { filters: AuditFilters }) {
  const { t } = useTranslation('auditLog');
  const events = useInfiniteQuery(auditEventsQuery(filters));
  const query = filterQueryString(filters);
  const exportUrl = `/api/audit-log/export${query ? `?${query}` : ''}`;
  // A failed "load more" keeps the rows already shown; only a failed first page replaces them.
  const error = events.error;
  if (events.isPending) return <PageLoading />;
  if (!events.data) return <QueryError error={error} onRetry={() => void events.refetch()} />;
  const rows = events.data.pages.flatMap((page) => page.events);
  return (
    <div className="stack">
      <Heading level={3} data-size="xs">
        {t('search.resultsHeading')}
      </Heading>
      <Paragraph data-size="sm" role="status">
        {events.hasNextPage ? t('search.resultsMore', { count: rows.length }) : t('search.results', { count: rows.length })}
      </Paragraph>
      {rows.length === 0 ? (
        <EmptyState title={t('search.emptyTitle')} headingLevel={4}>
          {t('search.empty')}
        </EmptyState>
      ) : (
        <>
          <EventsTable
            label={t('search.tableLabel')}
            events={rows}
            hasMore={events.hasNextPage}
            loadingMore={events.isFetchingNextPage}
            onLoadMore={() => void events.fetchNextPage()}
          />
          <Paragraph data-size="sm">
            <Link href={exportUrl} download>
              {t('search.export')}
            </Link>{' '}
            {t('search.exportHelp')}
          </Paragraph>
        </>
      )}
      {events.isFetchNextPageError && <QueryError error={error} />}
    </div>
  );
}
