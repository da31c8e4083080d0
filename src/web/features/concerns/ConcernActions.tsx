import { useRef, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Details, Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import { CONCERN_PATHS, CONCERN_DECISIONS, CONCERN_DECISION_NAMES, PROTECTION_ASSESSMENTS, PROTECTION_ASSESSMENT_NAMES } from '../../../shared/concerns';
import type { ConcernDetail } from '../../../shared/concerns-triage';
import { assigneesQuery, coordinatorsQuery, forwardTargetsQuery, nameOf } from './queries';
import { LinkPersonSection } from './LinkPersonSection';
import { ActionForm, ActionStatus, Choice } from './ActionForm';
import { AnnouncementProvider, useAnnouncement } from './announcement';
import { CloseConcern } from './CloseConcern';

const DEADLINE_COLOURS = {
  ok: 'success',
  near: 'warning',
  overdue: 'danger',
} as const;

const post = (path: string, body: unknown) => api(path, { method: 'POST', body });
const optional = (note: string) => (note.trim() ? note.trim() : undefined);

/**
 * The actions the server allows on this concern (its `abilities`), nothing else. The step the deadline
 * asks for comes first, in a card of its own (the protection assessment, then the decision); the rest
 * wait folded under "Fler åtgärder". Each action confirms itself in a status line by its form.
 */
export function ConcernActions({ concern }: { concern: ConcernDetail }) {
  return (
    <AnnouncementProvider>
      <Actions concern={concern} />
    </AnnouncementProvider>
  );
}

function Actions({ concern }: { concern: ConcernDetail }) {
  const { t } = useTranslation('inbox');
  const can = concern.abilities;
  // After a person is linked the link form is gone; focus returns to the top of the actions.
  const actionsHeading = useRef<HTMLHeadingElement>(null);
  const nextStepDone = useAnnouncement('next');
  const generalDone = useAnnouncement('general');
  // Handed over in this visit: the step is done (opening a second case would be refused anyway).
  const [handedOver, setHandedOver] = useState(false);
  const next = nextStepOf(concern, handedOver);
  const panels = morePanels(concern, t, () => actionsHeading.current?.focus(), next === 'link');
  if (!next && !nextStepDone && !generalDone && panels.length === 0) return null;
  return (
    <section aria-labelledby="concern-actions-heading" className="concern-actions">
      <Heading level={2} data-size="sm" id="concern-actions-heading" ref={actionsHeading} tabIndex={-1}>
        {t('actions.heading')}
      </Heading>
      {/* Actions whose form goes away with them (closing, unlinking) confirm themselves here. */}
      <ActionStatus slot="general" />
      {next || nextStepDone ? <NextStep concern={concern} next={next} onHandedOver={() => setHandedOver(true)} /> : null}
      {panels.length > 0 ? (
        <div className="concern-more">
          {next || nextStepDone ? (
            <Heading level={3} data-size="2xs">
              {t('actions.more')}
            </Heading>
          ) : null}
          {panels.map((panel) => (
            <Details key={panel.id} data-testid={`concern-panel-${panel.id}`}>
              <Details.Summary>{panel.title}</Details.Summary>
              <Details.Content>{panel.content}</Details.Content>
            </Details>
          ))}
        </div>
      ) : null}
    </section>
  );
}

type Next = 'assess' | 'decide' | 'link' | 'handOver' | null;

/**
 * The protection assessment until it is recorded, then the decision; after them, the handover to SSPF
 * (linking the concern to the person first, when it is not): the step intake takes when the young person
 * needs several actors, so the coordinator gets a case to start instead of a name to search for.
 */
function nextStepOf(concern: ConcernDetail, handedOver: boolean): Next {
  const can = concern.abilities;
  if (can.assess) return 'assess';
  if (can.decide) return 'decide';
  if (!can.handOver || handedOver || concern.kind !== 'person') return null;
  if (concern.person) return 'handOver';
  return can.linkPerson ? 'link' : null;
}

/** The step due now, with the deadline it is due by. */
function NextStep({ concern, next, onHandedOver }: { concern: ConcernDetail; next: Next; onHandedOver: () => void }) {
  const { t } = useTranslation('inbox');
  const format = useFormatters();
  const deadline = next === 'assess' ? concern.deadlines?.protectionAssessment : next === 'decide' ? concern.deadlines?.decision : null;
  const title =
    next === 'assess' ? t('actions.assessment') : next === 'decide' ? t('actions.decision') : next === 'link' || next === 'handOver' ? t('actions.handOver') : t('actions.nextStepDone');
  return (
    <section aria-labelledby="concern-next-step-heading" className="concern-next-step stack" data-testid="concern-next-step">
      <Heading level={3} data-size="xs" id="concern-next-step-heading" tabIndex={-1}>
        {next ? `${t('actions.nextStep')}: ${title}` : title}
      </Heading>
      {deadline ? (
        <Paragraph data-size="sm">
          {t('actions.dueBy', {
            date: next === 'assess' ? format.dateTime(deadline.dueAt) : format.date(deadline.dueAt),
          })}{' '}
          <Tag data-color={DEADLINE_COLOURS[deadline.state]} data-size="sm">
            {t(`deadline.${deadline.state}`)}
          </Tag>
        </Paragraph>
      ) : null}
      {next === 'assess' ? <AssessForm concern={concern} /> : null}
      {next === 'decide' ? <DecideForm concern={concern} /> : null}
      {next === 'link' || next === 'handOver' ? <Paragraph data-size="sm">{t('actions.handOverIntro')}</Paragraph> : null}
      {/* The link form announces nothing itself: once linked, the card moves on to the handover and focus goes to its heading. */}
      {next === 'link' ? <LinkPersonSection concernId={concern.id} onLinked={() => document.getElementById('concern-next-step-heading')?.focus()} /> : null}
      {next === 'handOver' ? <HandOverForm concern={concern} onDone={onHandedOver} /> : null}
      {/* Outlives the forms: after the decision the card says so instead of vanishing. */}
      <ActionStatus slot="next" />
    </section>
  );
}

function AssessForm({ concern }: { concern: ConcernDetail }) {
  const { t, i18n } = useTranslation('inbox');
  const [result, setResult] = useState('');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      slot="next"
      status={false}
      title={t('actions.assessment')}
      label={t('actions.save')}
      doneText={t('actions.done.assess')}
      submit={() =>
        post(`/api/concerns/${concern.id}/assessment`, {
          result,
          note: optional(note),
        })
      }
    >
      <Choice
        id="assess-result"
        label={t('actions.assessmentResult')}
        value={result}
        onChange={setResult}
        options={PROTECTION_ASSESSMENTS.map((value) => ({
          value,
          label: nameOf(PROTECTION_ASSESSMENT_NAMES, value, i18n.language),
        }))}
      />
      <Textfield id="assess-note" label={t('actions.noteOptional')} multiline rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
    </ActionForm>
  );
}

