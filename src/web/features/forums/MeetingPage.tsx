import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Field, Fieldset, Heading, Label, Link, Paragraph, Select, Tag, Textarea, Textfield } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { isApiError } from '../../api/client';
import { DECISION_STATUSES, type DecisionStatus, type Meeting } from '../../../shared/forums';
import { addDecision, approveMinutes, FORUM_PATHS, forumKeys, meetingQuery, minutesPdfUrl, recordMeeting, setDecisionStatus } from './queries';
import { DecisionLine, memberLabel } from './parts';
import './forums.css';

/**
 * Running a meeting: it opens with the follow-up of earlier decisions, then the agenda with minutes,
 * attendance, new decisions, and the justering. Once approved, everything is read-only.
 */
export default function MeetingPage() {
  const { t } = useTranslation('forums');
  const { forumId = '', meetingId = '' } = useParams();
  const meeting = useQuery(meetingQuery(forumId, meetingId));
  const format = useFormatters();
  const title = meeting.data ? t('meeting.title', { forum: meeting.data.forumName, date: format.date(meeting.data.startsAt) }) : t('meeting.loadingTitle');

  return (
    <Page title={title} width="wide">
      <Paragraph>
        <Link asChild>
          <RouterLink to={FORUM_PATHS.forum(forumId)}>{t('meeting.back')}</RouterLink>
        </Link>
      </Paragraph>
      {meeting.isPending ? <PageLoading /> : null}
      {meeting.isError ? <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} /> : null}
      {meeting.data ? <MeetingBody meeting={meeting.data} /> : null}
    </Page>
  );
}

