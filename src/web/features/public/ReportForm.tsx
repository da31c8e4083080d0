import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Alert, Button, Fieldset, Link, Paragraph, Radio } from '@digdir/designsystemet-react';
import type { PublicTenant } from '../../../shared/concerns-public';
import { clearDraft, loadDraft, newDraft, saveDraft, type Draft, type Track } from './draft';
import type { FormLanguage, OroT } from './oro-text';
import { Progress, StepErrors, withLtrNumbers, type FieldErrors } from './PublicParts';
import { PERSON_STEPS, personStepErrors, personStepOf, ReporterStep, SubjectStep, WhatStep, WhereStep } from './PersonSteps';
import { PLACE_STEPS, PlaceDescriptionStep, placeStepErrors, placeStepOf, PlaceStep } from './PlaceSteps';
import { concernBody, fetchFormToken, inFormLanguage, placeReportBody, publicKeys, submitReport } from './submit';
import { currentLanguage } from '../../i18n/language';
import { ReceiptView } from './ReceiptView';
import { ReviewStep } from './ReviewStep';
import { fieldLabelKey } from './field-labels';

type TriageChoice = 'danger' | 'crime' | Track;

const isTrack = (value: string | null): value is Track => value === 'person' || value === 'place';

/**
 * The draft to start from. `?track=person` (the public start page's "Anmäl oro" link, which shows the
 * triage's help itself) skips the triage for a fresh form; a draft already under way keeps its place.
 */
function startingDraft(slug: string, tenant: PublicTenant, asked: string | null): Draft {
  const draft = loadDraft(slug);
  const accepted = asked === 'person' ? tenant.acceptsConcerns : asked === 'place' && tenant.acceptsPlaceReports;
  if (isTrack(asked) && accepted && draft.step === 0 && !draft.track) return { ...draft, track: asked, step: 1 };
  return draft;
}

/**
 * The report itself: triage first, then short steps. The draft lives in sessionStorage only. The form
 * token is fetched when the form opens, so it has aged past `notBefore` long before anyone presses Send.
 */
