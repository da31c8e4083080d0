import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { Field, Label, Link, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
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

/** /samverkan: the SSPF cases the viewer takes part in. The status filter lives in the URL. */
export default function CasesPage() {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const format = useFormatters();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const parsedStatus = caseStatusSchema.safeParse(params.get('status'));
  const status = parsedStatus.success ? parsedStatus.data : undefined;
  const cases = useQuery(caseListQuery({ status }));
  const isCoordinator = session.data?.active?.role === 'koordinator';

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
        {cases.isError ? <QueryError error={cases.error} onRetry={() => void cases.refetch()} /> : null}
        {cases.data && cases.data.cases.length === 0 ? (
          <EmptyState title={status ? t('list.emptyFiltered') : t('list.empty')} headingLevel={3}>
            {isCoordinator ? t('list.emptyCoordinator') : t('list.emptyMember')}
          </EmptyState>
        ) : null}
        {cases.data && cases.data.cases.length > 0 ? (
          <>
            <Paragraph data-size="sm" aria-live="polite">
              {t('list.count', { count: cases.data.cases.length })}
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
                  {cases.data.cases.map((row) => (
                    <Table.Row key={row.id}>
                      <Table.Cell>
                        <Link asChild>
                          <RouterLink to={casePaths.case(row.id)}>{row.personName}</RouterLink>
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
          </>
        ) : null}
      </section>
    </Page>
  );
}
