import { useState } from 'react';
import { Button, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { useFormatters } from '../../i18n/format';
import { ACTION_TYPE_NAMES, MEETING_KINDS, MEETING_KIND_NAMES, meetingHeldInputSchema, meetingInputSchema, meetingKindSchema, type CaseDetail } from '../../../shared/cases';
import { isoToday, nameOf } from './queries';
import { CheckboxGroupField, RadioGroupField, SelectField, TextareaField } from './fields';
import { HiddenNotice, SectionCard, accessOf, sees } from './parts';
import { useCaseMutation } from './useCaseMutation';
import { AddPanel } from './AddPanel';
import { focusLater } from './dialog-focus';

/** Möten: network and follow-up meetings, who took part, what was decided. */
export function MeetingsSection({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const format = useFormatters();
  const [recording, setRecording] = useState<string | null>(null);
  if (!sees(detail, 'meetings')) {
    return (
      <SectionCard id="case-meetings" title={t('meetings.heading')}>
        <HiddenNotice access={accessOf(detail, 'meetings')} what={t('meetings.what')} />
      </SectionCard>
    );
  }
  const meetings = [...detail.meetings].sort((a, b) => b.heldOn.localeCompare(a.heldOn));
  return (
    <SectionCard id="case-meetings" title={t('meetings.heading')}>
      {meetings.length === 0 ? <Paragraph>{t('meetings.none')}</Paragraph> : null}
      <ul className="cases-plain-list">
        {meetings.map((meeting) => (
          <li key={meeting.id} className="case-meeting stack">
            <Heading level={3} data-size="2xs" id={`meeting-${meeting.id}-heading`} tabIndex={-1}>
              {nameOf(MEETING_KIND_NAMES, meeting.kind, language)}, {format.date(meeting.heldOn)}{' '}
              <Tag data-color={meeting.held ? 'success' : 'info'} data-size="sm">
                {meeting.held ? t('meetings.held') : t('meetings.planned')}
              </Tag>
            </Heading>
            {meeting.participants.length > 0 ? (
              <Paragraph data-size="sm">
                {t('meetings.participants')}:{' '}
                {meeting.participants.map((participant) => [participant.name, participant.organisation, participant.role].filter(Boolean).join(', ')).join('; ')}
              </Paragraph>
            ) : null}
            {meeting.decisions ? (
              <Paragraph data-size="sm" className="case-text">
                {t('meetings.decisions')}: {meeting.decisions}
              </Paragraph>
            ) : null}
            {meeting.actionIds.length > 0 ? (
              <Paragraph data-size="sm">
                {t('meetings.linkedActions')}:{' '}
                {meeting.actionIds
                  .map((id) => detail.actions.find((action) => action.id === id))
                  .filter(Boolean)
                  .map((action) => `${nameOf(ACTION_TYPE_NAMES, action!.type, language)}: ${action!.what}`)
                  .join('; ')}
              </Paragraph>
            ) : null}
            {!meeting.held && detail.abilities.addMeeting && recording !== meeting.id ? (
              <div>
                <Button variant="secondary" data-size="sm" onClick={() => setRecording(meeting.id)}>
                  {t('meetings.recordHeld')}
                </Button>
              </div>
            ) : null}
            {recording === meeting.id ? (
              <MeetingForm
                detail={detail}
                planned={meeting}
                onDone={() => {
                  setRecording(null);
                  // The form closes; the meeting's heading now says it was held.
                  focusLater(`meeting-${meeting.id}-heading`);
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {detail.abilities.addMeeting ? (
        <AddPanel labelId="meeting-form-heading" label={t('meetings.add')}>
          <MeetingForm detail={detail} />
        </AddPanel>
      ) : null}
    </SectionCard>
  );
}

const meetingFormSchema = z.object({
  kind: meetingKindSchema,
  heldOn: z.iso.date(),
  held: z.enum(['held', 'planned']),
  members: z.array(z.string()),
  others: z.string().max(4000),
  decisions: z.string().trim().max(8000),
  actionIds: z.array(z.string()),
});
type MeetingFormValues = z.infer<typeof meetingFormSchema>;

type Meeting = CaseDetail['meetings'][number];

/** A new meeting, or (`planned`) a planned one recorded as held: then its kind is given and it is held. */
function MeetingForm({ detail, planned, onDone }: { detail: CaseDetail; planned?: Meeting; onDone?: () => void }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const format = useFormatters();
  const formId = planned ? `meeting-held-form-${planned.id}` : 'meeting-form';
  const empty: MeetingFormValues = {
    kind: planned?.kind ?? 'uppfoljning',
    heldOn: isoToday(),
    held: 'held',
    members: [],
    others: '',
    decisions: '',
    actionIds: [],
  };
  const form = useAppForm(meetingFormSchema, { defaultValues: empty });
  const add = useCaseMutation((values: unknown) =>
    api(planned ? `/api/cases/${detail.id}/meetings/${planned.id}/held` : `/api/cases/${detail.id}/meetings`, { method: 'POST', body: values }),
  );
  return (
    <AppForm
      id={formId}
      form={form}
      aria-labelledby={`${formId}-heading`}
      onSubmit={async (values) => {
        const fromTeam = detail.members
          .filter((member) => values.members.includes(member.id))
          .map((member) => ({
            name: member.name,
            organisation: member.organisationName,
            role: member.caseRole,
          }));
        // One line per other participant: "Name, organisation, role".
        const others = values.others
          .split('\n')
          .map((line) => line.split(',').map((part) => part.trim()))
          .filter(([name]) => Boolean(name))
          .map(([name, organisation = '', role = '']) => ({
            name: name!,
            organisation,
            role,
          }));
        const participants = [...fromTeam, ...others];
        const body = planned
          ? meetingHeldInputSchema.parse({ heldOn: values.heldOn, participants, decisions: values.decisions, actionIds: values.actionIds })
          : meetingInputSchema.parse({
              kind: values.kind,
              heldOn: values.heldOn,
              held: values.held === 'held',
              participants,
              decisions: values.decisions,
              actionIds: values.actionIds,
            });
        await add.mutateAsync(body);
        form.reset(empty);
        onDone?.();
      }}
    >
      {/* A new meeting's form is labelled by its panel's summary; a planned one's by this heading. */}
      {planned ? (
        <Heading level={4} data-size="2xs" id={`${formId}-heading`}>
          {t('meetings.recordHeldHeading', { kind: nameOf(MEETING_KIND_NAMES, planned.kind, language), date: format.date(planned.heldOn) })}
        </Heading>
      ) : null}
      <div className="case-grid">
        {planned ? null : (
          <SelectField
            name="kind"
            label={t('meetings.kind')}
            options={MEETING_KINDS.map((value) => ({
              value,
              label: nameOf(MEETING_KIND_NAMES, value, language),
            }))}
          />
        )}
        <TextField name="heldOn" type="date" label={planned ? t('meetings.heldOnDate') : t('meetings.date')} />
      </div>
      {planned ? null : (
        <RadioGroupField
          name="held"
          legend={t('meetings.heldLegend')}
          options={[
            { value: 'held', label: t('meetings.held') },
            { value: 'planned', label: t('meetings.planned') },
          ]}
        />
      )}
      <CheckboxGroupField
        name="members"
        legend={t('meetings.fromTeam')}
        options={detail.members.map((member) => ({
          value: member.id,
          label: `${member.name} (${member.organisationName})`,
        }))}
      />
      <TextareaField name="others" label={t('meetings.others')} optional rows={2} />
      <TextareaField name="decisions" label={t('meetings.decisions')} optional rows={4} />
      {detail.actions.length > 0 ? (
        <CheckboxGroupField
          name="actionIds"
          legend={`${t('meetings.linkActions')} ${t('optional')}`}
          options={detail.actions.map((action) => ({
            value: action.id,
            label: `${nameOf(ACTION_TYPE_NAMES, action.type, language)}: ${action.what}`,
          }))}
        />
      ) : null}
      <SubmitButton variant="secondary">{planned ? t('meetings.recordHeldSubmit') : t('meetings.addSubmit')}</SubmitButton>
    </AppForm>
  );
}