function DecideForm({ concern }: { concern: ConcernDetail }) {
  const { t, i18n } = useTranslation('inbox');
  const [decision, setDecision] = useState('');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      slot="next"
      status={false}
      title={t('actions.decision')}
      label={t('actions.save')}
      doneText={t('actions.done.decide')}
      submit={() =>
        post(`/api/concerns/${concern.id}/decision`, {
          decision,
          note: optional(note),
        })
      }
    >
      <Choice
        id="decide-value"
        label={t('actions.decisionValue')}
        value={decision}
        onChange={setDecision}
        options={CONCERN_DECISIONS.map((value) => ({
          value,
          label: nameOf(CONCERN_DECISION_NAMES, value, i18n.language),
        }))}
      />
      <Textfield id="decide-note" label={t('actions.noteOptional')} multiline rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
    </ActionForm>
  );
}

/**
 * Open an SSPF case for the concern's person, from the concern, directed by the chosen coordinator
 * (the only one chosen already). The coordinator hears of it in the app and finds it in their list;
 * consent is theirs to obtain: until it is in force, the case shares nothing.
 */
function HandOverForm({ concern, onDone }: { concern: ConcernDetail; onDone: () => void }) {
  const { t } = useTranslation('inbox');
  const coordinators = useQuery(coordinatorsQuery(concern.id));
  const [chosen, setChosen] = useState('');
  const list = coordinators.data?.coordinators ?? [];
  const director = chosen || (list.length === 1 ? list[0]!.userId : '');
  const name = list.find((entry) => entry.userId === director)?.name ?? '';
  const person = concern.person!;
  return (
    <ActionForm
      slot="next"
      status={false}
      title={t('actions.handOver')}
      label={t('actions.handOverSubmit', { name: `${person.firstName} ${person.lastName}` })}
      doneText={t('actions.done.handOver', { name })}
      submit={() => post('/api/cases', { personId: person.id, concernId: concern.id, directorUserId: director || undefined })}
      onDone={onDone}
    >
      <Choice
        id="hand-over-director"
        label={t('actions.handOverDirector')}
        value={director}
        onChange={setChosen}
        options={list.map((entry) => ({ value: entry.userId, label: entry.name ?? entry.userId }))}
      />
    </ActionForm>
  );
}

