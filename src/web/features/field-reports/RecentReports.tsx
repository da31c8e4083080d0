import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { EmptyState } from '../../components/EmptyState';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { fetchRecent, fieldReportKeys } from './queries';
import { formatDateTime, formatTime } from './format';

/** The tenant's latest field reports this user may see (the server filters by visibility). Online only: nothing is kept. */
export function RecentReports({ enabled }: { enabled: boolean }) {
  const { t, i18n } = useTranslation('fieldReports');
  const session = useSession();
  const membershipId = session.data?.active?.membershipId ?? '';
  const recent = useQuery({ queryKey: fieldReportKeys.recent(membershipId), queryFn: fetchRecent, enabled: enabled && membershipId !== '' });
  return (
    <section aria-labelledby="field-recent-heading" className="stack field-recent">
      <Heading level={2} data-size="xs" id="field-recent-heading">
        {t('recent.heading')}
      </Heading>
      {!enabled ? (
        <Paragraph data-size="sm">{t('recent.offline')}</Paragraph>
      ) : recent.isPending ? (
        <PageLoading />
      ) : recent.isError ? (
        <QueryError error={recent.error} onRetry={() => void recent.refetch()} />
      ) : recent.data.reports.length === 0 ? (
        <EmptyState title={t('recent.empty')}>{t('intro')}</EmptyState>
      ) : (
        <ul className="field-recent__list">
          {recent.data.reports.map((report) => (
            <li key={report.id}>
              <strong>{report.place?.name ?? report.area?.name}</strong>{' '}
              <span>
                {formatDateTime(report.startedAt, i18n.language)}–{formatTime(report.endedAt, i18n.language)}
              </span>
              <div className="field-recent__tags">
                <Tag data-size="sm">{t(`form.moods.${report.mood}`)}</Tag>
                <Tag data-size="sm" data-color="neutral">
                  {t('recent.youth', { count: report.youthUnder13 + report.youth13To15 + report.youth16To17 + report.youth18Plus })}
                </Tag>
                {report.forSituationPicture ? (
                  <Tag data-size="sm" data-color="warning">
                    {t('recent.situationPicture')}
                  </Tag>
                ) : null}
                {report.mine ? (
                  <Tag data-size="sm" data-color="info">
                    {t('recent.mine')}
                  </Tag>
                ) : null}
              </div>
              <Paragraph data-size="sm">{report.organisation.name}</Paragraph>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
