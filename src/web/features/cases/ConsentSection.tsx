import { useQuery } from '@tanstack/react-query';
import { Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageLoading } from '../../components/PageLoading';
import { isApiError } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import type { CaseDetail } from '../../../shared/cases';
import { CONSENT_METHOD_NAMES, CONSENT_STATUS_NAMES, type Consent } from '../../../shared/consents';
import { INFORMATION_CATEGORY_NAMES } from '../../../shared/sharing';
import { consentQuery, nameOf } from './queries';
import { HiddenNotice, SectionCard, accessOf, sees } from './parts';
import { ConsentForm } from './ConsentForm';
import { PartyForm } from './PartyForm';
import { WithdrawConsent } from './WithdrawConsent';
import { AddPanel } from './AddPanel';

const STATUS_COLOURS = {
  awaiting_parties: 'warning',
  in_force: 'success',
  withdrawn: 'danger',
  expired: 'danger',
  not_yet_valid: 'warning',
} as const;

/** Samtycke: the consent the case rests on, who has given it, and how to record, print or withdraw it. */
export function ConsentSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('cases');
  // The director runs the consent and opens it in the consent register; the rest of the team sees the
  // status and scope the case itself carries (the register is not theirs to open).
  const runsConsent = Boolean(detail.abilities.addMember);
  const consent = useQuery({
    ...consentQuery(detail.consentId ?? ''),
    enabled: Boolean(detail.consentId) && sees(detail, 'consent') && runsConsent,
  });
  if (!sees(detail, 'consent')) {
    return (
      <SectionCard id="case-consent" title={t('consent.heading')}>
        <HiddenNotice access={accessOf(detail, 'consent')} what={t('consent.what')} />
      </SectionCard>
    );
  }
  const current = consent.data;
  // The director records the consent the case rests on: `addMember` is the server's "directs this open case".
  const mayRecordNew = Boolean(detail.abilities.addMember) && (!current || current.status === 'withdrawn' || current.status === 'expired');
  return (
    <SectionCard id="case-consent" title={t('consent.heading')}>
      {!detail.consentId ? <Paragraph>{t('consent.none')}</Paragraph> : null}
      {detail.consentId && runsConsent && consent.isPending ? <PageLoading /> : null}
      {/* The case may show that a consent exists to someone the consent register does not open to (school staff): said calmly. */}
      {!runsConsent && detail.consent ? <ConsentScope consent={detail.consent} /> : null}
      {!runsConsent && detail.consent ? <Paragraph className="cases-muted">{t('consent.detailsHidden')}</Paragraph> : null}
      {consent.isError && isApiError(consent.error) && (consent.error.status === 404 || consent.error.status === 403) ? <Paragraph>{t('consent.detailsHidden')}</Paragraph> : null}
      {consent.isError && !(isApiError(consent.error) && (consent.error.status === 404 || consent.error.status === 403)) ? (
        <QueryError error={consent.error} onRetry={() => void consent.refetch()} />
      ) : null}
      {current ? <ConsentView consent={current} detail={detail} /> : null}
      {mayRecordNew ? (
        // Open when the case has no consent yet: recording it is the case's next step.
        <AddPanel labelId="consent-form-heading" label={t('consentForm.heading')} defaultOpen={!detail.consentId}>
          <ConsentForm detail={detail} />
        </AddPanel>
      ) : null}
    </SectionCard>
  );
}

