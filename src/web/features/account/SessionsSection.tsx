import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { AuthSession } from '../../../shared/auth';
import { endSession, listSessions, revokeAllSessions } from '../../api/auth';
import { useFormatters } from '../../i18n/format';
import { QueryError } from '../../components/QueryError';
import { PageLoading } from '../../components/PageLoading';
import { useSignOut } from '../../app/useSignOut';
import { describeDevice } from './describe-device';

export const authSessionKeys = { all: ['auth-sessions'] as const };

/** Where I am signed in: end one device's session, or all of them (this one too). */
export function SessionsSection() {
  const { t } = useTranslation('account');
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const sessions = useQuery({ queryKey: authSessionKeys.all, queryFn: listSessions });
  const end = useMutation({
    mutationFn: endSession,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authSessionKeys.all }),
  });
  const endAll = useMutation({
    mutationFn: revokeAllSessions,
    onSuccess: () => signOut({ alreadyEnded: true }),
  });

  return (
    <section aria-labelledby="sessions-heading" className="account-section stack">
      <Heading level={2} data-size="sm" id="sessions-heading">
        {t('sessions.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('sessions.intro')}</Paragraph>
      {sessions.isPending ? (
        <PageLoading />
      ) : sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <ul className="card-list">
          {sessions.data.sessions.map((session) => (
            <li key={session.id}>
              <SessionCard session={session} onEnd={() => end.mutate(session.id)} ending={end.isPending && end.variables === session.id} />
            </li>
          ))}
        </ul>
      )}
      {(end.isError || endAll.isError) && <QueryError error={end.error ?? endAll.error} />}
      <div>
        <Button variant="secondary" data-color="danger" onClick={() => endAll.mutate()} aria-busy={endAll.isPending || undefined}>
          {t('sessions.signOutEverywhere')}
        </Button>
      </div>
    </section>
  );
}

function SessionCard({ session, onEnd, ending }: { session: AuthSession; onEnd: () => void; ending: boolean }) {
  const { t } = useTranslation('account');
  const format = useFormatters();
  const device = describeDevice(session.userAgent);
  const name =
    device.browser && device.system ? t('sessions.device', { browser: device.browser, system: device.system }) : (device.browser ?? device.system ?? t('sessions.unknownDevice'));
  return (
    <Card data-color={session.current ? 'accent' : 'neutral'} className="session-card">
      <Heading level={3} data-size="2xs">
        {name} {session.current && <Tag data-color="accent">{t('sessions.current')}</Tag>}
      </Heading>
      <Paragraph data-size="sm">
        {t('sessions.signedIn', { when: format.dateTime(session.createdAt) })}
        {session.ipAddress && (
          <>
            <br />
            {t('sessions.address', { address: session.ipAddress })}
          </>
        )}
      </Paragraph>
      {!session.current && (
        <div>
          <Button variant="tertiary" data-size="sm" onClick={onEnd} aria-busy={ending || undefined} aria-label={t('sessions.endLabel', { device: name })}>
            {t('sessions.end')}
          </Button>
        </div>
      )}
    </Card>
  );
}