export function ReportForm({ t, tenant, language }: { t: OroT; tenant: PublicTenant; language: FormLanguage }) {
  const queryClient = useQueryClient();
  const token = useQuery({
    queryKey: publicKeys.token(tenant.slug),
    queryFn: fetchFormToken,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState<Draft>(() => startingDraft(tenant.slug, tenant, params.get('track')));
  const [triage, setTriage] = useState<TriageChoice | null>(draft.track);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [website, setWebsite] = useState('');
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<{ code: string; track: Track } | null>(null);

  useEffect(() => {
    if (!receipt) saveDraft(tenant.slug, draft);
  }, [draft, tenant.slug, receipt]);

  // `?track=` is used once: a reload or Back to the triage must not skip the triage again.
  useEffect(() => {
    if (params.has('track'))
      setParams(
        (old) => {
          const next = new URLSearchParams(old);
          next.delete('track');
          return next;
        },
        { replace: true },
      );
  }, [params, setParams]);

  // After Next or Back, focus goes to the step's progress line, so screen readers start at the new step.
  const stepStart = useRef<HTMLDivElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) stepStart.current?.focus();
    moved.current = true;
  }, [draft.step]);

  const update = (patch: Partial<Draft>) => setDraft((old) => ({ ...old, ...patch }));
  const track = draft.track;
  const total = track === 'place' ? PLACE_STEPS : PERSON_STEPS;
  const stepErrors = track === 'place' ? placeStepErrors : personStepErrors;
  // After the questions, a review of the answers; Send is only there.
  const review = total + 1;
  const last = draft.step >= review;
  const labelOf = (path: string) => {
    const key = fieldLabelKey(track, path);
    return key ? t(key) : undefined;
  };

  if (receipt) {
    return (
      <ReceiptView
        t={t}
        code={receipt.code}
        track={receipt.track}
        onAnother={() => {
          setReceipt(null);
          // Another report is another submission: a new id.
          setDraft(newDraft());
          setTriage(null);
        }}
      />
    );
  }

  const goTo = (step: number) => {
    setErrors({});
    setGeneral(null);
    update({ step });
    window.scrollTo?.(0, 0);
  };

  const send = async () => {
    if (!token.data || !track) return;
    setBusy(true);
    setGeneral(null);
    const body = track === 'person' ? concernBody(draft, tenant.slug, token.data, website, language) : placeReportBody(draft, tenant.slug, token.data, website, language);
    const outcome = await submitReport(track, body, token.data);
    setBusy(false);
    if (outcome.kind === 'sent') {
      clearDraft(tenant.slug);
      void queryClient.invalidateQueries({
        queryKey: publicKeys.token(tenant.slug),
      });
      setReceipt({ code: outcome.receiptCode, track });
      return;
    }
    if (outcome.kind === 'refused') {
      await queryClient.invalidateQueries({
        queryKey: publicKeys.token(tenant.slug),
      });
      setGeneral(t('refused'));
      return;
    }
    if (outcome.kind === 'invalid') {
      const paths = Object.keys(outcome.fields);
      const sameLanguage = language === currentLanguage();
      if (paths.length === 0) {
        setGeneral((sameLanguage && outcome.message) || t('sendFailed'));
        return;
      }
      const stepOf = track === 'place' ? placeStepOf : personStepOf;
      update({ step: Math.min(...paths.map(stepOf)) });
      setErrors(inFormLanguage(outcome.fields, language, currentLanguage(), t('checkField')));
      return;
    }
    setGeneral(t(outcome.kind === 'rate_limited' ? 'rateLimited' : 'sendFailed'));
  };

  const next = () => {
    if (last) {
      // A draft restored from an older form, or changed in another tab, is checked once more as a whole.
      for (let step = 1; step <= total; step += 1) {
        const found = stepErrors(step, draft, t, tenant.associations.length);
        if (Object.keys(found).length > 0) {
          update({ step });
          setErrors(found);
          return;
        }
      }
      void send();
      return;
    }
    const found = stepErrors(draft.step, draft, t, tenant.associations.length);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    goTo(draft.step + 1);
  };

  if (draft.step === 0 || !track) {
    return (
      <>
        <Fieldset>
          <Fieldset.Legend>{t('triage.legend')}</Fieldset.Legend>
          {(['danger', 'crime', 'person', 'place'] as const).map((choice) => (
            <Radio key={choice} name="triage" value={choice} label={t(`triage.${choice}`)} checked={triage === choice} onChange={() => setTriage(choice)} />
          ))}
        </Fieldset>
        {triage === 'danger' ? (
          <Alert data-color="danger" role="alert">
            <Paragraph>
              <Link href="tel:112">{withLtrNumbers(t('triage.dangerHelp'))}</Link>
            </Paragraph>
          </Alert>
        ) : null}
        {triage === 'crime' ? (
          <Alert data-color="info" role="status">
            <Paragraph>
              <Link href="tel:11414">{withLtrNumbers(t('triage.crimeHelp'))}</Link>
            </Paragraph>
          </Alert>
        ) : null}
        {(triage === 'person' && !tenant.acceptsConcerns) || (triage === 'place' && !tenant.acceptsPlaceReports) ? <Alert data-color="warning">{t('notAccepted')}</Alert> : null}
        <Paragraph data-size="sm">{withLtrNumbers(t('triage.young'))}</Paragraph>
        {(triage === 'person' && tenant.acceptsConcerns) || (triage === 'place' && tenant.acceptsPlaceReports) ? (
          <div className="oro-actions">
            <Button type="button" onClick={() => setDraft((old) => ({ ...old, track: triage, step: 1 }))}>
              {t('next')}
            </Button>
          </div>
        ) : null}
      </>
    );
  }

  const props = { t, draft, update, errors };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        next();
      }}
      className="stack"
    >
      <div ref={stepStart} tabIndex={-1}>
        <Progress t={t} step={Math.min(draft.step, review)} total={review} />
      </div>
      <StepErrors t={t} errors={errors} general={general} labelOf={labelOf} />
      {track === 'person' && draft.step === 1 ? <ReporterStep {...props} associations={tenant.associations} /> : null}
      {track === 'person' && draft.step === 2 ? <SubjectStep {...props} /> : null}
      {track === 'person' && draft.step === 3 ? (
        <>
          <WhatStep {...props} />
          <WhereStep {...props} />
        </>
      ) : null}
      {track === 'place' && draft.step === 1 ? <PlaceStep {...props} /> : null}
      {track === 'place' && draft.step === 2 ? <PlaceDescriptionStep {...props} /> : null}
      {last ? <ReviewStep t={t} draft={draft} tenant={tenant} language={language} onChange={goTo} /> : null}
      <div className="oro-honeypot" aria-hidden="true">
        <label htmlFor="oro-website">{t('honeypot')}</label>
        <input id="oro-website" name="website" type="text" tabIndex={-1} autoComplete="off" value={website} onChange={(event) => setWebsite(event.target.value)} />
      </div>
      {token.isError ? <Alert data-color="danger">{t('loadFailed')}</Alert> : null}
      <div className="oro-actions">
        <Button type="button" variant="secondary" onClick={() => goTo(Math.min(draft.step, review) - 1)}>
          {t('back')}
        </Button>
        <Button type="submit" aria-busy={busy || undefined} disabled={last && !token.data}>
          {last ? (busy ? t('sending') : t('send')) : t('next')}
        </Button>
      </div>
      <Paragraph data-size="xs">{t('draftNote')}</Paragraph>
    </form>
  );
}
