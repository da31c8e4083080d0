import { useQuery } from '@tanstack/react-query';
import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { TableRegion } from '../admin/TableRegion';
import { useFormatters } from '../../i18n/format';
import type { ReciprocityRowCell } from '../../../shared/housing-exchange';
import { reciprocityQuery } from './queries';

/**
 * Reciprocity (issue 16 §4): per municipality, the last 12 months. Small figures come suppressed from the
 * server (suppressCount with the tenant's k): they read "färre än k", in the table and in the text below it,
 * which says the same for those who do not read tables.
 */
export function ReciprocitySection() {
  const { t } = useTranslation('housingExchange');
  const format = useFormatters();
  const reciprocity = useQuery(reciprocityQuery());
  const data = reciprocity.data;
  const cell = (value: ReciprocityRowCell) => (value.kind === 'suppressed' ? t('reciprocity.suppressed', { k: data?.k ?? 0 }) : format.number(value.value ?? 0));
  return (
    <section className="exchange-section" aria-labelledby="exchange-reciprocity">
      <Heading level={2} data-size="sm" id="exchange-reciprocity">
        {t('reciprocity.title')}
      </Heading>
      {reciprocity.isPending ? <PageLoading /> : null}
      {reciprocity.isError ? <QueryError error={reciprocity.error} onRetry={() => void reciprocity.refetch()} /> : null}
      {data ? <Paragraph>{t('reciprocity.intro', { k: data.k })}</Paragraph> : null}
      {data && data.rows.length === 0 ? <Paragraph>{t('reciprocity.empty')}</Paragraph> : null}
      {data && data.rows.length > 0 ? (
        <>
          <TableRegion label={t('reciprocity.region')}>
            <Table data-size="sm">
              <caption>{t('reciprocity.caption', { from: format.date(data.from), to: format.date(data.to) })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('reciprocity.municipality')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('reciprocity.offersGiven')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('reciprocity.offersReceived')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('reciprocity.movesCompleted')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {data.rows.map((row) => (
                  <Table.Row key={row.municipalityCode ?? row.name}>
                    <Table.HeaderCell scope="row">{row.name}</Table.HeaderCell>
                    <Table.Cell>{cell(row.offersGiven)}</Table.Cell>
                    <Table.Cell>{cell(row.offersReceived)}</Table.Cell>
                    <Table.Cell>{cell(row.movesCompleted)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </TableRegion>
          <details>
            <summary>{t('reciprocity.textTitle')}</summary>
            <ul>
              {data.rows.map((row) => (
                <li key={row.municipalityCode ?? row.name}>
                  {t('reciprocity.textRow', { name: row.name, given: cell(row.offersGiven), received: cell(row.offersReceived), moves: cell(row.movesCompleted) })}
                </li>
              ))}
            </ul>
          </details>
        </>
      ) : null}
    </section>
  );
}
