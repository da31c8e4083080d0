import { Heading, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { RetentionCounts, RetentionSettingsView } from '../../../shared/retention';
import { EmptyState } from '../../components/EmptyState';
import { useFormatters } from '../../i18n/format';
import { TableRegion } from './TableRegion';

type RetentionRunView = RetentionSettingsView['recentRuns'][number];

/** The order of the count columns: as a run deletes, with the scanned forms next to their consents. */
const RUN_COUNT_COLUMNS: (keyof RetentionCounts)[] = ['case', 'consent', 'consentDocument', 'concern', 'person'];

/** The latest runs, newest first: counts only (the records themselves are gone), and whether it was a dry run. */
export function RetentionRunsTable({ runs }: { runs: RetentionRunView[] }) {
  const { t } = useTranslation('admin');
  const format = useFormatters();
  return (
    <>
      <Heading level={4} data-size="2xs">
        {t('sspf.runs.heading')}
      </Heading>
      {runs.length === 0 ? (
        <EmptyState title={t('sspf.runs.emptyTitle')} headingLevel={4}>
          {t('sspf.runs.empty')}
        </EmptyState>
      ) : (
        <TableRegion label={t('sspf.runs.tableLabel')}>
          <Table data-size="sm" zebra>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t('sspf.runs.when')}</TableHeaderCell>
                <TableHeaderCell>{t('sspf.runs.kind')}</TableHeaderCell>
                {RUN_COUNT_COLUMNS.map((column) => (
                  <TableHeaderCell key={column}>{t(`sspf.runs.counts.${column}`)}</TableHeaderCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {runs.map((run) => (
                <TableRow key={run.id}>
                  <TableCell>{format.dateTime(run.ranAt)}</TableCell>
                  <TableCell>
                    <Tag data-color={run.dryRun ? 'neutral' : 'warning'} data-size="sm">
                      {run.dryRun ? t('sspf.runs.dryRun') : t('sspf.runs.realRun')}
                    </Tag>
                  </TableCell>
                  {RUN_COUNT_COLUMNS.map((column) => (
                    <TableCell key={column}>{format.number(run.counts[column])}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableRegion>
      )}
    </>
  );
}
