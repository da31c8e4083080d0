import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Field, Fieldset, Label, Link, Paragraph, Select, Textarea, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { isApiError } from '../../api/client';
import { OFFER_KINDS, TARGET_GROUPS, type Offer, type OfferInput, type OfferKind, type OfferTime, type TargetGroup } from '../../../shared/offers';
import { placesQuery } from '../places/queries';
import { createOffer, OFFER_PATHS, offerKeys, offerQuery, offersQuery, updateOffer } from './queries';
import './offers.css';

interface Draft {
  providerOrganisationId: string;
  kind: OfferKind;
  title: string;
  description: string;
  targetGroup: TargetGroup;
  ageFrom: string;
  ageTo: string;
  languages: string;
  placeIds: string[];
  times: OfferTime[];
  capacity: string;
  taken: string;
  cost: string;
  howToRefer: string;
  contactLabel: string;
  contactPhone: string;
  contactEmail: string;
  contactPerson: string;
  public: boolean;
  availableFrom: string;
  availableUntil: string;
}

const emptyDraft = (providerOrganisationId: string): Draft => ({
  providerOrganisationId,
  kind: 'oppen_verksamhet',
  title: '',
  description: '',
  targetGroup: 'unga',
  ageFrom: '',
  ageTo: '',
  languages: 'sv',
  placeIds: [],
  times: [],
  capacity: '',
  taken: '0',
  cost: 'gratis',
  howToRefer: '',
  contactLabel: '',
  contactPhone: '',
  contactEmail: '',
  contactPerson: '',
  public: false,
  availableFrom: '',
  availableUntil: '',
});

const draftOf = (offer: Offer): Draft => ({
  providerOrganisationId: offer.providerOrganisationId,
  kind: offer.kind,
  title: offer.title,
  description: offer.description,
  targetGroup: offer.targetGroup,
  ageFrom: offer.ageFrom?.toString() ?? '',
  ageTo: offer.ageTo?.toString() ?? '',
  languages: offer.languages.join(', '),
  placeIds: offer.places.map((place) => place.id),
  times: offer.times,
  capacity: offer.capacity?.toString() ?? '',
  taken: offer.taken.toString(),
  cost: offer.cost,
  howToRefer: offer.howToRefer,
  contactLabel: offer.contactLabel ?? '',
  contactPhone: offer.contactPhone ?? '',
  contactEmail: offer.contactEmail ?? '',
  contactPerson: offer.contactPerson ?? '',
  public: offer.public,
  availableFrom: offer.availableFrom ?? '',
  availableUntil: offer.availableUntil ?? '',
});

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));
const textOrNull = (text: string) => (text.trim() === '' ? null : text.trim());

function inputOf(draft: Draft): OfferInput {
  return {
    providerOrganisationId: draft.providerOrganisationId,
    kind: draft.kind,
    title: draft.title.trim(),
    description: draft.description.trim(),
    targetGroup: draft.targetGroup,
    ageFrom: numberOrNull(draft.ageFrom),
    ageTo: numberOrNull(draft.ageTo),
    languages: draft.languages
      .split(/[\s,]+/)
      .map((code) => code.trim().toLowerCase())
      .filter(Boolean),
    placeIds: draft.placeIds,
    times: draft.times,
    capacity: numberOrNull(draft.capacity),
    taken: numberOrNull(draft.taken) ?? 0,
    cost: draft.cost.trim() || 'gratis',
    howToRefer: draft.howToRefer.trim(),
    contactLabel: textOrNull(draft.contactLabel),
    contactPhone: textOrNull(draft.contactPhone),
    contactEmail: textOrNull(draft.contactEmail),
    contactPerson: textOrNull(draft.contactPerson),
    public: draft.public,
    availableFrom: textOrNull(draft.availableFrom),
    availableUntil: textOrNull(draft.availableUntil),
  };
}

