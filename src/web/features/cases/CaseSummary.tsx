import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { Heading, Link, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { CASE_STATUS_NAMES, MEETING_KIND_NAMES, type CaseDetail } from '../../../shared/cases';
import { CONSENT_STATUS_NAMES } from '../../../shared/consents';
import { nameOf } from './queries';
import { sees } from './parts';
import { focusLater, sectionHeadingId } from './dialog-focus';

/**
 * The four things a team member looks for first: where the case is, the next meeting, what is late, and
 * how long the consent holds. Each only as far as this viewer sees the section it comes from.
 */
export function CaseSummary({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const format = useFormatters();
  const seesPlan = sees(detail, 'plan') || sees(detail, 'actions_own');
  const nextMeeting = detail.nextMeetingOn ? detail.meetings.find((meeting) => !meeting.held && meeting.heldOn === detail.nextMeetingOn) : undefined;
  const consent = detail.consent;
  const hidden = <span className="cases-muted">{t('summary.hidden')}</span>;

  return (
    <section aria-labelledby="case-summary-heading" className="case-summary">
      <Heading level={2} id="case-summary-heading" className="visually-hidden">
        {t('summary.heading')}
      </Heading>
      <dl className="case-summary__facts">
        <Fact label={t('summary.status')}>
          <Tag data-color={detail.status === 'avslutad' ? 'neutral' : 'info'} data-size="sm">
            {nameOf(CASE_STATUS_NAMES, detail.status, language)}
          </Tag>
        </Fact>
        <Fact label={t('summary.nextMeeting')}>
          {!sees(detail, 'meetings')
            ? hidden
            : detail.nextMeetingOn
              ? `${format.date(detail.nextMeetingOn)}${nextMeeting ? `, ${nameOf(MEETING_KIND_NAMES, nextMeeting.kind, language)}` : ''}`
              : t('summary.noMeeting')}
        </Fact>
        <Fact label={t('summary.overdue')}>
          {!seesPlan ? (
            hidden
          ) : detail.overdueActions > 0 ? (
            <span className="cases-row">
              <Tag data-color="danger" data-size="sm">
                {t('list.overdue', { count: detail.overdueActions })}
              </Tag>
              <Link asChild>
                <RouterLink to={{ hash: 'plan' }} onClick={() => focusLater(sectionHeadingId('case-plan'))}>
                  {t('summary.showPlan')}
                </RouterLink>
              </Link>
            </span>
          ) : (
            t('summary.noneOverdue')
          )}
        </Fact>
        <Fact label={t('summary.consent')}>
          {!sees(detail, 'consent')
            ? hidden
            : !consent
              ? t('summary.noConsent')
              : consent.status === 'in_force'
                ? format.date(consent.validTo)
                : consent.status === 'expired'
                  ? t('summary.consentExpired', { date: format.date(consent.validTo) })
                  : nameOf(CONSENT_STATUS_NAMES, consent.status, language)}
        </Fact>
      </dl>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="case-summary__fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
