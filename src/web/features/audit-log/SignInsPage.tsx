import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AUDIT_OUTCOME_NAMES, SECURITY_EVENT_KINDS, securityEventName } from '../../../shared/audit';
import { SECURITY_OUTCOMES, type SignInLogFilters } from '../../../shared/security-log';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { paths } from '../../app/paths';
import { SelectField } from '../admin/SelectField';
import { emptySignInFilterForm, signInEventsQuery, signInFilterFormSchema, toSignInFilters } from './sign-in-queries';
import { SignInsTable } from './SignInsTable';
import '../admin/admin.css';

/**
 * Loggkontroll's "Inloggningar": the security log's events for the tenant's users (sign-ins, failures,
 * lockouts, second-factor codes, single sign-on, password changes, signing out everywhere), beside the
 * access log. The server shows only the events of users who were members here when they happened.
 */
export default function SignInsPage() {
  const { t } = useTranslation('auditLog');
  const [filters, setFilters] = useState<SignInLogFilters>({});
  return (
    <Page title={t('signIns.title')} width="wide">
      <Link asChild>
        <RouterLink to={paths.auditLog}>{t('back')}</RouterLink>
      </Link>
      <Paragraph>{t('signIns.intro')}</Paragraph>
      <section aria-labelledby="sign-ins-search-heading" className="admin-section">
        <Heading level={2} data-size="sm" id="sign-ins-search-heading">
          {t('signIns.searchHeading')}
        </Heading>
        <FilterForm onSearch={setFilters} />
        <Results filters={filters} />
      </section>
    </Page>
  );
}

function FilterForm({ onSearch }: { onSearch: (filters: SignInLogFilters) => void }) {
  const { t, i18n } = useTranslation('auditLog');
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const form = useAppForm(signInFilterFormSchema, { defaultValues: emptySignInFilterForm });
  const kindOptions = [{ value: '', label: t('search.any') }, ...SECURITY_EVENT_KINDS.map((value) => ({ value, label: securityEventName(value, language) }))];
  const outcomeOptions = [{ value: '', label: t('search.any') }, ...SECURITY_OUTCOMES.map((value) => ({ value, label: AUDIT_OUTCOME_NAMES[value][language] }))];
  return (
    <AppForm id="sign-ins-search" form={form} onSubmit={(values) => onSearch(toSignInFilters(values))} aria-labelledby="sign-ins-search-heading">
      <div className="form-row">
        <SelectField name="kind" label={t('signIns.kind')} options={kindOptions} />
        <SelectField name="outcome" label={t('search.outcome')} options={outcomeOptions} />
      </div>
      <div className="form-row">
        <TextField name="from" type="date" label={t('search.from')} optional />
        <TextField name="to" type="date" label={t('search.to')} optional />
      </div>
      <div className="form-row">
        <TextField name="userId" label={t('search.userId')} description={t('signIns.userIdHelp')} optional spellCheck={false} autoComplete="off" />
      </div>
      <SubmitButton>{t('search.submit')}</SubmitButton>
    </AppForm>
  );
}

function Results({ filters }: { filters: SignInLogFilters }) {
  const { t } = useTranslation('auditLog');
  const events = useInfiniteQuery(signInEventsQuery(filters));
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
          {t('signIns.empty')}
        </EmptyState>
      ) : (
        <SignInsTable events={rows} hasMore={events.hasNextPage} loadingMore={events.isFetchingNextPage} onLoadMore={() => void events.fetchNextPage()} />
      )}
      {events.isFetchNextPageError && <QueryError error={error} />}
    </div>
  );
}
