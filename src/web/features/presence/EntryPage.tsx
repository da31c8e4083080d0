import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Field, Label, Link, Paragraph, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, useFormContext } from 'react-hook-form';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { AppForm, fieldId, SubmitButton, TextField, useAppForm } from '../../components/form';
import { useFormMeta } from '../../components/form/AppForm';
import { SelectField } from '../admin/SelectField';
import { CheckboxField } from '../admin/CheckboxField';
import { CheckboxGroupField, TextareaField } from '../cases/fields';
import { STAFF_ROLE_NAMES, STAFF_ROLES, WEEKDAY_NAMES, PRESENCE_VISIBILITIES, type PresenceEntry } from '../../../shared/presence';
import { isoWeekOf, localDateOf } from '../../../shared/stockholm-time';
import { areaOptionsQuery, cancelEntry, entryQuery, placeOptionsQuery, presenceKeys, PRESENCE_PATHS, saveEntry } from './queries';
import { emptyForm, entryFormSchema, formOf, inputOf, type EntryFormInput, type EntryFormValues } from './entry-form';
import './presence.css';

const lang = (language: string) => (language === 'en' ? 'en' : 'sv');

/** /narvaroplan/ny and /narvaroplan/:entryId: plan presence, or see, change and cancel an entry. */
export default function EntryPage() {
  const { entryId } = useParams();
  const { t } = useTranslation('presence');
  const entry = useQuery({ ...entryQuery(entryId ?? ''), enabled: Boolean(entryId) });
  if (!entryId) return <EntryForm entry={null} />;
  if (entry.isPending) return <PageLoading />;
  if (entry.isError)
    return (
      <Page title={t('entry.title')}>
        <QueryError error={entry.error} />
      </Page>
    );
  return <EntryForm entry={entry.data} />;
}

