import { useEffect, useRef, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { Button, Field, Label, Link, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { useFormatters } from '../../i18n/format';
import { useSession } from '../../api/session';
import { TableRegion } from '../admin/TableRegion';
import { CASE_STATUSES, CASE_STATUS_NAMES, caseStatusSchema } from '../../../shared/cases';
import { caseListQuery, casePaths, nameOf } from './queries';
import { OpenCaseSection } from './OpenCaseSection';
import './cases.css';

/**
 * /samverkan: the SSPF cases the viewer takes part in, a page at a time (newest change first), with
 * "Visa fler ärenden" under the table while there are more. The status filter lives in the URL.
 */
export default function CasesPage() {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const format = useFormatters();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const parsedStatus = caseStatusSchema.safeParse(params.get('status'));
  const status = parsedStatus.success ? parsedStatus.data : undefined;
  const cases = useInfiniteQuery(caseListQuery({ status }));
  const isCoordinator = session.data?.active?.role === 'koordinator';
  const rows = cases.data?.pages.flatMap((page) => page.cases) ?? [];
  const more = cases.hasNextPage;
  // After "show more", focus moves to the first new case's link; when the page added none (every case
  // on it hidden from this viewer) it stays on the button, or goes to the count when the list ended.
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const firstNew = useRef<HTMLAnchorElement>(null);
  const count = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focusAt === null) return;
    if (focusAt < rows.length) firstNew.current?.focus();
    else if (!more) count.current?.focus();
    setFocusAt(null);
  }, [focusAt, rows.length, more]);
  // A viewer who sees nothing of every case on the pages read so far (a team member whose consent was
  // withdrawn on the newest ones) would be shown "0 cases, there are more": read on until a case shows
  // or the list ends, so the empty state is one the list computed.
  const { hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = cases;
  const readingOn = rows.length === 0 && hasNextPage && !isFetchNextPageError;
  useEffect(() => {
    if (readingOn && !isFetching) void fetchNextPage();
  }, [readingOn, isFetching, fetchNextPage]);
  const showMore = async () => {
    if (cases.isFetchingNextPage) return;
    const shown = rows.length;
    const result = await cases.fetchNextPage();
    if (!result.isError) setFocusAt(shown);
  };

  return (
    <Page title={t('list.title')}>
      <Paragraph>{t('list.intro')}</Paragraph>
      {isCoordinator ? <OpenCaseSection /> : null}
      <section aria-labelledby="cases-list-heading" className="stack">
        <h2 id="cases-list-heading" className="visually-hidden">
          {t('list.heading')}
        </h2>
        <div className="cases-filters">
          <Field>
            <Label htmlFor="cases-status">{t('list.status')}</Label>
            <Select
              id="cases-status"
              value={status ?? ''}
              onChange={(event) => {
                const next = new URLSearchParams(params);
                if (event.target.value) next.set('status', event.target.value);
                else next.delete('status');
                setParams(next, { replace: true });
              }}
            >
              <Select.Option value="">{t('list.allStatuses')}</Select.Option>
              {CASE_STATUSES.map((value) => (
                <Select.Option key={value} value={value}>
                  {nameOf(CASE_STATUS_NAMES, value, language)}
                </Select.Option>
              ))}
            </Select>
          </Field>
        </div>
        {cases.isPending ? <PageLoading /> : null}
        {/* A failed "show more" keeps the cases already shown; only a failed first page replaces them. */}
        {cases.isError && !cases.data ? <QueryError error={cases.error} onRetry={() => void cases.refetch()} /> : null}
        {cases.data && readingOn ? <PageLoading /> : null}
        {cases.data && rows.length === 0 && isFetchNextPageError ? <QueryError error={cases.error} onRetry={() => void fetchNextPage()} /> : null}
        {cases.data && rows.length === 0 && !more ? (
          <EmptyState title={status ? t('list.emptyFiltered') : t('list.empty')} headingLevel={3}>
            {isCoordinator ? t('list.emptyCoordinator') : t('list.emptyMember')}
          </EmptyState>
        ) : null}
        {cases.data && rows.length > 0 ? (
          <>
            <Paragraph data-size="sm" aria-live="polite" ref={count} tabIndex={-1}>
              {more ? t('list.countMore', { count: rows.length }) : t('list.count', { count: rows.length })}
            </Paragraph>
            <TableRegion label={t('list.heading')}>
              <Table>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('list.columns.person')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('list.columns.status')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('list.columns.director')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('list.columns.overdue')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('list.columns.nextMeeting')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {rows.map((row, index) => (
                    <Table.Row key={row.id}>
                      <Table.Cell>
                        <Link asChild>
                          <RouterLink to={casePaths.case(row.id)} ref={index === focusAt ? firstNew : undefined}>
                            {row.personName}
                          </RouterLink>
                        </Link>{' '}
                        <span className="cases-muted">{t('age', { count: row.personAge })}</span>
                      </Table.Cell>
                      <Table.Cell>
                        <Tag data-color={row.status === 'avslutad' ? 'neutral' : 'info'} data-size="sm">
                          {nameOf(CASE_STATUS_NAMES, row.status, language)}
                        </Tag>
                      </Table.Cell>
                      <Table.Cell>{row.directorName}</Table.Cell>
                      <Table.Cell>
                        {row.overdueActions > 0 ? (
                          <Tag data-color="danger" data-size="sm">
                            {t('list.overdue', { count: row.overdueActions })}
                          </Tag>
                        ) : (
                          t('list.noneOverdue')
                        )}
                      </Table.Cell>
                      <Table.Cell>{row.nextMeetingOn ? format.date(row.nextMeetingOn) : t('list.noMeeting')}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </TableRegion>
            {more ? (
              <div>
                <Button variant="secondary" loading={cases.isFetchingNextPage} onClick={() => void showMore()}>
                  {t('list.showMore')}
                </Button>
              </div>
            ) : null}
            {cases.isFetchNextPageError ? <QueryError error={cases.error} /> : null}
          </>
        ) : null}
      </section>
    </Page>
  );
}
