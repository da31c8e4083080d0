import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Field, Fieldset, Label, Paragraph, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { isApiError } from '../../api/client';
import { MUNICIPALITIES, REGIONS } from '../../../shared/municipalities';
import { ACCESSIBILITY_FEATURES, OFFER_CONDITIONS, type AccessibilityFeature, type OfferCondition } from '../../../shared/exchange-messages';
import { createOffer, EXCHANGE_PATHS, exchangeKeys, incomingRequestsQuery, participationQuery } from './queries';
import { BackToStart, householdLabel, swedishToday } from './parts';
import './housing-exchange.css';

const toggle = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/** Making an offer with one of our housing partners, for a request published to us or into the pool. */
export default function NewOfferPage() {
  const { t } = useTranslation('housingExchange');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const participation = useQuery(participationQuery());
  const requests = useQuery(incomingRequestsQuery());
  const [requestId, setRequestId] = useState(search.get('behov') ?? '');
  const [partner, setPartner] = useState('');
  const [rooms, setRooms] = useState('1');
  const [sizeSqm, setSizeSqm] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [district, setDistrict] = useState('');
  const [availableFrom, setAvailableFrom] = useState(swedishToday());
  const [accessibility, setAccessibility] = useState<AccessibilityFeature[]>([]);
  const [conditions, setConditions] = useState<OfferCondition[]>([]);
  const [conditionsText, setConditionsText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailed(null);
    setSaving(true);
    try {
      await createOffer({
        housingPartnerOrganisationId: partner,
        requestId: requestId || null,
        rooms: Number(rooms),
        sizeSqm: Number(sizeSqm),
        municipalityCode: chosenMunicipality,
        district: district.trim() || null,
        availableFrom,
        accessibility,
        conditions,
        conditionsText: conditionsText.trim() || null,
      });
      await queryClient.invalidateQueries({ queryKey: exchangeKeys.all });
      void navigate(EXCHANGE_PATHS.start);
    } catch (caught) {
      if (isApiError(caught)) setErrors(caught.fields);
      setFailed(isApiError(caught) ? caught.message : t('common.failed'));
    } finally {
      setSaving(false);
    }
  };

  // Our own municipality unless the officer chooses another.
  const chosenMunicipality = municipality || participation.data?.municipalityCode || '';
  if (participation.isPending) return <PageLoading />;
  const partners = participation.data?.housingPartners ?? [];
  const open = (requests.data?.requests ?? []).filter((r) => r.status === 'publicerad');
  return (
    <Page title={t('offer.title')} width="narrow">
      <BackToStart />
      {participation.isError ? <QueryError error={participation.error} onRetry={() => void participation.refetch()} /> : null}
      <Paragraph>{t('offer.intro')}</Paragraph>
      {participation.data && partners.length === 0 ? <Alert data-color="warning">{t('offer.noPartners')}</Alert> : null}
      <form className="exchange-form" onSubmit={(event) => void submit(event)} noValidate>
        <Field>
          <Label htmlFor="offer-requestId">{t('offer.forRequest')}</Label>
          <Select id="offer-requestId" value={requestId} onChange={(event) => setRequestId(event.target.value)} aria-invalid={errors.requestId ? true : undefined}>
            <option value="">{t('common.pool')}</option>
            {open.map((r) => (
              <option key={r.id} value={r.id}>
                {t('offer.forRequestOption', { name: r.from.name, ...householdLabel(t, r.householdSize, r.rooms) })}
              </option>
            ))}
          </Select>
          {errors.requestId ? <ValidationMessage>{errors.requestId}</ValidationMessage> : null}
        </Field>
        <Field>
          <Label htmlFor="offer-partner">{t('offer.housingPartner')}</Label>
          <Select id="offer-partner" value={partner} onChange={(event) => setPartner(event.target.value)} aria-invalid={errors.housingPartnerOrganisationId ? true : undefined}>
            <option value="">{t('offer.choosePartner')}</option>
            {partners.map((p) => (
              <option key={p.organisationId} value={p.organisationId}>
                {p.name}
              </option>
            ))}
          </Select>
          {errors.housingPartnerOrganisationId ? <ValidationMessage>{errors.housingPartnerOrganisationId}</ValidationMessage> : null}
        </Field>
        <Textfield id="offer-rooms" type="number" inputMode="numeric" min={1} max={10} label={t('offer.rooms')} value={rooms} onChange={(event) => setRooms(event.target.value)} error={errors.rooms} />
        <Textfield id="offer-size" type="number" inputMode="numeric" min={10} max={400} label={t('offer.sizeSqm')} value={sizeSqm} onChange={(event) => setSizeSqm(event.target.value)} error={errors.sizeSqm} />
        <Field>
          <Label htmlFor="offer-municipality">{t('offer.municipality')}</Label>
          <Select id="offer-municipality" value={chosenMunicipality} onChange={(event) => setMunicipality(event.target.value)} aria-invalid={errors.municipalityCode ? true : undefined}>
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
        <Textfield id="offer-district" label={t('offer.district')} description={t('offer.districtHelp')} value={district} maxLength={80} onChange={(event) => setDistrict(event.target.value)} error={errors.district} />
        <Textfield id="offer-availableFrom" type="date" label={t('offer.availableFrom')} value={availableFrom} onChange={(event) => setAvailableFrom(event.target.value)} error={errors.availableFrom} />
        <Fieldset>
          <Fieldset.Legend>{t('offer.accessibility')}</Fieldset.Legend>
          {ACCESSIBILITY_FEATURES.map((value) => (
            <Checkbox key={value} label={t(`accessibility.${value}`)} checked={accessibility.includes(value)} onChange={() => setAccessibility(toggle(accessibility, value))} />
          ))}
        </Fieldset>
        <Fieldset>
          <Fieldset.Legend>{t('offer.conditions')}</Fieldset.Legend>
          {OFFER_CONDITIONS.map((value) => (
            <Checkbox key={value} label={t(`conditions.${value}`)} checked={conditions.includes(value)} onChange={() => setConditions(toggle(conditions, value))} />
          ))}
        </Fieldset>
        <Textfield
          id="offer-conditionsText"
          label={t('offer.conditionsText')}
          description={t('offer.conditionsTextHelp')}
          value={conditionsText}
          maxLength={200}
          onChange={(event) => setConditionsText(event.target.value)}
          error={errors.conditionsText}
        />
        {failed ? (
          <Alert data-color="danger" role="alert">
            {failed}
          </Alert>
        ) : null}
        <div>
          <Button type="submit" disabled={saving}>
            {t('offer.save')}
          </Button>
        </div>
      </form>
    </Page>
  );
}
