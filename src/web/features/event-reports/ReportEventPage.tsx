import { useCallback, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, Navigate } from 'react-router';
import { Alert, Link, Paragraph } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { isApiError } from '../../api/client';
import { paths } from '../../app/paths';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { EVENT_REPORT_WRITER_ROLES, type EventReportInput } from '../../../shared/event-reports';
import type { Role } from '../../../shared/roles';
import { queueReport, removeWaiting, waitingReports } from '../field-reports/outbox';
import { useOutbox } from '../field-reports/use-outbox';
import { useOnline } from '../field-reports/use-online';
import { Outbox } from '../field-reports/Outbox';
import { EventReportForm, type SubmitEvent } from './EventReportForm';
import { serverErrors } from './form-model';
import { buildOptions, cachedEventProfile, saveEventProfile, type CachedEventProfile } from './options';
import { areasQuery, categoriesQuery, EVENT_PAGES, eventKeys, placesQuery } from './queries';
import '../field-reports/field-reports.css';
import './events.css';

const isWriter = (role: Role) => (EVENT_REPORT_WRITER_ROLES as readonly Role[]).includes(role);

/**
 * "Rapportera händelse". Gated by itself, as the field report is (routes.ts says why): online as the
 * route gate would, offline with what the phone kept from the last visit online. Reports wait in the
 * field report's queue (one queue for both, field-reports/outbox.ts) and are sent when the connection
 * returns: on the online event, when the page loads, and every 20 s while any wait.
 */
export default function ReportEventPage() {
  const { t } = useTranslation('events');
  const online = useOnline();
  const session = useSession();
  const info = session.data;
  const active = info?.active ?? null;
  const allowed = Boolean(info && active && !info.twoFactorRequired && isWriter(active.role));
  const categories = useQuery({ ...categoriesQuery(), enabled: allowed });
  const places = useQuery({ ...placesQuery(), enabled: allowed });
  const areas = useQuery({ ...areasQuery(), enabled: allowed });

  const [cached, setCached] = useState<CachedEventProfile | null | undefined>(undefined);
  useEffect(() => {
    void cachedEventProfile().then(setCached, () => setCached(null));
  }, []);
  const fresh = info && active && categories.data && places.data && areas.data ? { userId: info.user.id, role: active.role, options: buildOptions(active, categories.data.categories, places.data, areas.data) } : null;
  const freshKey = fresh ? JSON.stringify(fresh) : null;
  useEffect(() => {
    if (!freshKey) return;
    const profile = JSON.parse(freshKey) as CachedEventProfile;
    void saveEventProfile(profile);
    setCached(profile);
  }, [freshKey]);

  const next = encodeURIComponent(EVENT_PAGES.report);
  if (info === null) return <Navigate to={`${paths.signIn}?next=${next}`} replace />;
  if (info && !active) return <Navigate to={`${paths.chooseMembership}?next=${next}`} replace />;
  if (info?.twoFactorRequired) return <Navigate to={`${paths.account}?krav=tvastegs`} replace />;
  if (info && active && !isWriter(active.role))
    return (
      <Page title={t('report.title')}>
        <Paragraph>{t('report.notAllowed')}</Paragraph>
      </Page>
    );

  const failedOffline = [categories, places, areas].some((query) => query.isError && !isApiError(query.error));
  const unreachable = !online || session.fetchStatus === 'paused' || (session.isError && !isApiError(session.error)) || failedOffline;
  const profile = fresh ?? (unreachable && cached && (!info || cached.userId === info.user.id) ? cached : null);
  if (!profile) {
    const pending = session.isPending || categories.isPending || places.isPending || areas.isPending;
    if (cached === undefined || (!unreachable && pending)) return <PageLoading />;
    return (
      <Page title={t('report.title')}>
        <Alert data-color="warning">{t('report.offlineProfile')}</Alert>
      </Page>
    );
  }
  return <ReportWorkspace profile={profile} signedIn={Boolean(info)} online={online} offlineProfile={!fresh} />;
}

function ReportWorkspace({ profile, signedIn, online, offlineProfile }: { profile: CachedEventProfile; signedIn: boolean; online: boolean; offlineProfile: boolean }) {
  const { t } = useTranslation('events');
  const queryClient = useQueryClient();
  const { options } = profile;
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const onSent = useCallback(
    (count: number) => {
      setMessage(t('report.sentCount', { count }));
      void queryClient.invalidateQueries({ queryKey: eventKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['field-reports'] });
    },
    [t, queryClient],
  );
  const { waiting, sending, refresh, flush, remove } = useOutbox({ signedIn, userId: profile.userId, tenantId: options.tenantId, onSent });

  const submit: SubmitEvent = async (input: EventReportInput, label: string) => {
    await queueReport({ kind: 'event_report', id: input.id, userId: profile.userId, tenantId: options.tenantId, report: input, placeName: label, writtenAt: new Date().toISOString(), attempts: 0, refused: null });
    await refresh();
    await flush();
    const stillWaiting = (await waitingReports()).find((item) => item.id === input.id);
    if (stillWaiting?.refused) {
      // Refused as it stands: the form still holds it, so it leaves the queue and the message goes on its field.
      await removeWaiting(input.id);
      await refresh();
      setMessage(null);
      return { errors: Object.keys(stillWaiting.refused.fields).length > 0 ? stillWaiting.refused.fields : { form: stillWaiting.refused.message } };
    }
    setMessage(stillWaiting ? t('report.queued') : t('report.sent'));
    messageRef.current?.focus();
    return { errors: null };
  };

  return (
    <Page title={t('report.title')} width="narrow">
      <Paragraph>{t('report.intro')}</Paragraph>
      <Paragraph data-size="sm" className="field-status" data-online={online || undefined}>
        {online ? (offlineProfile ? t('report.offlineProfile') : t('report.online')) : t('report.offline')}
      </Paragraph>
      <div ref={messageRef} tabIndex={-1} role="status" aria-live="polite" className="field-message">
        {message ? <Alert data-color="success">{message}</Alert> : null}
      </div>
      <Outbox waiting={waiting} userId={profile.userId} online={online && signedIn} sending={sending} onSendNow={() => void flush()} onRemove={(id) => void remove(id)} />
      <EventReportForm key={options.tenantId} options={options} online={online} onSubmit={submit} serverFieldErrors={serverErrors} />
      {signedIn && online ? (
        <Paragraph>
          <Link asChild>
            <RouterLink to={`${EVENT_PAGES.list}?mine=true`}>{t('report.myReports')}</RouterLink>
          </Link>
        </Paragraph>
      ) : null}
    </Page>
  );
}