/** Add an offer (/insatser/ny) or change one (/insatser/:id/andra). */
export default function OfferFormPage() {
  const { t } = useTranslation('offers');
  const { offerId } = useParams();
  const editing = Boolean(offerId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery(offersQuery());
  const existing = useQuery({ ...offerQuery(offerId ?? ''), enabled: editing });
  const places = useQuery(placesQuery());
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (draft) return;
    if (editing && existing.data) setDraft(draftOf(existing.data));
    else if (!editing && list.data) setDraft(emptyDraft(list.data.providers[0]?.id ?? ''));
  }, [draft, editing, existing.data, list.data]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => (current ? { ...current, [key]: value } : current));
  const setTime = (index: number, change: Partial<OfferTime>) => set('times', draft!.times.map((time, i) => (i === index ? { ...time, ...change } : time)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const local: Record<string, string> = {};
    if (!draft.providerOrganisationId) local.providerOrganisationId = t('form.providerRequired');
    if (draft.title.trim().length < 2) local.title = t('form.titleRequired');
    setErrors(local);
    setFailed(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const saved = editing ? await updateOffer(offerId!, inputOf(draft)) : await createOffer(inputOf(draft));
      await queryClient.invalidateQueries({ queryKey: offerKeys.all });
      void navigate(`${OFFER_PATHS.offer(saved.id)}?sparad=1`);
    } catch (caught) {
      if (isApiError(caught) && Object.keys(caught.fields).length > 0) setErrors(caught.fields);
      setFailed(isApiError(caught) ? caught.message : t('form.failed'));
    } finally {
      setBusy(false);
    }
  };

  const providers = list.data?.providers ?? [];
  const loading = list.isPending || places.isPending || (editing && existing.isPending);
  const errorList = Object.entries(errors);
  const fieldError = (prefix: string) => errorList.find(([field]) => field === prefix || field.startsWith(`${prefix}.`))?.[1];
  return (
    <Page title={editing ? t('form.editTitle') : t('form.createTitle')} width="narrow">
      <Paragraph>
        <Link asChild>
          <RouterLink to={editing ? OFFER_PATHS.offer(offerId!) : OFFER_PATHS.list}>{t('form.back')}</RouterLink>
        </Link>
      </Paragraph>
      <Paragraph>{t('form.intro')}</Paragraph>
      {loading ? <PageLoading /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {existing.isError ? <QueryError error={existing.error} onRetry={() => void existing.refetch()} /> : null}
      {!loading && list.data && providers.length === 0 && !editing ? <Alert data-color="info">{t('form.notProvider')}</Alert> : null}
      {draft && places.data && (editing || providers.length > 0) ? (
        <form onSubmit={(event) => void submit(event)} noValidate className="stack">
          {errorList.length > 0 ? (
            <Alert data-color="danger" role="alert">
              <Paragraph>{failed ?? t('form.fix')}</Paragraph>
              <ul>
                {errorList.map(([field, message]) => (
                  <li key={field}>
                    <a href={`#offer-${field.split('.')[0]}`}>{message}</a>
                  </li>
                ))}
              </ul>
            </Alert>
          ) : failed ? (
            <Alert data-color="danger" role="alert">
              {failed}
            </Alert>
          ) : null}
          <Field>
            <Label htmlFor="offer-providerOrganisationId">{t('form.provider')}</Label>
            <Select id="offer-providerOrganisationId" value={draft.providerOrganisationId} onChange={(event) => set('providerOrganisationId', event.target.value)} aria-invalid={errors.providerOrganisationId ? true : undefined}>
              {editing && !providers.some((p) => p.id === draft.providerOrganisationId) ? <option value={draft.providerOrganisationId}>{existing.data?.providerName}</option> : null}
              {providers.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name}
                </option>
              ))}
            </Select>
            {errors.providerOrganisationId ? <ValidationMessage>{errors.providerOrganisationId}</ValidationMessage> : null}
          </Field>
          <Field>
            <Label htmlFor="offer-kind">{t('form.kind')}</Label>
            <Select id="offer-kind" value={draft.kind} onChange={(event) => set('kind', event.target.value as OfferKind)}>
              {OFFER_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kinds.${kind}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Textfield id="offer-title" label={t('form.title')} value={draft.title} onChange={(event) => set('title', event.target.value)} error={errors.title} maxLength={200} />
          <Field>
            <Label htmlFor="offer-description">{t('form.description')}</Label>
            <Textarea id="offer-description" rows={4} value={draft.description} onChange={(event) => set('description', event.target.value)} aria-invalid={errors.description ? true : undefined} />
            {errors.description ? <ValidationMessage>{errors.description}</ValidationMessage> : null}
          </Field>
          <Field>
            <Label htmlFor="offer-targetGroup">{t('form.target')}</Label>
            <Select id="offer-targetGroup" value={draft.targetGroup} onChange={(event) => set('targetGroup', event.target.value as TargetGroup)}>
              {TARGET_GROUPS.map((group) => (
                <option key={group} value={group}>
                  {t(`targets.${group}`)}
                </option>
              ))}
            </Select>
          </Field>
          <div className="offers-time-row">
            <Textfield id="offer-ageFrom" label={t('form.ageFrom')} inputMode="numeric" value={draft.ageFrom} onChange={(event) => set('ageFrom', event.target.value)} error={errors.ageFrom} size={4} />
            <Textfield id="offer-ageTo" label={t('form.ageTo')} inputMode="numeric" value={draft.ageTo} onChange={(event) => set('ageTo', event.target.value)} error={errors.ageTo} size={4} />
          </div>
          <Textfield id="offer-languages" label={t('form.languages')} description={t('form.languagesHelp')} value={draft.languages} onChange={(event) => set('languages', event.target.value)} error={fieldError('languages')} />
          <Fieldset id="offer-placeIds">
            <Fieldset.Legend>{t('form.places')}</Fieldset.Legend>
            <Fieldset.Description>{t('form.placesHelp')}</Fieldset.Description>
            {places.data.places.length === 0 ? <Paragraph>{t('form.noPlaces')}</Paragraph> : null}
            {places.data.places.map((place) => (
              <Checkbox
                key={place.id}
                label={place.name}
                value={place.id}
                checked={draft.placeIds.includes(place.id)}
                onChange={(event) => set('placeIds', event.target.checked ? [...draft.placeIds, place.id] : draft.placeIds.filter((id) => id !== place.id))}
              />
            ))}
            {fieldError('placeIds') ? <ValidationMessage>{fieldError('placeIds')}</ValidationMessage> : null}
          </Fieldset>
          <Fieldset id="offer-times">
            <Fieldset.Legend>{t('form.times')}</Fieldset.Legend>
            <Fieldset.Description>{t('form.timesHelp')}</Fieldset.Description>
            {draft.times.map((time, index) => (
              <div key={index} className="offers-time-row">
                <Field>
                  <Label htmlFor={`offer-time-${index}-weekday`}>{t('form.weekday')}</Label>
                  <Select id={`offer-time-${index}-weekday`} value={time.weekday} onChange={(event) => setTime(index, { weekday: Number(event.target.value) })}>
                    {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                      <option key={day} value={day}>
                        {t(`weekdays.${day}` as 'weekdays.1')}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Textfield id={`offer-time-${index}-starts`} label={t('form.starts')} type="time" value={time.starts} onChange={(event) => setTime(index, { starts: event.target.value })} />
                <Textfield id={`offer-time-${index}-ends`} label={t('form.ends')} type="time" value={time.ends} onChange={(event) => setTime(index, { ends: event.target.value })} />
                <Button variant="tertiary" onClick={() => set('times', draft.times.filter((_, i) => i !== index))}>
                  {t('form.removeTime')}
                </Button>
              </div>
            ))}
            {fieldError('times') ? <ValidationMessage>{fieldError('times')}</ValidationMessage> : null}
            <div>
              <Button variant="secondary" onClick={() => set('times', [...draft.times, { weekday: 1, starts: '18:00', ends: '20:00' }])}>
                {t('form.addTime')}
              </Button>
            </div>
          </Fieldset>
          <Fieldset>
            <Fieldset.Legend>{t('form.period')}</Fieldset.Legend>
            <Fieldset.Description>{t('form.periodHelp')}</Fieldset.Description>
            <div className="offers-time-row">
              <Textfield id="offer-availableFrom" label={t('form.availableFrom')} type="date" value={draft.availableFrom} onChange={(event) => set('availableFrom', event.target.value)} error={errors.availableFrom} />
              <Textfield id="offer-availableUntil" label={t('form.availableUntil')} type="date" value={draft.availableUntil} onChange={(event) => set('availableUntil', event.target.value)} error={errors.availableUntil} />
            </div>
          </Fieldset>
          <div className="offers-time-row">
            <Textfield id="offer-capacity" label={t('form.capacity')} description={t('form.capacityHelp')} inputMode="numeric" value={draft.capacity} onChange={(event) => set('capacity', event.target.value)} error={errors.capacity} size={6} />
            <Textfield id="offer-taken" label={t('form.taken')} inputMode="numeric" value={draft.taken} onChange={(event) => set('taken', event.target.value)} error={errors.taken} size={6} />
          </div>
          <Textfield id="offer-cost" label={t('form.cost')} value={draft.cost} onChange={(event) => set('cost', event.target.value)} error={errors.cost} />
          <Field>
            <Label htmlFor="offer-howToRefer">{t('form.howToRefer')}</Label>
            <Textarea id="offer-howToRefer" rows={3} value={draft.howToRefer} onChange={(event) => set('howToRefer', event.target.value)} aria-invalid={errors.howToRefer ? true : undefined} />
            {errors.howToRefer ? <ValidationMessage>{errors.howToRefer}</ValidationMessage> : null}
          </Field>
          <Textfield id="offer-contactLabel" label={t('form.contactLabel')} description={t('form.contactLabelHelp')} value={draft.contactLabel} onChange={(event) => set('contactLabel', event.target.value)} error={errors.contactLabel} />
          <Textfield id="offer-contactPhone" label={t('form.contactPhone')} type="tel" value={draft.contactPhone} onChange={(event) => set('contactPhone', event.target.value)} error={errors.contactPhone} />
          <Textfield id="offer-contactEmail" label={t('form.contactEmail')} type="email" value={draft.contactEmail} onChange={(event) => set('contactEmail', event.target.value)} error={errors.contactEmail} />
          <Textfield id="offer-contactPerson" label={t('form.contactPerson')} description={t('form.contactPersonHelp')} value={draft.contactPerson} onChange={(event) => set('contactPerson', event.target.value)} error={errors.contactPerson} />
          <Checkbox id="offer-public" label={t('form.public')} description={t('form.publicHelp')} checked={draft.public} onChange={(event) => set('public', event.target.checked)} />
          <div>
            <Button type="submit" disabled={busy}>
              {editing ? t('form.save') : t('form.create')}
            </Button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}