function MeetingBody({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('forums');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const editable = meeting.abilities.record === true;
  const [minutes, setMinutes] = useState<Record<string, string>>({});
  const [present, setPresent] = useState<Record<string, boolean>>({});
  const [justerare, setJusterare] = useState(meeting.justerareUserId ?? '');
  const [message, setMessage] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setMinutes(Object.fromEntries(meeting.agenda.map((item) => [item.id, item.minutes])));
    setPresent(Object.fromEntries(meeting.attendance.map((a) => [a.memberId, a.present === true])));
    setJusterare(meeting.justerareUserId ?? '');
  }, [meeting]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: forumKeys.all });
  const run = async (work: () => Promise<unknown>, success: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      await refresh();
      setMessage({ tone: 'success', text: success });
    } catch (caught) {
      const fields = isApiError(caught) ? Object.values(caught.fields) : [];
      setMessage({ tone: 'danger', text: fields[0] ?? (isApiError(caught) ? caught.message : t('form.failed')) });
    } finally {
      setBusy(false);
    }
  };

  const saveRecord = () =>
    run(
      () =>
        recordMeeting(meeting.forumId, meeting.id, {
          minutes: meeting.agenda.map((item) => ({ itemId: item.id, text: minutes[item.id] ?? '' })),
          attendance: meeting.members.map((m) => ({ memberId: m.id, present: present[m.id] === true })),
        }),
      t('meeting.saved'),
    );

  return (
    <>
      <Paragraph>
        {t(`types.${meeting.forumType}`)} · {format.dateTime(meeting.startsAt)} · {t('meeting.duration', { minutes: meeting.durationMinutes })}
        {meeting.place ? ` · ${meeting.place}` : ''}
      </Paragraph>
      <Paragraph>
        {meeting.approvedAt ? (
          <Tag data-color="success">{t('meeting.approvedBy', { name: meeting.approvedByName ?? '', date: format.date(meeting.approvedAt) })}</Tag>
        ) : (
          <Tag data-color="warning">{t('meeting.notApprovedTag')}</Tag>
        )}{' '}
        <Link href={minutesPdfUrl(meeting.forumId, meeting.id)} target="_blank" rel="noopener">
          {t('meeting.pdf')}
        </Link>
      </Paragraph>
      {message ? (
        <Alert data-color={message.tone} role={message.tone === 'danger' ? 'alert' : 'status'}>
          {message.text}
        </Alert>
      ) : null}

      <section className="forums-section" aria-labelledby="followup-heading">
        <Heading level={2} data-size="sm" id="followup-heading">
          {t('meeting.followUp')}
        </Heading>
        {meeting.followUp.length === 0 ? <Paragraph>{t('meeting.noFollowUp')}</Paragraph> : null}
        <ul className="forums-followup">
          {meeting.followUp.map((decision) => (
            <li key={decision.id}>
              <DecisionLine decision={decision} />
              {editable ? (
                <Field>
                  <Label htmlFor={`status-${decision.id}`}>{t('meeting.statusOf', { text: decision.text })}</Label>
                  <Select
                    id={`status-${decision.id}`}
                    value={decision.status}
                    disabled={busy}
                    onChange={(event) => void run(() => setDecisionStatus(meeting.forumId, decision.id, event.target.value as DecisionStatus, meeting.id), t('meeting.statusSaved'))}
                  >
                    {DECISION_STATUSES.map((status) => (
                      <option key={status} value={status}>
                        {t(`statuses.${status}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="forums-section" aria-labelledby="agenda-heading">
        <Heading level={2} data-size="sm" id="agenda-heading">
          {t('meeting.agenda')}
        </Heading>
        {meeting.agenda.length === 0 ? <Paragraph>{t('meeting.noAgenda')}</Paragraph> : null}
        {meeting.agenda.map((item, index) => (
          <div className="forums-item" key={item.id}>
            <Heading level={3} data-size="xs">
              § {index + 1}. {item.title}
            </Heading>
            {item.link ? (
              <Paragraph data-size="sm">
                {t(`linkKinds.${item.link.kind}`)}:{' '}
                {item.link.visible && item.link.href ? (
                  <Link asChild>
                    <RouterLink to={item.link.href}>{item.link.label || item.link.ref}</RouterLink>
                  </Link>
                ) : item.link.visible ? (
                  item.link.label || item.link.ref
                ) : (
                  t('meeting.caseReferenceOnly', { reference: item.link.ref })
                )}
              </Paragraph>
            ) : null}
            {editable ? (
              <Field>
                <Label htmlFor={`minutes-${item.id}`}>{t('meeting.minutesFor', { n: index + 1 })}</Label>
                <Textarea id={`minutes-${item.id}`} rows={3} value={minutes[item.id] ?? ''} onChange={(event) => setMinutes((before) => ({ ...before, [item.id]: event.target.value }))} />
              </Field>
            ) : (
              <p className="forums-minutes">{item.minutes || t('meeting.noMinutes')}</p>
            )}
          </div>
        ))}
      </section>

      <section className="forums-section" aria-labelledby="attendance-heading">
        <Heading level={2} data-size="sm" id="attendance-heading">
          {t('meeting.attendance')}
        </Heading>
        {editable ? (
          <Fieldset>
            <Fieldset.Legend>{t('meeting.presentLegend')}</Fieldset.Legend>
            {meeting.members.map((member) => (
              <Checkbox key={member.id} label={memberLabel(member, t)} checked={present[member.id] === true} onChange={(event) => setPresent((before) => ({ ...before, [member.id]: event.target.checked }))} />
            ))}
          </Fieldset>
        ) : (
          <ul className="forums-list">
            {meeting.members.map((member) => {
              const state = meeting.attendance.find((a) => a.memberId === member.id)?.present;
              return (
                <li key={member.id}>
                  {memberLabel(member, t)}: {state === true ? t('meeting.present') : state === false ? t('meeting.absent') : t('meeting.unknown')}
                </li>
              );
            })}
          </ul>
        )}
        {editable ? (
          <Paragraph>
            <Button onClick={() => void saveRecord()} disabled={busy}>
              {t('meeting.save')}
            </Button>
          </Paragraph>
        ) : null}
      </section>

      <section className="forums-section" aria-labelledby="decisions-heading">
        <Heading level={2} data-size="sm" id="decisions-heading">
          {t('meeting.decisions')}
        </Heading>
        {meeting.decisions.length === 0 ? <Paragraph>{t('meeting.noDecisions')}</Paragraph> : null}
        <ul className="forums-list">
          {meeting.decisions.map((decision) => (
            <li key={decision.id}>
              <DecisionLine decision={decision} />
            </li>
          ))}
        </ul>
        {editable ? <DecisionForm meeting={meeting} busy={busy} run={run} /> : null}
      </section>

      <section className="forums-section" aria-labelledby="justering-heading">
        <Heading level={2} data-size="sm" id="justering-heading">
          {t('meeting.justering')}
        </Heading>
        {meeting.approvedAt ? (
          <Paragraph>{t('meeting.approvedBy', { name: meeting.approvedByName ?? '', date: format.date(meeting.approvedAt) })}</Paragraph>
        ) : (
          <Paragraph>{meeting.justerareName ? t('meeting.justerareIs', { name: meeting.justerareName }) : t('meeting.noJusterare')}</Paragraph>
        )}
        {editable ? (
          <div className="forums-row">
            <Field>
              <Label htmlFor="justerare">{t('meeting.justerare')}</Label>
              <Select id="justerare" value={justerare} onChange={(event) => setJusterare(event.target.value)}>
                <option value="">{t('form.choose')}</option>
                {meeting.justerareCandidates.map((c) => (
                  <option key={c.userId} value={c.userId}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Button variant="secondary" disabled={busy || !justerare} onClick={() => void run(() => recordMeeting(meeting.forumId, meeting.id, { justerareUserId: justerare }), t('meeting.justerareSaved'))}>
              {t('meeting.designate')}
            </Button>
          </div>
        ) : null}
        {meeting.abilities.approve ? (
          <Paragraph>
            <Button disabled={busy} onClick={() => void run(() => approveMinutes(meeting.forumId, meeting.id), t('meeting.approvedNow'))}>
              {t('meeting.approve')}
            </Button>
          </Paragraph>
        ) : null}
      </section>
    </>
  );
}

function DecisionForm({ meeting, busy, run }: { meeting: Meeting; busy: boolean; run: (work: () => Promise<unknown>, success: string) => Promise<void> }) {
  const { t } = useTranslation('forums');
  const organisations = [...new Map(meeting.members.filter((m) => m.organisationId).map((m) => [m.organisationId!, m.organisationName ?? ''])).entries()];
  const [text, setText] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [owner, setOwner] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [dueOn, setDueOn] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await addDecision(meeting.forumId, meeting.id, { text, ownerOrganisationId: organisationId, ownerUserId: owner || null, ownerName: owner ? null : ownerName.trim() || null, dueOn });
      setText('');
      setOwner('');
      setOwnerName('');
      setDueOn('');
    }, t('decision.saved'));
  };

  return (
    <form className="forums-form" onSubmit={(event) => void submit(event)} noValidate>
      <Heading level={3} data-size="xs">
        {t('decision.new')}
      </Heading>
      <Textfield label={t('decision.text')} multiline rows={2} value={text} onChange={(event) => setText(event.target.value)} />
      <Field>
        <Label htmlFor="decision-organisation">{t('decision.organisation')}</Label>
        <Select id="decision-organisation" value={organisationId} onChange={(event) => setOrganisationId(event.target.value)}>
          <option value="">{t('form.choose')}</option>
          {organisations.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
      <Field>
        <Label htmlFor="decision-owner">{t('decision.owner')}</Label>
        <Select id="decision-owner" value={owner} onChange={(event) => setOwner(event.target.value)}>
          <option value="">{t('decision.ownerOther')}</option>
          {meeting.justerareCandidates.map((c) => (
            <option key={c.userId} value={c.userId}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      {owner ? null : <Textfield label={t('decision.ownerName')} value={ownerName} onChange={(event) => setOwnerName(event.target.value)} />}
      <Textfield label={t('decision.dueOn')} type="date" value={dueOn} onChange={(event) => setDueOn(event.target.value)} />
      <div className="forums-row">
        <Button type="submit" disabled={busy}>
          {t('decision.save')}
        </Button>
      </div>
    </form>
  );
}