/** Status and scope: what the whole team may know of the consent. */
function ConsentScope({ consent }: { consent: NonNullable<CaseDetail['consent']> }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const format = useFormatters();
  return (
    <div className="stack">
      <Paragraph>
        {t('consent.status')}{' '}
        <Tag data-color={STATUS_COLOURS[consent.status]} data-size="sm">
          {nameOf(CONSENT_STATUS_NAMES, consent.status, language)}
        </Tag>
      </Paragraph>
      <dl className="case-facts">
        <dt>{t('consent.organisations')}</dt>
        <dd>{consent.organisations.map((organisation) => organisation.name).join(', ')}</dd>
        <dt>{t('consent.categories')}</dt>
        <dd>{['samverkan' as const, ...consent.categories].map((category) => nameOf(INFORMATION_CATEGORY_NAMES, category, language)).join(', ')}</dd>
        <dt>{t('consent.validity')}</dt>
        <dd>{t('consent.validRange', { from: format.date(consent.validFrom), to: format.date(consent.validTo) })}</dd>
        {consent.withdrawnAt ? (
          <>
            <dt>{t('consent.withdrawnAt')}</dt>
            <dd>{format.dateTime(consent.withdrawnAt)}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

function ConsentView({ consent, detail }: { consent: Consent; detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const format = useFormatters();
  const missing = consent.requiredParties.filter((party) => !party.given);
  return (
    <div className="stack">
      <Paragraph>
        {t('consent.status')}{' '}
        <Tag data-color={STATUS_COLOURS[consent.status]} data-size="sm">
          {nameOf(CONSENT_STATUS_NAMES, consent.status, language)}
        </Tag>
      </Paragraph>
      <dl className="case-facts">
        <dt>{t('consent.organisations')}</dt>
        <dd>{consent.organisations.map((organisation) => organisation.name).join(', ')}</dd>
        {consent.users.length > 0 ? (
          <>
            <dt>{t('consent.people')}</dt>
            <dd>{consent.users.map((user) => user.name).join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('consent.categories')}</dt>
        <dd>{['samverkan' as const, ...consent.categories].map((category) => nameOf(INFORMATION_CATEGORY_NAMES, category, language)).join(', ')}</dd>
        <dt>{t('consent.purpose')}</dt>
        <dd className="case-text">{consent.purpose}</dd>
        <dt>{t('consent.validity')}</dt>
        <dd>
          {t('consent.validRange', {
            from: format.date(consent.validFrom),
            to: format.date(consent.validTo),
          })}
        </dd>
        {consent.withdrawnAt ? (
          <>
            <dt>{t('consent.withdrawnAt')}</dt>
            <dd>{format.dateTime(consent.withdrawnAt)}</dd>
          </>
        ) : null}
      </dl>
      <Paragraph>
        <Link href={`/api/consents/${consent.id}/form.pdf`} target="_blank" rel="noopener">
          {t('consent.printForm')}
        </Link>
      </Paragraph>
      <Heading level={3} data-size="2xs" id="consent-parties-heading" tabIndex={-1}>
        {t('consent.parties')}
      </Heading>
      <ul className="cases-plain-list">
        {consent.requiredParties.map((party) => {
          const given = consent.parties.find((entry) => entry.kind === party.kind && entry.guardianId === party.guardianId);
          return (
            <li key={`${party.kind}-${party.guardianId ?? ''}`} className="cases-row">
              <span>{party.name}</span>
              <Tag data-color={party.given ? 'success' : 'warning'} data-size="sm">
                {party.given ? t('consent.given') : t('consent.notGiven')}
              </Tag>
              {given ? (
                <span className="cases-muted">
                  {nameOf(CONSENT_METHOD_NAMES, given.method, language)}
                  {given.witnessName ? `, ${t('consent.witness', { name: given.witnessName })}` : ''}, {format.date(given.givenOn)}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {consent.documents.length > 0 && consent.abilities.readDocument ? (
        // The scans belong to this consent (issue 12); a party's paper consent is uploaded to it in PartyForm.
        <>
          <Heading level={3} data-size="2xs">
            {t('consent.scans')}
          </Heading>
          <ul className="cases-plain-list">
            {consent.documents.map((document) => (
              <li key={document.id}>
                <Link href={`/api/consents/${consent.id}/documents/${document.id}`} target="_blank" rel="noopener">
                  {t('consent.scan', { when: format.dateTime(document.uploadedAt) })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {consent.abilities.recordParty && missing.length > 0 && consent.status !== 'withdrawn' ? (
        // Open while parties are missing: their consents are what puts the consent in force.
        <AddPanel labelId="party-form-heading" label={t('party.heading')} defaultOpen>
          <PartyForm consent={consent} missing={missing} />
        </AddPanel>
      ) : null}
      {consent.abilities.withdraw && consent.status !== 'withdrawn' ? <WithdrawConsent consent={consent} detail={detail} /> : null}
    </div>
  );
}
