import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Field, Fieldset, Heading, Label, Paragraph, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { MUNICIPALITIES, REGIONS } from '../../../shared/municipalities';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import type { Participation, ParticipationCandidates } from '../../../shared/housing-exchange';
import { candidatesQuery, exchangeKeys, leaveExchange, participationQuery, saveParticipation } from './queries';
import { swedishToday } from './parts';
import './housing-exchange.css';

/**
 * The administrator's page for the housing exchange (issue 16 §1): the decision to join (date and
 * reference), the exchange officers (memberships with the role) and the housing partners. The
 * administrator sees only this: never requests, offers or matches.
 */
export default function ParticipationPage() {
  const { t } = useTranslation('housingExchange');
  const participation = useQuery(participationQuery());
  const candidates = useQuery(candidatesQuery());
  return (
    <Page title={t('participation.title')} width="narrow">
      <Paragraph>{t('participation.intro')}</Paragraph>
      {participation.isPending || candidates.isPending ? <PageLoading /> : null}
      {participation.isError ? <QueryError error={participation.error} onRetry={() => void participation.refetch()} /> : null}
      {candidates.isError ? <QueryError error={candidates.error} onRetry={() => void candidates.refetch()} /> : null}
      {participation.data && candidates.data ? <ParticipationForm participation={participation.data} candidates={candidates.data} /> : null}
    </Page>
  );
}

function ParticipationForm({ participation, candidates }: { participation: Participation; candidates: ParticipationCandidates }) {
  const { t } = useTranslation('housingExchange');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [municipalityCode, setMunicipalityCode] = useState(participation.municipalityCode ?? '');
  const [decidedOn, setDecidedOn] = useState(participation.decidedOn ?? swedishToday());
  const [reference, setReference] = useState(participation.decisionReference ?? '');
  const [officers, setOfficers] = useState<string[]>(participation.officers.map((o) => o.membershipId));
  const [partners, setPartners] = useState<string[]>(participation.housingPartners.map((p) => p.organisationId));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [leaveError, setLeaveError] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const leaveRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const toggle = (list: string[], set: (next: string[]) => void, id: string) => set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailed(null);
    setMessage(null);
    if (officers.length === 0) {
      setErrors({ officerMembershipIds: t('participation.errors.officers') });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await saveParticipation({ municipalityCode, decidedOn, decisionReference: reference.trim(), officerMembershipIds: officers, housingPartnerOrganisationIds: partners });
      await queryClient.invalidateQueries({ queryKey: exchangeKeys.participation });
      setMessage(t('participation.saved'));
    } catch (caught) {
      if (isApiError(caught)) setErrors(caught.fields);
      setFailed(isApiError(caught) ? caught.message : t('common.failed'));
    } finally {
      setSaving(false);
    }
  };
  const leave = async () => {
    setLeaveError(null);
    try {
      await leaveExchange();
      await queryClient.invalidateQueries({ queryKey: exchangeKeys.participation });
      setLeaving(false);
      setMessage(t('participation.left'));
    } catch (caught) {
      setLeaveError(isApiError(caught) ? caught.message : t('common.failed'));
    }
  };
  // Officers and partners now named, plus the candidates (a named one may no longer be a candidate: it still shows, to be removed).
  const officerChoices = [...new Map([...participation.officers, ...candidates.officers].map((o) => [o.membershipId, o])).values()];
  const partnerChoices = [...new Map([...participation.housingPartners, ...candidates.housingPartners].map((p) => [p.organisationId, p])).values()];

  return (
    <>
      <div ref={messageRef} tabIndex={-1}>
        {message ? <Alert data-color="success">{message}</Alert> : null}
      </div>
      <Heading level={2} data-size="sm">
        {t('participation.status')}
      </Heading>
      <Paragraph>
        {participation.participating && participation.decidedOn
          ? t('participation.participating', { date: format.date(participation.decidedOn), reference: participation.decisionReference ?? '' })
          : t('participation.notParticipating')}
      </Paragraph>
      <form className="exchange-form" onSubmit={(event) => void submit(event)} noValidate>
        <Field>
          <Label htmlFor="participation-municipality">{t('participation.municipality')}</Label>
          <Select id="participation-municipality" value={municipalityCode} onChange={(event) => setMunicipalityCode(event.target.value)} aria-invalid={errors.municipalityCode ? true : undefined}>
            <option value="">{t('offer.chooseMunicipality')}</option>
            {REGIONS.map((region) => (
              <optgroup key={region.code} label={region.name}>
                {MUNICIPALITIES.filter((m) => m.regionCode === region.code).map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
          {errors.municipalityCode ? <ValidationMessage>{errors.municipalityCode}</ValidationMessage> : null}
        </Field>
        <Textfield id="participation-decidedOn" type="date" label={t('participation.decidedOn')} value={decidedOn} max={swedishToday()} onChange={(event) => setDecidedOn(event.target.value)} error={errors.decidedOn} />
        <Textfield id="participation-reference" label={t('participation.decisionReference')} value={reference} maxLength={120} onChange={(event) => setReference(event.target.value)} error={errors.decisionReference} />
        <Fieldset>
          <Fieldset.Legend>{t('participation.officers')}</Fieldset.Legend>
          <Fieldset.Description>{t('participation.officersHelp')}</Fieldset.Description>
          {officerChoices.length === 0 ? <Paragraph data-size="sm">{t('participation.noOfficers')}</Paragraph> : null}
          {officerChoices.map((o) => (
            <Checkbox key={o.membershipId} label={`${o.name} (${o.organisationName})`} checked={officers.includes(o.membershipId)} onChange={() => toggle(officers, setOfficers, o.membershipId)} />
          ))}
          {errors.officerMembershipIds ? <ValidationMessage>{errors.officerMembershipIds}</ValidationMessage> : null}
        </Fieldset>
        <Fieldset>
          <Fieldset.Legend>{t('participation.partners')}</Fieldset.Legend>
          <Fieldset.Description>{t('participation.partnersHelp')}</Fieldset.Description>
          {partnerChoices.length === 0 ? <Paragraph data-size="sm">{t('participation.noPartners')}</Paragraph> : null}
          {partnerChoices.map((p) => (
            <Checkbox key={p.organisationId} label={p.name} checked={partners.includes(p.organisationId)} onChange={() => toggle(partners, setPartners, p.organisationId)} />
          ))}
          {errors.housingPartnerOrganisationIds ? <ValidationMessage>{errors.housingPartnerOrganisationIds}</ValidationMessage> : null}
        </Fieldset>
        {failed ? (
          <Alert data-color="danger" role="alert">
            {failed}
          </Alert>
        ) : null}
        <div className="exchange-row">
          <Button type="submit" disabled={saving}>
            {participation.participating ? t('participation.save') : t('participation.join')}
          </Button>
          {participation.participating ? (
            <Button type="button" ref={leaveRef} variant="secondary" data-color="danger" onClick={() => setLeaving(true)}>
              {t('participation.leave')}
            </Button>
          ) : null}
        </div>
      </form>
      <ConfirmDialog
        open={leaving}
        title={t('participation.leaveTitle')}
        confirmLabel={t('participation.leave')}
        cancelLabel={t('common.cancel')}
        error={leaveError}
        onConfirm={() => void leave()}
        onCancel={() => setLeaving(false)}
        focusAfterClose={() => (message ? messageRef.current : leaveRef.current)}
      >
        {t('participation.leaveBody')}
      </ConfirmDialog>
    </>
  );
}
