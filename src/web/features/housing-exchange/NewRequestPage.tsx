import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, ErrorSummary, Field, Fieldset, Label, Paragraph, Radio, Select, Textarea, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { isApiError } from '../../api/client';
import { ACCESSIBILITY_FEATURES, AGE_BANDS, SCHOOL_NEEDS, type AccessibilityFeature, type AgeBand, type SchoolNeed } from '../../../shared/exchange-messages';
import { MIN_ACCEPTABLE_AREAS, type RequestInput } from '../../../shared/housing-exchange';
import { AreaPicker } from './AreaPicker';
import { caseOptionsQuery, createRequest, EXCHANGE_PATHS, exchangeKeys } from './queries';
import { BackToStart, swedishToday } from './parts';
import './housing-exchange.css';

type Errors = Record<string, string>;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const toggle = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/**
 * A new request (behov) from an SSPF case or an exit case (issue 16 §2). The form says what is sent and
 * what stays home. The young person's own recorded wish is required to make it at all, and exit support
 * in place is required to send it: both are checked here first, as field messages, and by the server.
 */
export default function NewRequestPage() {
  const { t } = useTranslation('housingExchange');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const cases = useQuery(caseOptionsQuery());
  const [kind, setKind] = useState<'sspf' | 'avhopp'>('sspf');
  const [caseId, setCaseId] = useState(search.get('arende') ?? '');
  const [reference, setReference] = useState('');
  const [householdSize, setHouseholdSize] = useState(1);
  const [ageBands, setAgeBands] = useState<AgeBand[]>(['16-17']);
  const [rooms, setRooms] = useState(1);
  const [accessibility, setAccessibility] = useState<AccessibilityFeature[]>([]);
  const [schoolNeeds, setSchoolNeeds] = useState<SchoolNeed[]>([]);
  const [acceptable, setAcceptable] = useState<string[]>([]);
  const [avoid, setAvoid] = useState<string[]>([]);
  const [moveBy, setMoveBy] = useState('');
  const [wishRecorded, setWishRecorded] = useState(false);
  const [recordedBy, setRecordedBy] = useState('');
  const [recordedOn, setRecordedOn] = useState('');
  const [exitSupport, setExitSupport] = useState(false);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const setSize = (size: number) => {
    setHouseholdSize(size);
    setAgeBands((before) => range(0, size - 1).map((i) => before[i] ?? '26-64'));
  };

  /** What the form can tell before asking the server; the server checks the same and more. */
  const check = (publish: boolean): Errors => {
    const found: Errors = {};
    if (kind === 'sspf' && !caseId) found.caseId = t('newRequest.errors.case');
    if (kind === 'avhopp' && !reference.trim()) found.reference = t('newRequest.errors.case');
    if (!wishRecorded) found.ownWish = t('newRequest.errors.ownWish');
    else {
      if (recordedBy.trim().length < 2) found.recordedBy = t('newRequest.errors.recordedBy');
      if (!recordedOn) found.recordedOn = t('newRequest.errors.recordedOn');
    }
    if (publish && !exitSupport) found.exitSupportInPlace = t('newRequest.errors.exitSupport');
    if (acceptable.length < MIN_ACCEPTABLE_AREAS) found.acceptableCodes = t('newRequest.errors.acceptable');
    return found;
  };

  const submit = async (publish: boolean) => {
    setFailed(null);
    setAttempt((n) => n + 1);
    const found = check(publish);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input: RequestInput = {
      origin: kind === 'sspf' ? { kind: 'sspf', caseId } : { kind: 'avhopp', reference: reference.trim() },
      householdSize,
      ageBands,
      rooms,
      accessibility,
      schoolNeeds: schoolNeeds.length > 0 ? schoolNeeds : ['inga'],
      avoidCodes: avoid,
      acceptableCodes: acceptable,
      moveBy,
      exitSupportInPlace: exitSupport,
      ownWish: wishRecorded ? { recordedBy: recordedBy.trim(), recordedOn } : null,
      note: note.trim() ? note.trim() : null,
      publish,
    };
    setSaving(true);
    try {
      const created = await createRequest(input);
      await queryClient.invalidateQueries({ queryKey: exchangeKeys.all });
      void navigate(EXCHANGE_PATHS.request(created.id));
    } catch (caught) {
      if (isApiError(caught)) setErrors(serverFields(caught.fields));
      setFailed(isApiError(caught) ? caught.message : t('common.failed'));
    } finally {
      setSaving(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void submit(submitter?.value !== 'draft');
  };
  const summary = Object.entries(errors);
  const today = swedishToday();

  return (
    <Page title={t('newRequest.title')} width="narrow">
      <BackToStart />
      <Alert data-color="info">
        <Paragraph>{t('common.noFreeText')}</Paragraph>
        <Paragraph>
          {t('newRequest.intro')} {t('newRequest.sent')}
        </Paragraph>
        <Paragraph>{t('newRequest.staysHome')}</Paragraph>
      </Alert>
      <form className="exchange-form" onSubmit={onSubmit} noValidate>
        {summary.length > 0 ? (
          <ErrorSummary key={attempt}>
            <ErrorSummary.Heading>{t('common:form.summaryHeading' as never)}</ErrorSummary.Heading>
            <ErrorSummary.List>
              {summary.map(([field, message]) => (
                <ErrorSummary.Item key={field}>
                  <ErrorSummary.Link href={`#request-${field}`}>{message}</ErrorSummary.Link>
                </ErrorSummary.Item>
              ))}
            </ErrorSummary.List>
          </ErrorSummary>
        ) : null}

        <Fieldset>
          <Fieldset.Legend>{t('newRequest.originKind')}</Fieldset.Legend>
          <Radio name="origin-kind" value="sspf" label={t('newRequest.kinds.sspf')} checked={kind === 'sspf'} onChange={() => setKind('sspf')} />
          <Radio name="origin-kind" value="avhopp" label={t('newRequest.kinds.avhopp')} checked={kind === 'avhopp'} onChange={() => setKind('avhopp')} />
        </Fieldset>
        {kind === 'sspf' && cases.data ? (
          <Field>
            <Label htmlFor="request-caseId">{t('newRequest.case')}</Label>
            <Select id="request-caseId" value={caseId} onChange={(event) => setCaseId(event.target.value)} aria-invalid={errors.caseId ? true : undefined}>
              <option value="">{t('newRequest.chooseCase')}</option>
              {cases.data.cases.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </Select>
            {cases.data.cases.length === 0 ? <Paragraph data-size="sm">{t('newRequest.noCases')}</Paragraph> : null}
            {errors.caseId ? <ValidationMessage>{errors.caseId}</ValidationMessage> : null}
          </Field>
        ) : null}
        {kind === 'sspf' && cases.isError ? (
          <Textfield id="request-caseId" label={t('newRequest.caseId')} description={t('newRequest.caseIdHelp')} value={caseId} onChange={(event) => setCaseId(event.target.value.trim())} error={errors.caseId} />
        ) : null}
        {kind === 'avhopp' ? (
          <Textfield id="request-reference" label={t('newRequest.reference')} value={reference} onChange={(event) => setReference(event.target.value)} error={errors.reference} maxLength={80} />
        ) : null}

        <Fieldset>
          <Fieldset.Legend>{t('newRequest.ownWish')}</Fieldset.Legend>
          <Fieldset.Description>{t('newRequest.ownWishHelp')}</Fieldset.Description>
          <Checkbox id="request-ownWish" label={t('newRequest.ownWishRecorded')} checked={wishRecorded} onChange={() => setWishRecorded(!wishRecorded)} aria-invalid={errors.ownWish ? true : undefined} />
          {errors.ownWish ? <ValidationMessage>{errors.ownWish}</ValidationMessage> : null}
          {wishRecorded ? (
            <>
              <Textfield id="request-recordedBy" label={t('newRequest.recordedBy')} value={recordedBy} onChange={(event) => setRecordedBy(event.target.value)} error={errors.recordedBy} maxLength={200} />
              <Textfield id="request-recordedOn" type="date" label={t('newRequest.recordedOn')} value={recordedOn} max={today} onChange={(event) => setRecordedOn(event.target.value)} error={errors.recordedOn} />
            </>
          ) : null}
        </Fieldset>

        <Field>
          <Label htmlFor="request-householdSize">{t('newRequest.householdSize')}</Label>
          <Select id="request-householdSize" value={String(householdSize)} onChange={(event) => setSize(Number(event.target.value))}>
            {range(1, 12).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </Field>
        <Fieldset>
          <Fieldset.Legend>{t('newRequest.ageBands')}</Fieldset.Legend>
          <Fieldset.Description>{t('newRequest.ageBandsHelp')}</Fieldset.Description>
          {ageBands.map((band, i) => (
            <Field key={i}>
              <Label htmlFor={`request-age-${i}`}>{t('newRequest.person', { n: i + 1 })}</Label>
              <Select id={`request-age-${i}`} value={band} onChange={(event) => setAgeBands((before) => before.map((b, j) => (j === i ? (event.target.value as AgeBand) : b)))}>
                {AGE_BANDS.map((value) => (
                  <option key={value} value={value}>
                    {t(`ageBands.${value}`)}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
          {errors.ageBands ? <ValidationMessage>{errors.ageBands}</ValidationMessage> : null}
        </Fieldset>
        <Field>
          <Label htmlFor="request-rooms">{t('newRequest.rooms')}</Label>
          <Select id="request-rooms" value={String(rooms)} onChange={(event) => setRooms(Number(event.target.value))}>
            {range(1, 10).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </Field>
        <Fieldset>
          <Fieldset.Legend>{t('newRequest.accessibility')}</Fieldset.Legend>
          {ACCESSIBILITY_FEATURES.map((value) => (
            <Checkbox key={value} label={t(`accessibility.${value}`)} checked={accessibility.includes(value)} onChange={() => setAccessibility(toggle(accessibility, value))} />
          ))}
        </Fieldset>
        <Fieldset>
          <Fieldset.Legend>{t('newRequest.schoolNeeds')}</Fieldset.Legend>
          {SCHOOL_NEEDS.map((value) => (
            <Checkbox key={value} label={t(`schoolNeeds.${value}`)} checked={schoolNeeds.includes(value)} onChange={() => setSchoolNeeds(toggle(schoolNeeds, value))} />
          ))}
          {errors.schoolNeeds ? <ValidationMessage>{errors.schoolNeeds}</ValidationMessage> : null}
        </Fieldset>
        <AreaPicker
          id="request-acceptableCodes"
          legend={t('newRequest.acceptable')}
          help={t('newRequest.acceptableHelp')}
          value={acceptable}
          onChange={setAcceptable}
          exclude={avoid}
          error={errors.acceptableCodes}
        />
        <AreaPicker id="request-avoidCodes" legend={t('newRequest.avoid')} help={t('newRequest.avoidHelp')} value={avoid} onChange={setAvoid} exclude={acceptable} error={errors.avoidCodes} />
        <Textfield id="request-moveBy" type="date" label={t('newRequest.moveBy')} value={moveBy} min={today} onChange={(event) => setMoveBy(event.target.value)} error={errors.moveBy} />

        <Fieldset>
          <Fieldset.Legend>{t('newRequest.exitSupportLegend')}</Fieldset.Legend>
          <Fieldset.Description>{t('newRequest.exitSupportHelp')}</Fieldset.Description>
          <Checkbox
            id="request-exitSupportInPlace"
            label={t('newRequest.exitSupport')}
            checked={exitSupport}
            onChange={() => setExitSupport(!exitSupport)}
            aria-invalid={errors.exitSupportInPlace ? true : undefined}
          />
          {errors.exitSupportInPlace ? <ValidationMessage>{errors.exitSupportInPlace}</ValidationMessage> : null}
        </Fieldset>
        <Field>
          <Label htmlFor="request-note">{t('newRequest.note')}</Label>
          <Paragraph data-size="sm">{t('newRequest.noteHelp')}</Paragraph>
          <Textarea id="request-note" rows={3} value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} aria-invalid={errors.note ? true : undefined} />
          {errors.note ? <ValidationMessage>{errors.note}</ValidationMessage> : null}
        </Field>
        {failed ? (
          <Alert data-color="danger" role="alert">
            {failed}
          </Alert>
        ) : null}
        <div className="exchange-row">
          <Button type="submit" name="action" value="publish" disabled={saving}>
            {t('newRequest.publish')}
          </Button>
          <Button type="submit" name="action" value="draft" variant="secondary" disabled={saving}>
            {t('newRequest.saveDraft')}
          </Button>
        </div>
      </form>
    </Page>
  );
}

/** The server's field paths ("origin.caseId", "ownWish.recordedOn") onto this form's fields. */
function serverFields(fields: Record<string, string>): Errors {
  const mapped: Errors = {};
  for (const [path, message] of Object.entries(fields)) {
    const key = path === 'origin.caseId' || path === 'origin' ? 'caseId' : path === 'origin.reference' ? 'reference' : path.startsWith('ownWish.') ? path.slice('ownWish.'.length) : path.split('.')[0]!;
    mapped[key] ??= message;
  }
  return mapped;
}
