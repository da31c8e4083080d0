import { useCallback, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, Navigate } from 'react-router';
import { Alert, Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { isApiError } from '../../api/client';
import { paths } from '../../app/paths';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { CONCERN_PATHS } from '../../../shared/concerns';
import { FIELD_REPORT_PATHS, FIELD_REPORT_WRITER_ROLES, type FieldReportInput, type FieldReportOptions } from '../../../shared/field-reports';
import type { Role } from '../../../shared/roles';
import { cachedProfile, queueReport, saveProfile, waitingReports, type CachedProfile } from './outbox';
import { useOutbox } from './use-outbox';
import { fetchOptions, fieldReportKeys } from './queries';
import { useOnline } from './use-online';
import { Outbox } from './Outbox';
import { ReportForm } from './ReportForm';
import { RecentReports } from './RecentReports';
import './field-reports.css';

const isWriter = (role: Role) => (FIELD_REPORT_WRITER_ROLES as readonly Role[]).includes(role);

/**
 * The field report page. It gates itself (routes.ts says why): online as the route gate does; offline,
 * with the profile the phone kept from the last visit online (who, which tenant, the places), so a
 * field worker can write reports in a basement or a forest. Reports wait in IndexedDB and are sent
 * when the connection returns: on the online event, when the page loads, and every 20 s while any wait.
 */
export default function FieldReportPage() {
  const { t } = useTranslation('fieldReports');
  const online = useOnline();
  const session = useSession();
  const info = session.data;
  const active = info?.active ?? null;
  const allowed = Boolean(info && active && !info.twoFactorRequired && isWriter(active.role));
  const options = useQuery({ queryKey: fieldReportKeys.options(active?.membershipId ?? ''), queryFn: fetchOptions, enabled: allowed, staleTime: 5 * 60_000 });

  const [cached, setCached] = useState<CachedProfile | null | undefined>(undefined);
  useEffect(() => {
    void cachedProfile().then(setCached, () => setCached(null));
  }, []);
  useEffect(() => {
    if (info && active && options.data) {
      const profile = { userId: info.user.id, role: active.role, options: options.data };
      void saveProfile(profile);
      setCached(profile);
    }
  }, [info, active, options.data]);

  if (info === null) return <Navigate to={`${paths.signIn}?next=${encodeURIComponent(FIELD_REPORT_PATHS.page)}`} replace />;
  if (info && !active) return <Navigate to={`${paths.chooseMembership}?next=${encodeURIComponent(FIELD_REPORT_PATHS.page)}`} replace />;
  if (info?.twoFactorRequired) return <Navigate to={`${paths.account}?krav=tvastegs`} replace />;
  if (info && active && !isWriter(active.role))
    return (
      <Page title={t('title')}>
        <Paragraph>{t('notAllowed')}</Paragraph>
      </Page>
    );

  // Who is writing: the session and fresh options when the server answers, the kept profile when it cannot.
  const unreachable = !online || session.fetchStatus === 'paused' || (session.isError && !isApiError(session.error)) || (options.isError && !isApiError(options.error));
  const live: CachedProfile | null = info && active && options.data ? { userId: info.user.id, role: active.role, options: options.data } : null;
  const profile = live ?? (unreachable && cached && (!info || cached.userId === info.user.id) ? cached : null);
  if (!profile) {
    if (cached === undefined || (!unreachable && (session.isPending || options.isPending))) return <PageLoading />;
    return (
      <Page title={t('title')}>
        <Alert data-color="warning">{t('status.offlineProfile')}</Alert>
      </Page>
    );
  }
  return <FieldReportWorkspace profile={profile} signedIn={Boolean(info)} online={online} offlineProfile={!live} />;
}

function FieldReportWorkspace({ profile, signedIn, online, offlineProfile }: { profile: CachedProfile; signedIn: boolean; online: boolean; offlineProfile: boolean }) {
  const { t } = useTranslation('fieldReports');
  const queryClient = useQueryClient();
  const options: FieldReportOptions = profile.options;
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const onSent = useCallback(
    (count: number) => {
      setMessage(t('outbox.sent', { count }));
      void queryClient.invalidateQueries({ queryKey: fieldReportKeys.all });
    },
    [t, queryClient],
  );
  const { waiting, sending, refresh, flush, remove } = useOutbox({ signedIn, userId: profile.userId, tenantId: options.tenantId, onSent });

  const submit = async (input: FieldReportInput, placeName: string) => {
    await queueReport({ id: input.id, userId: profile.userId, tenantId: options.tenantId, report: input, placeName, writtenAt: new Date().toISOString(), attempts: 0, refused: null });
    await refresh();
    const sent = await flush();
    const after = await waitingReports();
    const stillWaiting = after.find((item) => item.id === input.id);
    setMessage(stillWaiting?.refused ? t('outbox.refused', { message: stillWaiting.refused.message }) : sent > 0 && !stillWaiting ? t('form.sent') : t('form.queued'));
    messageRef.current?.focus();
  };

  return (
    <Page title={t('title')} width="narrow">
      <Paragraph>{t('intro')}</Paragraph>
      <Paragraph data-size="sm" className="field-status" data-online={online || undefined}>
        {online ? (offlineProfile ? t('status.offlineProfile') : t('status.online')) : t('status.offline')}
      </Paragraph>
      <div ref={messageRef} tabIndex={-1} role="status" aria-live="polite" className="field-message">
        {message ? <Alert data-color="success">{message}</Alert> : null}
      </div>
      <Outbox waiting={waiting} userId={profile.userId} online={online && signedIn} sending={sending} onSendNow={() => void flush()} onRemove={(id) => void remove(id)} />
      <ReportForm key={options.tenantId} options={options} onSubmit={submit} />
      <Card data-color="brand1" variant="tinted" className="field-concern">
        <Heading level={2} data-size="2xs">
          {t('concern.heading')}
        </Heading>
        <Paragraph data-size="sm">{t('concern.body')}</Paragraph>
        <Link asChild>
          <RouterLink to={`${CONCERN_PATHS.publicForm}?tenant=${encodeURIComponent(options.tenantSlug)}&track=person`}>{t('concern.link')}</RouterLink>
        </Link>
      </Card>
      <RecentReports enabled={signedIn && online && !offlineProfile} />
    </Page>
  );
}
