import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import type { MentorDetail } from '../../../shared/mentors';
import { MENTOR_PATHS, mentorKeys, mentorQuery, recordTraining, recordVetting } from './queries';
import { VettingTag } from './VettingTag';
import './mentors.css';

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** One mentor: contact, account, vetting checks (date and who, never the extract) and completed training. */
export default function MentorPage() {
  const { t } = useTranslation('mentors');
  const format = useFormatters();
  const { mentorId = '' } = useParams();
  const mentor = useQuery(mentorQuery(mentorId));
  const data = mentor.data;

  return (
    <Page title={data?.name ?? t('mentor.title')}>
      <Paragraph>
        <Link asChild>
          <RouterLink to={MENTOR_PATHS.list}>{t('mentor.back')}</RouterLink>
        </Link>
      </Paragraph>
      {mentor.isPending ? <PageLoading /> : null}
      {mentor.isError ? <QueryError error={mentor.error} onRetry={() => void mentor.refetch()} /> : null}
      {data ? (
        <>
          <dl className="mentors-facts">
            <dt>{t('mentor.organisation')}</dt>
            <dd>{data.organisationName}</dd>
            <dt>{t('mentor.vetting')}</dt>
            <dd>
              <VettingTag status={data.vettingStatus} />{' '}
              {data.validThrough ? t('list.validThrough', { date: format.date(data.validThrough) }) : null}
            </dd>
            <dt>{t('mentor.account')}</dt>
            <dd>{data.userName ?? t('list.noAccount')}</dd>
            {data.phone ? (
              <>
                <dt>{t('form.phone')}</dt>
                <dd>{data.phone}</dd>
              </>
            ) : null}
            {data.email ? (
              <>
                <dt>{t('form.email')}</dt>
                <dd>{data.email}</dd>
              </>
            ) : null}
            <dt>{t('mentor.matches')}</dt>
            <dd>{data.matchCount}</dd>
          </dl>
          {data.vettingStatus === 'utgangen' ? (
            <Alert data-color="danger" className="mentors-card">
              {t('mentor.expiredNotice')}
            </Alert>
          ) : null}
          {data.vettingStatus === 'gar_ut' ? (
            <Alert data-color="warning" className="mentors-card">
              {t('mentor.expiringNotice', { date: format.date(data.validThrough!) })}
            </Alert>
          ) : null}
          <VettingSection mentor={data} />
          <TrainingSection mentor={data} />
        </>
      ) : null}
    </Page>
  );
}

function VettingSection({ mentor }: { mentor: MentorDetail }) {
  const { t } = useTranslation('mentors');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [checkedOn, setCheckedOn] = useState(todayIso());
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!checkedOn) local.checkedOn = t('vetting.dateRequired');
    if (!confirmed) local.extractNotKept = t('vetting.confirmRequired');
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setFailed(null);
    try {
      await recordVetting(mentor.id, { checkedOn, extractNotKept: true });
      await queryClient.invalidateQueries({ queryKey: mentorKeys.all });
      setConfirmed(false);
    } catch (caught) {
      if (isApiError(caught) && Object.keys(caught.fields).length > 0) setErrors(caught.fields);
      else setFailed(isApiError(caught) ? caught.message : t('form.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="mentors-card" data-color="neutral">
      <Heading level={2} data-size="xs">
        {t('vetting.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('vetting.intro')}</Paragraph>
      {mentor.checks.length === 0 ? (
        <Paragraph data-size="sm">{t('vetting.none')}</Paragraph>
      ) : (
        <ul className="mentors-list" aria-label={t('vetting.heading')}>
          {mentor.checks.map((check) => (
            <li key={check.id}>{t('vetting.entry', { date: format.date(check.checkedOn), name: check.checkedByName })}</li>
          ))}
        </ul>
      )}
      {mentor.abilities.recordVetting ? (
        <form className="mentors-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('vetting.formLabel')}>
          <Alert data-color="info">{t('vetting.neverStore')}</Alert>
          <Textfield id="vetting-checkedOn" type="date" label={t('vetting.date')} max={todayIso()} value={checkedOn} onChange={(event) => setCheckedOn(event.target.value)} error={errors.checkedOn} />
          <Checkbox id="vetting-confirm" label={t('vetting.confirm')} checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} error={errors.extractNotKept} />
          <div>
            <Button type="submit" aria-busy={busy || undefined}>
              {t('vetting.save')}
            </Button>
          </div>
          {failed ? <Alert data-color="danger">{failed}</Alert> : null}
        </form>
      ) : null}
    </Card>
  );
}

function TrainingSection({ mentor }: { mentor: MentorDetail }) {
  const { t } = useTranslation('mentors');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [completedOn, setCompletedOn] = useState(todayIso());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (name.trim().length < 2) local.name = t('training.nameRequired');
    if (!completedOn) local.completedOn = t('training.dateRequired');
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setFailed(null);
    try {
      await recordTraining(mentor.id, { name: name.trim(), completedOn });
      await queryClient.invalidateQueries({ queryKey: mentorKeys.all });
      setName('');
    } catch (caught) {
      if (isApiError(caught) && Object.keys(caught.fields).length > 0) setErrors(caught.fields);
      else setFailed(isApiError(caught) ? caught.message : t('form.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="mentors-card" data-color="neutral">
      <Heading level={2} data-size="xs">
        {t('training.heading')}
      </Heading>
      {mentor.trainings.length === 0 ? (
        <Paragraph data-size="sm">{t('training.none')}</Paragraph>
      ) : (
        <ul className="mentors-list" aria-label={t('training.heading')}>
          {mentor.trainings.map((training) => (
            <li key={training.id}>
              {training.name} · {format.date(training.completedOn)}
            </li>
          ))}
        </ul>
      )}
      {mentor.abilities.recordTraining ? (
        <form className="mentors-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('training.formLabel')}>
          <Textfield id="training-name" label={t('training.name')} value={name} onChange={(event) => setName(event.target.value)} error={errors.name} maxLength={200} />
          <Textfield id="training-completedOn" type="date" label={t('training.date')} max={todayIso()} value={completedOn} onChange={(event) => setCompletedOn(event.target.value)} error={errors.completedOn} />
          <div>
            <Button type="submit" variant="secondary" aria-busy={busy || undefined}>
              {t('training.save')}
            </Button>
          </div>
          {failed ? <Alert data-color="danger">{failed}</Alert> : null}
        </form>
      ) : null}
    </Card>
  );
}
