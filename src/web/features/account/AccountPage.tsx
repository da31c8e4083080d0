import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { useSession } from '../../api/session';
import { TwoFactorSection } from './TwoFactorSection';
import { SessionsSection } from './SessionsSection';
import { ChangePasswordSection } from './ChangePasswordSection';
import { LanguageSection } from './LanguageSection';
import { CalendarFeedsSection } from '../calendar-feeds/CalendarFeedsSection';
import { CALENDAR_FEED_ROLES } from '../../../shared/calendar-feeds';

/**
 * My account: two-factor set-up, signed-in devices, password, calendar feeds (for the active membership), language. When the active role requires
 * two-factor and the user has none, the route gate sends them here (`?krav=tvastegs`) and nothing else opens.
 */
export default function AccountPage() {
  const { t } = useTranslation('account');
  const { data: session } = useSession();
  const [params] = useSearchParams();
  const forced = session?.twoFactorRequired === true;
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (forced && params.get('krav') === 'tvastegs') noticeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [forced, params]);

  if (!session) return <PageLoading />;

  return (
    <Page title={t('title')}>
      {forced && (
        <div ref={noticeRef}>
          <Alert data-color="warning">
            <Heading level={2} data-size="xs">
              {t('twoFactor.requiredHeading')}
            </Heading>
            <Paragraph>{t('twoFactor.requiredBody')}</Paragraph>
          </Alert>
        </div>
      )}
      <Paragraph>{t('signedInAs', { name: session.user.name, email: session.user.email })}</Paragraph>
      <TwoFactorSection enabled={session.user.twoFactorEnabled} />
      {!forced && (
        <>
          <SessionsSection />
          <ChangePasswordSection />
          {session.active && CALENDAR_FEED_ROLES.includes(session.active.role) && <CalendarFeedsSection />}
        </>
      )}
      <LanguageSection />
    </Page>
  );
}
