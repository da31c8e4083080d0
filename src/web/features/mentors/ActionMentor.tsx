import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Details, Fieldset, Paragraph, Radio, Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import type { ActionMentor as ActionMentorData } from '../../../shared/mentors';
import { actionMentorQuery, matchMentor, mentorKeys, mentorLogQuery } from './queries';
import { MeetingForm, MeetingList } from './MeetingLog';
import { VettingTag } from './VettingTag';
import './mentors.css';

/**
 * Under a mentorskap action of the plan: the matched mentor; for the case director "Matcha mentor" (mentors
 * whose check has expired or whom the consent does not cover are shown, disabled, with the reason); for
 * the mentor and the director the meeting log.
 */
export function ActionMentor({ caseId, actionId, onMatched }: { caseId: string; actionId: string; onMatched?: () => void }) {
  const { t } = useTranslation('mentors');
  const mentor = useQuery(actionMentorQuery(caseId, actionId));
  // Remounted (closed) after a match, so the panel does not stay open on the old choice.
  const [round, setRound] = useState(0);
  if (mentor.isPending) return <Spinner aria-label={t('match.loading')} data-size="sm" />;
  if (mentor.isError || !mentor.data) return null;
  const data = mentor.data;
  return (
    <div className="mentors-action">
      <Paragraph data-size="sm" aria-live="polite">
        {data.match ? t('match.current', { name: data.match.mentorName, organisation: data.match.organisationName }) : t('match.none')}
      </Paragraph>
      {data.abilities.match ? (
        <Details key={round} className="case-add case-add--inline">
          <Details.Summary>{data.match ? t('match.change') : t('match.open')}</Details.Summary>
          <Details.Content>
            <MatchForm
              caseId={caseId}
              actionId={actionId}
              data={data}
              onMatched={() => {
                setRound((value) => value + 1);
                onMatched?.();
              }}
            />
          </Details.Content>
        </Details>
      ) : null}
      {data.abilities.readLog && data.match ? (
        <Details className="case-add case-add--inline">
          <Details.Summary>{t('log.heading')}</Details.Summary>
          <Details.Content>
            <Log caseId={caseId} actionId={actionId} canWrite={data.abilities.writeLog} />
          </Details.Content>
        </Details>
      ) : null}
    </div>
  );
}

function MatchForm({ caseId, actionId, data, onMatched }: { caseId: string; actionId: string; data: ActionMentorData; onMatched?: () => void }) {
  const { t } = useTranslation('mentors');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState(data.match?.mentorId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = `match-${actionId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setError(t('match.chooseRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await matchMentor(caseId, actionId, chosen);
      await queryClient.invalidateQueries({ queryKey: mentorKeys.all });
      onMatched?.();
    } catch (caught) {
      setError(isApiError(caught) ? (caught.fields.mentorId ?? caught.message) : t('match.failed'));
    } finally {
      setBusy(false);
    }
  };

  if (data.candidates.length === 0) return <Paragraph data-size="sm">{t('match.noCandidates')}</Paragraph>;
  return (
    <form className="mentors-form" noValidate onSubmit={(event) => void submit(event)}>
      <Fieldset>
        <Fieldset.Legend>{t('match.legend')}</Fieldset.Legend>
        <Fieldset.Description>{t('match.help')}</Fieldset.Description>
        {data.candidates.map((candidate) => (
          <div key={candidate.id}>
            <Radio
              id={`${name}-${candidate.id}`}
              name={name}
              value={candidate.id}
              label={`${candidate.name} (${candidate.organisationName})`}
              checked={chosen === candidate.id}
              disabled={candidate.blockedBy !== null}
              aria-describedby={`${name}-${candidate.id}-status`}
              onChange={() => setChosen(candidate.id)}
            />
            <span id={`${name}-${candidate.id}-status`} className="mentors-candidate-reason">
              <VettingTag status={candidate.vettingStatus} />{' '}
              {candidate.blockedBy ? t(`match.blocked.${candidate.blockedBy}`) : candidate.validThrough ? t('list.validThrough', { date: format.date(candidate.validThrough) }) : null}
            </span>
          </div>
        ))}
      </Fieldset>
      <div>
        <Button type="submit" aria-busy={busy || undefined}>
          {t('match.save')}
        </Button>
      </div>
      {error ? (
        <Alert data-color="danger" role="alert">
          {error}
        </Alert>
      ) : null}
    </form>
  );
}

function Log({ caseId, actionId, canWrite }: { caseId: string; actionId: string; canWrite: boolean }) {
  const { t } = useTranslation('mentors');
  const log = useQuery(mentorLogQuery(caseId, actionId));
  return (
    <>
      <Paragraph data-size="sm">{t('log.who')}</Paragraph>
      {log.isPending ? <Spinner aria-label={t('match.loading')} data-size="sm" /> : null}
      {log.data ? <MeetingList meetings={log.data.meetings} /> : null}
      {canWrite ? <MeetingForm caseId={caseId} actionId={actionId} idPrefix={`action-meeting-${actionId}`} /> : null}
    </>
  );
}
