import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { useFormatters } from '../../i18n/format';
import { auditPaths, personHistoryQuery } from './queries';
import { EventsTable } from './EventsTable';
import { RegisterExtractSection } from './RegisterExtractSection';
import '../admin/admin.css';

/** Everyone who has read or changed anything about one person, newest first. */
export default function PersonHistoryPage() {
  const { t } = useTranslation('auditLog');
  const format = useFormatters();
  const { personId = '' } = useParams();
  const history = useInfiniteQuery(personHistoryQuery(personId));
  const person = history.data?.pages[0]?.person;
  const name = person ? `${person.firstName} ${person.lastName}` : null;
  const historyError = history.error;
  const rows = history.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <Page title={name ? t('personHistory.titleFor', { name }) : t('personHistory.title')} width="wide">
      <Link asChild>
        <RouterLink to={auditPaths.findPerson}>{t('personHistory.findAnother')}</RouterLink>
      </Link>
      {history.isPending ? (
        <PageLoading />
      ) : !history.data ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <>
          <Paragraph>
            {person ? t('personHistory.born', { date: format.date(person.birthDate) }) : t('personHistory.removed')} {t('personHistory.intro')}
          </Paragraph>
          <Paragraph data-size="sm" role="status">
            {history.hasNextPage ? t('search.resultsMore', { count: rows.length }) : t('search.results', { count: rows.length })}
          </Paragraph>
          {rows.length === 0 ? (
            <EmptyState title={t('personHistory.emptyTitle')} headingLevel={2}>
              {t('personHistory.empty')}
            </EmptyState>
          ) : (
            <EventsTable
              label={t('personHistory.tableLabel')}
              events={rows}
              showPerson={false}
              hasMore={history.hasNextPage}
              loadingMore={history.isFetchingNextPage}
              onLoadMore={() => void history.fetchNextPage()}
            />
          )}
          {history.isFetchNextPageError && <QueryError error={historyError} />}
          {person && <RegisterExtractSection personId={person.id} />}
        </>
      )}
    </Page>
  );
}
