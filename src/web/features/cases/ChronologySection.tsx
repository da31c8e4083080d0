import { useQuery } from '@tanstack/react-query';
import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { CASE_SECTION_NAMES, CASE_STATUS_NAMES, type CaseDetail, type CaseStatus } from '../../../shared/cases';
import { chronologyQuery, nameOf } from './queries';
import { SectionCard } from './parts';

/** Kronologi: the young person's timeline across cases and concerns, newest first. */
export function ChronologySection({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const format = useFormatters();
  const enabled = Boolean(detail.abilities.readChronology);
  const chronology = useQuery({ ...chronologyQuery(detail.personId), enabled });
  if (!enabled) return null;
  const entries = [...(chronology.data?.entries ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  const describe = (entry: (typeof entries)[number]): string => {
    const details = entry.details as Record<string, unknown>;
    // Event types come as `case.action_updated`, `action.updated` or `consent.party`: one key for each meaning.
    const key = `chronology.types.${entry.type.replace(/^case\./, '').replace(/\./g, '_')}`;
    const to = details.to ?? details.status;
    const status = typeof to === 'string' && to in CASE_STATUS_NAMES ? nameOf(CASE_STATUS_NAMES, to as CaseStatus, language) : '';
    const section = entry.section ? nameOf(CASE_SECTION_NAMES, entry.section, language) : '';
    return i18n.exists(`cases:${key}`) ? String(t(key as never, { status, section })) : [entry.type, section].filter(Boolean).join(' – ');
  };
  return (
    <SectionCard id="case-chronology" title={t('chronology.heading')}>
      {chronology.isPending ? <PageLoading /> : null}
      {chronology.isError ? <QueryError error={chronology.error} onRetry={() => void chronology.refetch()} /> : null}
      {chronology.isSuccess && entries.length === 0 ? <Paragraph>{t('chronology.none')}</Paragraph> : null}
      {entries.length > 0 ? (
        <ol className="case-timeline">
          {entries.map((entry) => (
            <li key={entry.id}>
              <Paragraph data-size="sm">
                <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> · {entry.actorName ?? t('chronology.system')} · {describe(entry)}
                {entry.caseId && entry.caseId !== detail.id ? ` (${t('chronology.otherCase')})` : ''}
                {entry.concernId ? ` (${t('chronology.concern')})` : ''}
              </Paragraph>
            </li>
          ))}
        </ol>
      ) : null}
    </SectionCard>
  );
}
