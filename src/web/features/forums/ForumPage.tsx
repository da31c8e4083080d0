import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Tag, Textfield } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { isApiError } from '../../api/client';
import { AGENDA_LINK_KINDS, type AgendaLinkInput, type AgendaLinkKind, type Forum } from '../../../shared/forums';
import { instantOfWallTime } from '../../../shared/stockholm-time';
import { createMeeting, FORUM_PATHS, forumKeys, forumQuery } from './queries';
import { DecisionLine, memberLabel } from './parts';
import { LinkPicker } from './LinkPicker';
import './forums.css';

/** One forum: who is in it, its meetings (newest first) and the decisions still open. */
export default function ForumPage() {
  const { t } = useTranslation('forums');
  const { forumId = '' } = useParams();
  const forum = useQuery(forumQuery(forumId));
  const format = useFormatters();
  const [planning, setPlanning] = useState(false);

  return (
    <Page title={forum.data?.name ?? t('forum.title')} width="wide">
      <Paragraph>
        <Link asChild>
          <RouterLink to={FORUM_PATHS.list}>{t('forum.back')}</RouterLink>
        </Link>
      </Paragraph>
      {forum.isPending ? <PageLoading /> : null}
      {forum.isError ? <QueryError error={forum.error} onRetry={() => void forum.refetch()} /> : null}
      {forum.data ? (
        <>
          <Paragraph>
            {t(`types.${forum.data.type}`)} · {t('forum.chair', { name: forum.data.chairName })}
          </Paragraph>
          <Heading level={2} data-size="sm">
            {t('forum.members')}
          </Heading>
          {forum.data.members.length === 0 ? <Paragraph>{t('forum.noMembers')}</Paragraph> : null}
          <ul className="forums-list">
            {forum.data.members.map((member) => (
              <li key={member.id}>{memberLabel(member, t)}</li>
            ))}
          </ul>

          <Heading level={2} data-size="sm">
            {t('forum.openDecisions')}
          </Heading>
          {forum.data.openDecisions.length === 0 ? <Paragraph>{t('forum.noOpenDecisions')}</Paragraph> : null}
          <ul className="forums-list">
            {forum.data.openDecisions.map((decision) => (
              <li key={decision.id}>
                <DecisionLine decision={decision} />
              </li>
            ))}
          </ul>

          <Heading level={2} data-size="sm">
            {t('forum.meetings')}
          </Heading>
          {forum.data.abilities.manage && !planning ? (
            <Paragraph>
              <Button variant="secondary" onClick={() => setPlanning(true)}>
                {t('forum.planMeeting')}
              </Button>
            </Paragraph>
          ) : null}
          {planning ? <PlanMeetingForm forum={forum.data} onCancel={() => setPlanning(false)} /> : null}
          {forum.data.meetings.length === 0 ? <Paragraph>{t('forum.noMeetings')}</Paragraph> : null}
          <ul className="forums-list">
            {forum.data.meetings.map((meeting) => (
              <li key={meeting.id}>
                <Link asChild>
                  <RouterLink to={FORUM_PATHS.meeting(forum.data.id, meeting.id)}>{format.dateTime(meeting.startsAt)}</RouterLink>
                </Link>
                {meeting.place ? ` · ${meeting.place}` : ''}{' '}
                <Tag data-color={meeting.approved ? 'success' : 'neutral'}>{meeting.approved ? t('meeting.approvedTag') : t('meeting.notApprovedTag')}</Tag>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}

interface AgendaRow {
  title: string;
  kind: AgendaLinkKind | '';
  value: string;
}

function toLink(row: AgendaRow): AgendaLinkInput | null {
  if (!row.kind || !row.value.trim()) return null;
  return row.kind === 'lagesbild_week' ? { kind: 'lagesbild_week', week: row.value.trim() } : { kind: row.kind, id: row.value.trim() };
}

/** Plan a meeting: when, how long, where, and the agenda (each item may link one record by id or week). */
function PlanMeetingForm({ forum, onCancel }: { forum: Forum; onCancel: () => void }) {
  const { t } = useTranslation('forums');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [date, setDate] = useState('');
  const [time, setTime] = useState('13:00');
  const [duration, setDuration] = useState('90');
  const [place, setPlace] = useState('');
  const [rows, setRows] = useState<AgendaRow[]>([{ title: '', kind: '', value: '' }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const update = (index: number, patch: Partial<AgendaRow>) => setRows((before) => before.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailed(null);
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    if (!year || !month || !day || hour === undefined || minute === undefined || Number.isNaN(hour)) {
      setErrors({ startsAt: t('plan.dateRequired') });
      return;
    }
    setSaving(true);
    try {
      const startsAt = instantOfWallTime({ year, month, day, hour, minute: minute ?? 0 }).toISOString();
      const agenda = rows.filter((row) => row.title.trim()).map((row) => ({ title: row.title.trim(), link: toLink(row) }));
      const meeting = await createMeeting(forum.id, { startsAt, durationMinutes: Number(duration), place, agenda });
      await queryClient.invalidateQueries({ queryKey: forumKeys.all });
      void navigate(FORUM_PATHS.meeting(forum.id, meeting.id));
    } catch (caught) {
      if (isApiError(caught)) setErrors(caught.fields);
      setFailed(isApiError(caught) ? caught.message : t('form.failed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="forums-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="forums-row">
        <Textfield label={t('plan.date')} type="date" value={date} onChange={(event) => setDate(event.target.value)} error={errors.startsAt} required />
        <Textfield label={t('plan.time')} type="time" value={time} onChange={(event) => setTime(event.target.value)} required />
        <Textfield label={t('plan.duration')} type="number" min={5} value={duration} onChange={(event) => setDuration(event.target.value)} error={errors.durationMinutes} />
      </div>
      <Textfield label={t('plan.place')} value={place} onChange={(event) => setPlace(event.target.value)} />
      <Heading level={3} data-size="xs">
        {t('plan.agenda')}
      </Heading>
      {rows.map((row, index) => (
        <div className="forums-agenda-row" key={index}>
          <Textfield label={t('plan.itemTitle', { n: index + 1 })} value={row.title} onChange={(event) => update(index, { title: event.target.value })} error={errors[`agenda.${index}.title`]} />
          <Field>
            <Label htmlFor={`agenda-kind-${index}`}>{t('plan.linkKind')}</Label>
            <Select id={`agenda-kind-${index}`} value={row.kind} onChange={(event) => update(index, { kind: event.target.value as AgendaLinkKind | '', value: '' })}>
              <option value="">{t('plan.noLink')}</option>
              {AGENDA_LINK_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`linkKinds.${kind}`)}
                </option>
              ))}
            </Select>
          </Field>
          {row.kind ? (
            <LinkPicker
              id={`agenda-value-${index}`}
              kind={row.kind}
              value={row.value}
              onChange={(value) => update(index, { value })}
              decisions={forum.openDecisions}
              error={errors[`agenda.${index}.link`] ?? errors[`agenda.${index}.link.id`] ?? errors[`agenda.${index}.link.week`]}
            />
          ) : null}
        </div>
      ))}
      <Paragraph>
        <Button type="button" variant="tertiary" onClick={() => setRows((before) => [...before, { title: '', kind: '', value: '' }])}>
          {t('plan.addItem')}
        </Button>
      </Paragraph>
      {failed ? (
        <Alert data-color="danger" role="alert">
          {failed}
        </Alert>
      ) : null}
      <div className="forums-row">
        <Button type="submit" disabled={saving}>
          {t('plan.save')}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t('form.cancel')}
        </Button>
      </div>
    </form>
  );
}