interface Panel {
  id: string;
  title: string;
  content: ReactNode;
}

/** The folded actions, in the order intake uses them. */
function morePanels(concern: ConcernDetail, t: TFunction<'inbox'>, onLinked: () => void, linkIsNext: boolean): Panel[] {
  const can = concern.abilities;
  const panels: (Panel | false)[] = [
    Boolean(can.assign) && {
      id: 'assign',
      title: t('actions.assign'),
      content: <AssignForm concern={concern} />,
    },
    Boolean(can.linkPerson && !concern.person && !linkIsNext) && {
      id: 'link',
      title: t('actions.linkPerson'),
      content: <LinkPersonSection concernId={concern.id} onLinked={onLinked} />,
    },
    Boolean(can.unlinkPerson && concern.person) && {
      id: 'unlink',
      title: t('actions.unlink'),
      content: <UnlinkForm concern={concern} />,
    },
    Boolean(can.addNote) && {
      id: 'note',
      title: t('actions.addNote'),
      content: <NoteForm concern={concern} />,
    },
    Boolean(can.forward) && {
      id: 'forward',
      title: t('actions.forward'),
      content: <ForwardForm concern={concern} />,
    },
    Boolean(can.close) && {
      id: 'close',
      title: t('actions.close'),
      content: <CloseConcern concern={concern} />,
    },
  ];
  return panels.filter((panel): panel is Panel => Boolean(panel));
}

function AssignForm({ concern }: { concern: ConcernDetail }) {
  const { t } = useTranslation('inbox');
  const [assignee, setAssignee] = useState('');
  const assignees = useQuery(assigneesQuery(concern.id));
  const options = [
    { value: 'none', label: t('actions.assignNone') },
    ...(assignees.data?.assignees ?? []).map((user) => ({
      value: user.userId,
      label: user.name ?? user.userId,
    })),
  ];
  const chosen = options.find((option) => option.value === assignee);
  return (
    <ActionForm
      slot="assign"
      title={t('actions.assign')}
      label={t('actions.assign')}
      doneText={assignee && assignee !== 'none' ? t('actions.done.assign', { name: chosen?.label ?? '' }) : t('actions.done.unassign')}
      submit={() =>
        post(`/api/concerns/${concern.id}/assign`, {
          userId: assignee === 'none' || !assignee ? null : assignee,
        })
      }
    >
      <Choice id="assign-user" label={t('actions.assignTo')} value={assignee} onChange={setAssignee} options={options} />
    </ActionForm>
  );
}

function UnlinkForm({ concern }: { concern: ConcernDetail }) {
  const { t } = useTranslation('inbox');
  return (
    <ActionForm
      slot="general"
      status={false}
      title={t('actions.unlink')}
      label={t('actions.unlink')}
      doneText={t('actions.done.unlink')}
      submit={() => api(`/api/concerns/${concern.id}/person`, { method: 'DELETE' })}
    >
      {null}
    </ActionForm>
  );
}

function NoteForm({ concern }: { concern: ConcernDetail }) {
  const { t } = useTranslation('inbox');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      slot="note"
      title={t('actions.addNote')}
      label={t('actions.addNote')}
      doneText={t('actions.done.note')}
      submit={async () => {
        await post(`/api/concerns/${concern.id}/notes`, { body: note });
        setNote('');
      }}
    >
      <Textfield id="note-body" label={t('actions.note')} multiline rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
    </ActionForm>
  );
}

function ForwardForm({ concern }: { concern: ConcernDetail }) {
  const { t } = useTranslation('inbox');
  const navigate = useNavigate();
  const [target, setTarget] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const targets = useQuery(forwardTargetsQuery(concern.id));
  return (
    <ActionForm
      slot="forward"
      title={t('actions.forward')}
      label={t('actions.forward')}
      doneText={t('actions.done.forward')}
      submit={() =>
        post(`/api/concerns/${concern.id}/forward`, {
          organisationId: target,
          legalBasis,
        })
      }
      onDone={() => void navigate(CONCERN_PATHS.inbox)}
    >
      <Choice
        id="forward-target"
        label={t('actions.forwardTo')}
        value={target}
        onChange={setTarget}
        options={(targets.data?.organisations ?? []).map((org) => ({
          value: org.id,
          label: org.name,
        }))}
      />
      <Textfield
        id="forward-legal-basis"
        label={t('actions.legalBasis')}
        description={t('actions.legalBasisHelp')}
        value={legalBasis}
        onChange={(event) => setLegalBasis(event.target.value)}
      />
    </ActionForm>
  );
}
