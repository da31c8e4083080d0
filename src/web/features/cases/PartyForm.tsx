import { useState, type FormEvent } from 'react';
import { Button, ErrorSummary, Field, Fieldset, Input, Label, Radio, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { CONSENT_METHODS, CONSENT_METHOD_NAMES, CONSENT_DOCUMENT_MAX_BYTES, type Consent, type ConsentMethod } from '../../../shared/consents';
import { isoToday, nameOf } from './queries';
import { documentProblem, recordParty, uploadConsentDocument } from './consent-api';
import { useCaseMutation } from './useCaseMutation';
import { focusLater } from './dialog-focus';

type Party = Consent['requiredParties'][number];
const partyKey = (party: Party) => (party.kind === 'guardian' ? `guardian:${party.guardianId}` : 'young_person');
type Errors = Partial<Record<'party' | 'witnessName' | 'file' | 'givenOn' | 'form', string>>;

/**
 * Record one party's consent: a scanned signed form (uploaded first, as it is) or oral consent with
 * a witness. Not a react-hook-form: the file does not fit the JSON schema, and the upload is a step of its own.
 */
export function PartyForm({ consent, missing }: { consent: Consent; missing: Party[] }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const [party, setParty] = useState(missing.length === 1 ? partyKey(missing[0]!) : '');
  const [method, setMethod] = useState<ConsentMethod>('oral');
  const [witnessName, setWitnessName] = useState('');
  const [givenOn, setGivenOn] = useState(isoToday());
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  // A new key per attempt: Designsystemet's ErrorSummary takes focus when it mounts.
  const [attempt, setAttempt] = useState(0);

  const save = useCaseMutation(
    async () => {
      const chosen = missing.find((entry) => partyKey(entry) === party)!;
      const documentId = method === 'paper' && file ? (await uploadConsentDocument(consent.id, file)).id : undefined;
      return recordParty(consent.id, {
        kind: chosen.kind,
        guardianId: chosen.guardianId ?? undefined,
        method,
        witnessName: method === 'oral' ? witnessName.trim() : undefined,
        givenOn,
        documentId,
      });
    },
    () => {
      setParty('');
      setWitnessName('');
      setFile(null);
      setErrors({});
      // The parties' list shows who has consented now; this form may be gone (everyone has).
      focusLater('consent-parties-heading');
    },
  );

  const showErrors = (next: Errors) => {
    setErrors(next);
    setAttempt((count) => count + 1);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {};
    if (!party) next.party = t('party.choosePartyError');
    if (method === 'oral' && witnessName.trim().length < 2) next.witnessName = t('party.witnessError');
    if (method === 'paper') {
      if (!file) next.file = t('party.fileMissing');
      else if (documentProblem(file))
        next.file = t(`party.${documentProblem(file)!}`, {
          max: CONSENT_DOCUMENT_MAX_BYTES / 1024 / 1024,
        });
    }
    if (!givenOn) next.givenOn = t('party.dateError');
    if (Object.keys(next).length > 0) return showErrors(next);
    save.mutate(undefined, {
      onError: (error) => {
        const fields = isApiError(error) ? error.fields : {};
        showErrors({
          witnessName: fields.witnessName,
          givenOn: fields.givenOn,
          file:
            fields.documentId ??
            (isApiError(error) && error.status === 413
              ? t('party.fileSize', {
                  max: CONSENT_DOCUMENT_MAX_BYTES / 1024 / 1024,
                })
              : undefined),
          form: isApiError(error) ? error.message || t('party.failed') : t('party.failed'),
        });
      },
    });
  };
  const listed = Object.entries(errors).filter(([, message]) => Boolean(message)) as [keyof Errors, string][];

  return (
    <form className="stack case-subform" noValidate onSubmit={submit} aria-labelledby="party-form-heading">
      {listed.length > 0 ? (
        <ErrorSummary key={attempt}>
          <ErrorSummary.Heading>{t('party.summary')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {listed.map(([field, message]) => (
              <ErrorSummary.Item key={field}>{field === 'form' ? message : <ErrorSummary.Link href={`#party-${field}`}>{message}</ErrorSummary.Link>}</ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      ) : null}
      <Fieldset id="party-party" tabIndex={-1}>
        <Fieldset.Legend>{t('party.who')}</Fieldset.Legend>
        {missing.map((entry) => (
          <Radio key={partyKey(entry)} name="party" value={partyKey(entry)} label={entry.name} checked={party === partyKey(entry)} onChange={() => setParty(partyKey(entry))} />
        ))}
        {errors.party ? <ValidationMessage>{errors.party}</ValidationMessage> : null}
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('party.method')}</Fieldset.Legend>
        {CONSENT_METHODS.map((value) => (
          <Radio key={value} name="party-method" value={value} label={nameOf(CONSENT_METHOD_NAMES, value, language)} checked={method === value} onChange={() => setMethod(value)} />
        ))}
      </Fieldset>
      {method === 'oral' ? (
        <Textfield
          id="party-witnessName"
          label={t('party.witness')}
          description={t('party.witnessHelp')}
          value={witnessName}
          error={errors.witnessName}
          onChange={(event) => setWitnessName(event.target.value)}
        />
      ) : (
        <Field>
          <Label htmlFor="party-file">{t('party.file')}</Label>
          <Field.Description>
            {t('party.fileHelp', {
              max: CONSENT_DOCUMENT_MAX_BYTES / 1024 / 1024,
            })}
          </Field.Description>
          <Input
            id="party-file"
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            aria-invalid={errors.file ? true : undefined}
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              const problem = chosen ? documentProblem(chosen) : null;
              setErrors((current) => ({
                ...current,
                file: problem
                  ? t(`party.${problem}`, {
                      max: CONSENT_DOCUMENT_MAX_BYTES / 1024 / 1024,
                    })
                  : undefined,
              }));
            }}
          />
          {errors.file ? <ValidationMessage>{errors.file}</ValidationMessage> : null}
        </Field>
      )}
      <Textfield id="party-givenOn" type="date" label={t('party.givenOn')} value={givenOn} error={errors.givenOn} onChange={(event) => setGivenOn(event.target.value)} />
      <div>
        <Button type="submit" aria-busy={save.isPending || undefined}>
          {t('party.submit')}
        </Button>
      </div>
    </form>
  );
}
