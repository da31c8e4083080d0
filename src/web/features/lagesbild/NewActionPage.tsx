import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Field, Label, Link, Paragraph, Select, Textarea, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { isApiError } from '../../api/client';
import { isValidIsoWeek } from '../../../shared/stockholm-time';
import { ACTION_KIND_NAMES, ACTION_KINDS, type PlaceActionInput } from '../../../shared/place-actions';
import { areasQuery, organisationsQuery, placesQuery } from '../places/queries';
import { currentWeek, decideAction, LAGESBILD_PATHS, lagesbildKeys, planQuery } from './queries';
import { lang } from './Figure';
import './lagesbild.css';

type Kind = (typeof ACTION_KINDS)[number];

/**
 * Decide a place action at the weekly meeting: for a hot-spot (its cell, and its place when it has one),
 * a registered place or an area, with an owner organisation and person and a due date. Opened from the
 * week page's hot-spots with the cell and week filled in.
 */
export default function NewActionPage() {
  const { t, i18n } = useTranslation('lagesbild');
  const language = lang(i18n.language);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const places = useQuery(placesQuery());
  const areas = useQuery(areasQuery());
  const organisations = useQuery(organisationsQuery());
  const requestedWeek = params.get('vecka');
  const week = requestedWeek && isValidIsoWeek(requestedWeek) ? requestedWeek : currentWeek();
  const cell = params.get('cell') && /^[0-9a-f]{15}$/.test(params.get('cell')!) ? params.get('cell') : null;
  const placeParam = params.get('plats');
  const areaParam = params.get('omrade');
  const [where, setWhere] = useState(cell ? 'cell' : placeParam ? `place:${placeParam}` : areaParam ? `area:${areaParam}` : '');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<Kind>('narvaro');
  const [description, setDescription] = useState('');
  const [ownerOrganisationId, setOwnerOrganisationId] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [dueDate, setDueDate] = useState('');
  // The year's action plan, when there is one: a decided action is part of it unless the group says otherwise.
  const plan = useQuery(planQuery(Number(week.slice(0, 4))));
  const [inPlan, setInPlan] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const cellPlace = cell && placeParam ? places.data?.places.find((place) => place.id === placeParam)?.name : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!where) local.placeId = t('decide.whereRequired');
    if (!title.trim()) local.title = t('decide.titleRequired');
    if (!ownerOrganisationId) local.ownerOrganisationId = t('decide.ownerRequired');
    setErrors(local);
    setFailed(null);
    if (Object.keys(local).length > 0) return;
    const [whereKind, whereId] = where.split(':');
    const input: PlaceActionInput = {
      placeId: whereKind === 'place' ? whereId! : whereKind === 'cell' ? placeParam : null,
      areaId: whereKind === 'area' ? whereId! : whereKind === 'cell' ? areaParam : null,
      cell: whereKind === 'cell' ? cell : null,
      week,
      title: title.trim(),
      kind,
      description: description.trim() || null,
      ownerOrganisationId,
      ownerMembershipId: null,
      ownerName: ownerName.trim() || null,
      dueDate: dueDate || null,
      planId: inPlan && plan.data?.id ? plan.data.id : null,
    };
    setBusy(true);
    try {
      const action = await decideAction(input);
      await queryClient.invalidateQueries({ queryKey: lagesbildKeys.all });
      void navigate(`${LAGESBILD_PATHS.action(action.id)}?beslutad=1`);
    } catch (caught) {
      if (isApiError(caught) && Object.keys(caught.fields).length > 0) setErrors(caught.fields);
      setFailed(isApiError(caught) ? caught.message : t('decide.failed'));
    } finally {
      setBusy(false);
    }
  };

  const errorList = Object.entries(errors);
  return (
    <Page title={t('decide.title')} width="narrow">
      <Paragraph>
        <Link asChild>
          <RouterLink to={LAGESBILD_PATHS.weekOf(week, areaParam)}>{t('decide.back', { week })}</RouterLink>
        </Link>
      </Paragraph>
      <Paragraph>{t('decide.intro', { week })}</Paragraph>
      {places.isPending || areas.isPending || organisations.isPending ? <PageLoading /> : null}
      {organisations.isError ? <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} /> : null}
      {places.data && areas.data && organisations.data ? (
        <form onSubmit={(event) => void submit(event)} noValidate className="stack lagesbild-form">
          {errorList.length > 0 ? (
            <Alert data-color="danger" role="alert">
              <Paragraph>{failed ?? t('decide.fix')}</Paragraph>
              <ul>
                {errorList.map(([field, message]) => (
                  <li key={field}>
                    <a href={`#decide-${field}`}>{message}</a>
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
            <Label htmlFor="decide-placeId">{t('decide.where')}</Label>
            <Select id="decide-placeId" value={where} onChange={(event) => setWhere(event.target.value)} aria-invalid={errors.placeId ? true : undefined}>
              <option value="">{t('decide.chooseWhere')}</option>
              {cell ? <option value="cell">{cellPlace ? t('decide.hotspotAt', { name: cellPlace }) : t('decide.hotspot')}</option> : null}
              {places.data.places.map((place) => (
                <option key={place.id} value={`place:${place.id}`}>
                  {place.name}
                </option>
              ))}
              {areas.data.areas.map((area) => (
                <option key={area.id} value={`area:${area.id}`}>
                  {t('decide.areaOption', { name: area.name })}
                </option>
              ))}
            </Select>
            {errors.placeId ? <ValidationMessage>{errors.placeId}</ValidationMessage> : null}
          </Field>
          <Textfield id="decide-title" label={t('decide.what')} description={t('decide.whatHelp')} value={title} onChange={(event) => setTitle(event.target.value)} error={errors.title} maxLength={200} />
          <Field>
            <Label htmlFor="decide-kind">{t('decide.kind')}</Label>
            <Select id="decide-kind" value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
              {ACTION_KINDS.map((value) => (
                <option key={value} value={value}>
                  {ACTION_KIND_NAMES[value][language]}
                </option>
              ))}
            </Select>
          </Field>
          <Field>
            <Label htmlFor="decide-description">{t('decide.description')}</Label>
            <Paragraph data-size="sm" id="decide-description-help">
              {t('decide.descriptionHelp')}
            </Paragraph>
            <Textarea id="decide-description" rows={4} value={description} maxLength={2000} aria-describedby="decide-description-help" aria-invalid={errors.description ? true : undefined} onChange={(event) => setDescription(event.target.value)} />
            {errors.description ? <ValidationMessage>{errors.description}</ValidationMessage> : null}
          </Field>
          <Field>
            <Label htmlFor="decide-ownerOrganisationId">{t('decide.owner')}</Label>
            <Select id="decide-ownerOrganisationId" value={ownerOrganisationId} onChange={(event) => setOwnerOrganisationId(event.target.value)} aria-invalid={errors.ownerOrganisationId ? true : undefined}>
              <option value="">{t('decide.chooseOwner')}</option>
              {organisations.data.organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.name}
                </option>
              ))}
            </Select>
            {errors.ownerOrganisationId ? <ValidationMessage>{errors.ownerOrganisationId}</ValidationMessage> : null}
          </Field>
          <Textfield id="decide-ownerName" label={`${t('decide.ownerName')} ${t('decide.optional')}`} description={t('decide.ownerNameHelp')} value={ownerName} onChange={(event) => setOwnerName(event.target.value)} error={errors.ownerName} maxLength={200} />
          <Textfield id="decide-dueDate" type="date" label={`${t('decide.dueDate')} ${t('decide.optional')}`} value={dueDate} onChange={(event) => setDueDate(event.target.value)} error={errors.dueDate} />
          {plan.data?.id ? <Checkbox id="decide-planId" label={t('decide.inPlan', { year: plan.data.year })} checked={inPlan} onChange={(event) => setInPlan(event.target.checked)} /> : null}
          <div>
            <Button type="submit" aria-busy={busy || undefined}>
              {t('decide.submit')}
            </Button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}
