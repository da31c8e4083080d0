import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Field, Label, Paragraph, Textarea, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import type { MentorMeeting } from '../../../shared/mentors';
import { logMeeting, mentorKeys } from './queries';

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The meetings of one match, oldest first: date, length and the short note. */
export function MeetingList({ meetings }: { meetings: readonly MentorMeeting[] }) {
  const { t } = useTranslation('mentors');
  const format = useFormatters();
  if (meetings.length === 0) return <Paragraph data-size="sm">{t('log.empty')}</Paragraph>;
  return (
    <ul className="mentors-list" aria-label={t('log.heading')}>
      {meetings.map((meeting) => (
        <li key={meeting.id}>
          <strong>{format.date(meeting.metOn)}</strong> · {t('log.minutesValue', { count: meeting.minutes })}
          {meeting.note ? <div className="case-text">{meeting.note}</div> : null}
        </li>
      ))}
    </ul>
  );
}

/** The mentor logs a meeting: the date, how long, and a short note (stored encrypted; seen only by the mentor and the case director). */
export function MeetingForm({ caseId, actionId, idPrefix }: { caseId: string; actionId: string; idPrefix: string }) {
  const { t } = useTranslation('mentors');
  const queryClient = useQueryClient();
  const [metOn, setMetOn] = useState(todayIso());
  const [minutes, setMinutes] = useState('60');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const local: Record<string, string> = {};
    const length = Number(minutes);
    if (!metOn) local.metOn = t('log.dateRequired');
    if (!Number.isInteger(length) || length < 1 || length > 1440) local.minutes = t('log.minutesInvalid');
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setFailed(null);
    try {
      await logMeeting(caseId, actionId, { metOn, minutes: length, note: note.trim() });
      await queryClient.invalidateQueries({ queryKey: mentorKeys.all });
      setNote('');
      setSaved(true);
    } catch (caught) {
      if (isApiError(caught) && Object.keys(caught.fields).length > 0) setErrors(caught.fields);
      else setFailed(isApiError(caught) ? caught.message : t('log.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="mentors-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('log.formLabel')}>
      <Textfield id={`${idPrefix}-metOn`} type="date" label={t('log.date')} value={metOn} max={todayIso()} onChange={(event) => setMetOn(event.target.value)} error={errors.metOn} />
      <Textfield id={`${idPrefix}-minutes`} inputMode="numeric" label={t('log.minutes')} value={minutes} onChange={(event) => setMinutes(event.target.value)} error={errors.minutes} size={5} />
      <Field>
        <Label htmlFor={`${idPrefix}-note`}>{t('log.note')}</Label>
        <Field.Description>{t('log.noteHelp')}</Field.Description>
        <Textarea id={`${idPrefix}-note`} rows={2} maxLength={1000} value={note} onChange={(event) => setNote(event.target.value)} aria-invalid={errors.note ? true : undefined} />
        {errors.note ? <ValidationMessage>{errors.note}</ValidationMessage> : null}
      </Field>
      <div>
        <Button type="submit" aria-busy={busy || undefined}>
          {t('log.save')}
        </Button>
      </div>
      {failed ? <Alert data-color="danger">{failed}</Alert> : null}
      {saved ? (
        <Alert data-color="success" role="status">
          {t('log.saved')}
        </Alert>
      ) : null}
    </form>
  );
}
