import { useId, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Field, Heading, Label, Link, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { TableRegion } from '../admin/TableRegion';
import { useFormatters } from '../../i18n/format';
import type { CollaborationReport } from '../../../shared/collaboration';
import { collaborationCsvUrl, collaborationQuery } from './api';
import { periodsAt } from './periods';
import { HoursChart } from './HoursChart';
import './collaboration.css';

/**
 * Tid för samverkan: the hours each organisation is present where young people are (planned and
 * reported) and the SSPF meetings it takes part in, per month. A chart and a table with the same
 * numbers, and the table as CSV.
 */
export default function CollaborationTimePage() {
  const { t } = useTranslation('collaboration');
  const periods = useMemo(() => periodsAt(new Date()), []);
  const [periodKey, setPeriodKey] = useState('last6');
  const period = periods.find((candidate) => candidate.key === periodKey) ?? periods[1]!;
  const report = useQuery(collaborationQuery(period.from, period.to));
  const periodId = useId();

  return (
    <Page title={t('title')} width="wide">
      <div className="collaboration">
        <Paragraph>{t('intro')}</Paragraph>
      <div className="collaboration__controls">
        <Field>
          <Label htmlFor={periodId}>{t('period')}</Label>
          <Select id={periodId} value={periodKey} onChange={(event) => setPeriodKey(event.target.value)}>
            {periods.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {t(`periods.${candidate.key}` as 'periods.last6', { from: candidate.from, to: candidate.to })}
              </option>
            ))}
          </Select>
        </Field>
        <Link href={collaborationCsvUrl(period.from, period.to)} download>
          {t('csv')}
        </Link>
      </div>
      {report.isPending ? (
        <PageLoading />
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ReportView report={report.data} />
      )}
      <Heading level={2} data-size="xs">
        {t('method.heading')}
      </Heading>
      <ul className="collaboration__method">
        <li>{t('method.planned')}</li>
        <li>{t('method.reported')}</li>
        <li>{t('method.meetings')}</li>
        <li>{t('method.forumHours')}</li>
        <li>{t('method.visibility')}</li>
      </ul>
      </div>
    </Page>
  );
}

function ReportView({ report }: { report: CollaborationReport }) {
  const { t } = useTranslation('collaboration');
  const format = useFormatters();
  const hours = (value: number) => format.number(Math.round(value * 10) / 10);
  const meetings = (value: number | null) => (value === null ? t('suppressed', { k: report.meetingsSuppressedBelow ?? 5 }) : format.number(value));
  if (report.rows.length === 0) return <Paragraph>{t('empty')}</Paragraph>;
  return (
    <>
      <Paragraph data-size="sm">{report.coverage === 'all' ? t('coverage.all') : t('coverage.own')}</Paragraph>
      {report.meetingsSuppressedBelow !== null && <Paragraph data-size="sm">{t('suppressionNote', { k: report.meetingsSuppressedBelow })}</Paragraph>}
      <HoursChart rows={report.rows} formatHours={hours} />
      <Heading level={2} data-size="xs" id="collaboration-table-heading">
        {t('table.heading')}
      </Heading>
      <TableRegion label={t('table.label')}>
        <Table data-size="sm" zebra className="collaboration__table">
          <caption className="visually-hidden">{t('table.caption', { from: report.from, to: report.to })}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('table.organisation')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('table.month')}</Table.HeaderCell>
              <Table.HeaderCell scope="col" className="collaboration__number">
                {t('table.planned')}
              </Table.HeaderCell>
              <Table.HeaderCell scope="col" className="collaboration__number">
                {t('table.reported')}
              </Table.HeaderCell>
              <Table.HeaderCell scope="col" className="collaboration__number">
                {t('table.meetings')}
              </Table.HeaderCell>
              <Table.HeaderCell scope="col" className="collaboration__number">
                {t('table.forumHours')}
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {report.rows.flatMap((row) => [
              ...row.months.map((month, index) => (
                <Table.Row key={`${row.organisationId}-${month.month}`}>
                  {index === 0 ? (
                    <Table.HeaderCell scope="rowgroup" rowSpan={row.months.length + 1}>
                      {row.organisationName}
                    </Table.HeaderCell>
                  ) : null}
                  <Table.Cell>{month.month}</Table.Cell>
                  <Table.Cell className="collaboration__number">{hours(month.plannedHours)}</Table.Cell>
                  <Table.Cell className="collaboration__number">{hours(month.reportedHours)}</Table.Cell>
                  <Table.Cell className="collaboration__number">{meetings(month.meetings)}</Table.Cell>
                  <Table.Cell className="collaboration__number">{hours(month.forumHours)}</Table.Cell>
                </Table.Row>
              )),
              <Table.Row key={`${row.organisationId}-total`} className="collaboration__total">
                <Table.Cell>{t('table.total')}</Table.Cell>
                <Table.Cell className="collaboration__number">{hours(row.plannedHours)}</Table.Cell>
                <Table.Cell className="collaboration__number">{hours(row.reportedHours)}</Table.Cell>
                <Table.Cell className="collaboration__number">{row.meetings === null ? t('totalSuppressed') : format.number(row.meetings)}</Table.Cell>
                <Table.Cell className="collaboration__number">{hours(row.forumHours)}</Table.Cell>
              </Table.Row>,
            ])}
          </Table.Body>
        </Table>
      </TableRegion>
    </>
  );
}