function EntryForm({ entry }: { entry: PresenceEntry | null }) {
  const { t, i18n } = useTranslation('presence');
  const language = lang(i18n.language);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const places = useQuery(placeOptionsQuery());
  const areas = useQuery(areaOptionsQuery());
  const editable = entry === null || entry.abilities.update === true;
  const defaults: EntryFormInput = entry ? formOf(entry) : emptyForm(params.get('datum') ?? localDateOf(new Date()), params.get('plats') ? `place:${params.get('plats')}` : '');
  const form = useAppForm<EntryFormInput, EntryFormValues>(entryFormSchema, { defaultValues: defaults });
  const repeat = form.watch('repeat');
  const [confirming, setConfirming] = useState(false);
  const [cancelError, setCancelError] = useState<string | undefined>();
  const cancelButton = useRef<HTMLButtonElement>(null);

  const submit = async (values: EntryFormValues) => {
    const saved = await saveEntry(entry?.id ?? null, inputOf(values));
    await queryClient.invalidateQueries({ queryKey: presenceKeys.all });
    void navigate(`${PRESENCE_PATHS.week}?vecka=${isoWeekOf(saved.date)}&sparad=1`);
  };

  const cancel = async () => {
    try {
      await cancelEntry(entry!.id);
      await queryClient.invalidateQueries({ queryKey: presenceKeys.all });
      void navigate(PRESENCE_PATHS.week);
    } catch {
      setCancelError(t('entry.cancelFailed'));
    }
  };

  const title = entry ? t('entry.title') : t('entry.newTitle');
  const whereOptions = [
    { value: '', label: t('entry.chooseWhere') },
    ...(places.data?.places ?? []).map((p) => ({ value: `place:${p.id}`, label: p.name })),
    ...(areas.data?.areas ?? []).map((a) => ({ value: `area:${a.id}`, label: t('entry.areaOption', { name: a.name }) })),
  ];

  return (
    <Page title={title} width="narrow">
      <Paragraph>
        <Link asChild>
          <RouterLink to={PRESENCE_PATHS.week}>{t('entry.back')}</RouterLink>
        </Link>
      </Paragraph>
      {entry ? <Paragraph>{t('entry.organisation', { name: entry.organisationName })}</Paragraph> : <Paragraph>{t('entry.intro')}</Paragraph>}
      {entry?.cancelled ? <Alert data-color="warning">{t('entry.cancelled')}</Alert> : null}
      {!editable ? <Alert data-color="info">{t('entry.readOnly')}</Alert> : null}
      {places.isPending || areas.isPending ? <PageLoading /> : null}
      {places.data && areas.data ? (
        <AppForm id="presence-entry" form={form} onSubmit={submit} failedHeading={t('entry.failed')}>
          <fieldset className="presence-form__fieldset" disabled={!editable}>
            <SelectField name="where" label={t('entry.where')} options={whereOptions} />
            <SelectField name="staffRole" label={t('entry.staffRole')} options={STAFF_ROLES.map((role) => ({ value: role, label: STAFF_ROLE_NAMES[role][language] }))} />
            <TextField name="staffNames" label={t('entry.staffNames')} description={t('entry.staffNamesHelp')} optional />
            <TextField name="plannedStaff" label={t('entry.plannedStaff')} inputMode="numeric" />
            <div className="presence-form__row">
              <TextField name="date" label={t('entry.date')} type="date" />
              <TextField name="startTime" label={t('entry.startTime')} description={t('entry.timeHelp')} />
              <TextField name="endTime" label={t('entry.endTime')} description={t('entry.endHelp')} />
            </div>
            <SelectField
              name="repeat"
              label={t('entry.repeat')}
              options={[
                { value: 'once', label: t('entry.repeatOnce') },
                { value: 'weekly', label: t('entry.repeatWeekly') },
              ]}
            />
            {repeat === 'weekly' ? (
              <>
                <CheckboxGroupField name="weekdays" legend={t('entry.weekdays')} options={WEEKDAY_NAMES[language].map((name, index) => ({ value: String(index + 1), label: name }))} />
                <TextField name="until" label={t('entry.until')} type="date" optional />
                <TextField name="exceptions" label={t('entry.exceptions')} description={t('entry.exceptionsHelp')} optional />
                <CheckboxField name="skipPublicHolidays" label={t('entry.skipPublicHolidays')} />
                <CheckboxField name="skipSchoolHolidays" label={t('entry.skipSchoolHolidays')} />
              </>
            ) : null}
            <VisibilityField />
            <TextareaField name="notes" label={t('entry.notes')} optional rows={3} />
          </fieldset>
          {editable ? <SubmitButton>{entry ? t('entry.save') : t('entry.create')}</SubmitButton> : null}
        </AppForm>
      ) : null}
      {entry && entry.abilities.cancel && !entry.cancelled ? (
        <div className="presence-actions">
          <Button ref={cancelButton} variant="secondary" data-color="danger" onClick={() => setConfirming(true)}>
            {t('entry.cancel')}
          </Button>
          <ConfirmDialog
            open={confirming}
            title={t('entry.cancelTitle')}
            confirmLabel={t('entry.cancelConfirm')}
            cancelLabel={t('entry.cancelKeep')}
            error={cancelError}
            onConfirm={() => void cancel()}
            onCancel={() => setConfirming(false)}
            focusAfterClose={() => cancelButton.current}
          >
            {t('entry.cancelText')}
          </ConfirmDialog>
        </div>
      ) : null}
    </Page>
  );
}

/** Who may see the entry, with what each choice means said in words. */
function VisibilityField() {
  const { t } = useTranslation('presence');
  const { register, formState } = useFormContext();
  const { formId, labels } = useFormMeta();
  labels.set('visibility', t('entry.visibility'));
  const error = get(formState.errors, 'visibility') as { message?: string } | undefined;
  return (
    <Field>
      <Label htmlFor={fieldId(formId, 'visibility')}>{t('entry.visibility')}</Label>
      <Select id={fieldId(formId, 'visibility')} aria-describedby={`${formId}-visibility-help`} {...register('visibility')}>
        {PRESENCE_VISIBILITIES.map((value) => (
          <option key={value} value={value}>
            {t(`visibility.${value}`)}
          </option>
        ))}
      </Select>
      <Paragraph data-size="sm" id={`${formId}-visibility-help`}>
        {t('entry.visibilityHelp')}
      </Paragraph>
      {error?.message ? <ValidationMessage>{error.message}</ValidationMessage> : null}
    </Field>
  );
}
