import { useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Textarea, ValidationMessage } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import { isValidIsoWeek } from '../../../shared/stockholm-time';
import { ANALYSIS_MAX, type Lagesbild } from '../../../shared/lagesbild';
import { ACTION_STATUS_NAMES } from '../../../shared/place-actions';
import { areasQuery } from '../places/queries';
import { actionsQuery, currentWeek, LAGESBILD_PATHS, lagesbildKeys, pdfHref, saveAnalysis, sentWeekQuery, weekQuery, weekStep } from './queries';
import { CategoryTable, Changes, HeatGrid, Hotspots, PresenceGaps, Trends } from './WeekFigures';
import { SuppressionNote, lang } from './Figure';
import './lagesbild.css';

/**
 * Lägesbild: the week's verified events of the tenant or an area, against their own recent level, with
 * the hot-spots, the hours, the trends and the notable changes; the EST group writes its analysis,
 * decides actions, closes and sends the week. `?version=sent` shows the week as it was sent.
 */
export default function WeekPage() {
  const { t } = useTranslation('lagesbild');
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const format = useFormatters();
  const now = currentWeek();
  const week = params.week && isValidIsoWeek(params.week) ? params.week : now;
  const areaId = search.get('area') || null;
  const showSent = search.get('version') === 'sent';
  const areas = useQuery(areasQuery());
  const live = useQuery({ ...weekQuery(week, areaId), enabled: !showSent });
  const sent = useQuery({ ...sentWeekQuery(week, areaId), enabled: showSent });
  const go = (nextWeek: string, nextArea: string | null) => void navigate(LAGESBILD_PATHS.weekOf(nextWeek, nextArea));
  const picture = showSent ? sent.data?.picture : live.data;
  const pending = showSent ? sent.isPending : live.isPending;
  const failed = showSent ? sent : live;
  const invalidWeek = Boolean(params.week && !isValidIsoWeek(params.week));

  return (
    <Page title={t('week.title')} width="wide">
      <Paragraph>{t('week.intro')}</Paragraph>
      {invalidWeek ? <Alert data-color="warning">{t('week.invalidWeek')}</Alert> : null}
      <nav aria-label={t('week.linksLabel')} className="lagesbild-links">
        <Link asChild>
          <RouterLink to={LAGESBILD_PATHS.actions}>{t('week.actionsLink')}</RouterLink>
        </Link>
        <Link asChild>
          <RouterLink to={LAGESBILD_PATHS.plan(week.slice(0, 4))}>{t('week.planLink', { year: week.slice(0, 4) })}</RouterLink>
        </Link>
        <Link href={pdfHref(week, areaId)} target="_blank" rel="noopener">
          {t('week.pdf', { week })}
        </Link>
      </nav>
      <div className="lagesbild-pickers">
        <Field>
          <Label htmlFor="lagesbild-area">{t('week.area')}</Label>
          <Select id="lagesbild-area" value={areaId ?? ''} onChange={(event) => go(week, event.target.value || null)}>
            <option value="">{t('week.allAreas')}</option>
            {(areas.data?.areas ?? []).map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </Select>
        </Field>
        <WeekPicker week={week} picture={picture} current={now} onChange={(next) => go(next, areaId)} />
      </div>
      {showSent ? (
        <Alert data-color="info">
          <Paragraph>{sent.data ? t('sent.banner', { week, date: format.dateTime(sent.data.sentAt) }) : t('sent.bannerPending')}</Paragraph>
          <Link asChild>
            <RouterLink
              to={LAGESBILD_PATHS.weekOf(week, areaId)}
              onClick={() => {
                const next = new URLSearchParams(search);
                next.delete('version');
                setSearch(next);
              }}
            >
              {t('sent.toLive')}
            </RouterLink>
          </Link>
        </Alert>
      ) : null}
      {pending ? <PageLoading /> : null}
      {failed.isError ? <QueryError error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      {/* Keyed by week and area: the analysis form and the step messages belong to one week, not the next one picked. */}
      {picture ? <WeekContent key={`${picture.week}-${picture.areaId ?? ''}-${showSent}`} picture={picture} sentView={showSent} /> : null}
    </Page>
  );
}

function WeekPicker({ week, picture, current, onChange }: { week: string; picture?: Lagesbild; current: string; onChange: (week: string) => void }) {
  const { t } = useTranslation('lagesbild');
  const format = useFormatters();
  const first = picture?.dates[0] ? format.date(`${picture.dates[0]}T12:00:00Z`) : '';
  const last = picture?.dates[6] ? format.date(`${picture.dates[6]}T12:00:00Z`) : '';
  const previous = picture?.previousWeek;
  const next = picture?.nextWeek;
  return (
    <div className="lagesbild-week-picker">
      <Button variant="secondary" data-size="sm" disabled={!previous} onClick={() => previous && onChange(previous)}>
        {t('week.previous')}
      </Button>
      <p className="lagesbild-week-picker__label" aria-live="polite">
        <strong>{t('week.weekNumber', { number: Number(week.slice(6)), year: week.slice(0, 4) })}</strong> {first ? <span>{t('week.range', { first, last })}</span> : null}
      </p>
      <Button variant="secondary" data-size="sm" disabled={!next} onClick={() => next && onChange(next)}>
        {t('week.next')}
      </Button>
      {week !== current ? (
        <Button variant="tertiary" data-size="sm" onClick={() => onChange(current)}>
          {t('week.current')}
        </Button>
      ) : null}
    </div>
  );
}

function WeekContent({ picture, sentView }: { picture: Lagesbild; sentView: boolean }) {
  const { t } = useTranslation('lagesbild');
  const empty = picture.total.count.kind === 'value' && picture.total.count.value === 0 && picture.trend.series.every((series) => series.counts.every((value) => value.kind === 'value' && value.value === 0));
  const canDecide = !sentView && picture.abilities.write === true;
  return (
    <>
      <WeekState picture={picture} sentView={sentView} />
      {picture.suppressed ? (
        <Alert data-color="info" className="lagesbild-suppressed-alert">
          <Paragraph>{sentView ? t('suppression.sentIntro', { k: picture.k }) : t('suppression.analystIntro', { k: picture.k })}</Paragraph>
        </Alert>
      ) : null}
      {picture.suppressed ? <SuppressionNote k={picture.k} /> : null}
      {empty ? (
        <EmptyState title={t('week.emptyTitle')} headingLevel={2}>
          {t('week.empty')}
        </EmptyState>
      ) : null}
      <Changes picture={picture} />
      <CategoryTable picture={picture} />
      <Hotspots picture={picture} canDecide={canDecide} />
      <HeatGrid picture={picture} />
      <Trends picture={picture} />
      <PresenceGaps picture={picture} />
      {sentView ? null : <WeekActions picture={picture} canDecide={canDecide} />}
      <Analysis picture={picture} sentView={sentView} />
      {sentView ? null : <WeekSteps picture={picture} />}
    </>
  );
}

function WeekState({ picture, sentView }: { picture: Lagesbild; sentView: boolean }) {
  const { t } = useTranslation('lagesbild');
  const format = useFormatters();
  const { state } = picture;
  return (
    <div className="lagesbild-state" data-status={state.status}>
      <Paragraph>
        <strong>{t(`state.${state.status}`)}</strong>
        {picture.areaName ? ` · ${picture.areaName}` : ` · ${t('week.allAreas')}`}
        {state.closedAt ? ` · ${t('state.closedAt', { date: format.dateTime(state.closedAt) })}` : ''}
        {state.sentAt ? ` · ${t('state.sentAt', { date: format.dateTime(state.sentAt) })}` : ''}
      </Paragraph>
      {state.status === 'sent' && !sentView ? (
        <Paragraph data-size="sm">
          <Link asChild>
            <RouterLink to={LAGESBILD_PATHS.weekOf(picture.week, picture.areaId, true)}>{t('state.showSent')}</RouterLink>
          </Link>
        </Paragraph>
      ) : null}
    </div>
  );
}

/** The actions decided this week, and a way to decide one for the whole area or the tenant. */
function WeekActions({ picture, canDecide }: { picture: Lagesbild; canDecide: boolean }) {
  const { t, i18n } = useTranslation('lagesbild');
  const language = lang(i18n.language);
  const actions = useQuery(actionsQuery({ week: picture.week, ...(picture.areaId ? { area: picture.areaId } : {}) }));
  const params = new URLSearchParams({ vecka: picture.week });
  if (picture.areaId) params.set('omrade', picture.areaId);
  return (
    <section aria-labelledby="lagesbild-week-actions" className="stack">
      <Heading level={2} data-size="sm" id="lagesbild-week-actions">
        {t('weekActions.heading')}
      </Heading>
      {actions.isPending ? <Paragraph data-size="sm">{t('weekActions.loading')}</Paragraph> : null}
      {actions.isError ? <QueryError error={actions.error} onRetry={() => void actions.refetch()} /> : null}
      {actions.data && actions.data.actions.length === 0 ? <Paragraph>{t('weekActions.none')}</Paragraph> : null}
      {actions.data && actions.data.actions.length > 0 ? (
        <ul className="lagesbild-action-list">
          {actions.data.actions.map((action) => (
            <li key={action.id}>
              <Link asChild>
                <RouterLink to={LAGESBILD_PATHS.action(action.id)}>{action.title}</RouterLink>
              </Link>{' '}
              · {action.placeName ?? action.areaName ?? t('actions.cell')} · {ACTION_STATUS_NAMES[action.status][language]}
            </li>
          ))}
        </ul>
      ) : null}
      {canDecide ? (
        <Paragraph>
          <Link asChild>
            <RouterLink to={`${LAGESBILD_PATHS.newAction}?${params.toString()}`}>{t('weekActions.decide')}</RouterLink>
          </Link>
        </Paragraph>
      ) : null}
    </section>
  );
}

/** The EST group's analysis: a form while the week is open and the reader writes, else the text. */
function Analysis({ picture, sentView }: { picture: Lagesbild; sentView: boolean }) {
  const { t } = useTranslation('lagesbild');
  const queryClient = useQueryClient();
  const format = useFormatters();
  const [text, setText] = useState(picture.state.analysis);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const editable = !sentView && picture.abilities.analyse === true;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    setBusy(true);
    try {
      await saveAnalysis(picture.week, picture.areaId, text);
      await queryClient.invalidateQueries({ queryKey: lagesbildKeys.all });
      setSaved(true);
    } catch (caught) {
      setError(isApiError(caught) ? (caught.fields.analysis ?? caught.message) : t('analysis.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="lagesbild-analysis" className="stack">
      <Heading level={2} data-size="sm" id="lagesbild-analysis">
        {t('analysis.heading')}
      </Heading>
      {editable ? (
        <form onSubmit={(event) => void submit(event)} noValidate className="stack">
          <Field>
            <Label htmlFor="lagesbild-analysis-text">{t('analysis.label')}</Label>
            <Paragraph data-size="sm" id="lagesbild-analysis-help">
              {t('analysis.help')}
            </Paragraph>
            <Textarea
              id="lagesbild-analysis-text"
              rows={6}
              value={text}
              maxLength={ANALYSIS_MAX}
              aria-describedby="lagesbild-analysis-help"
              aria-invalid={error ? true : undefined}
              onChange={(event) => setText(event.target.value)}
            />
            {error ? <ValidationMessage>{error}</ValidationMessage> : null}
          </Field>
          <div>
            <Button type="submit" aria-busy={busy || undefined}>
              {t('analysis.save')}
            </Button>
          </div>
          <div role="status" aria-live="polite">
            {saved ? <Paragraph data-size="sm">{t('analysis.saved')}</Paragraph> : null}
          </div>
        </form>
      ) : picture.state.analysis ? (
        <div className="lagesbild-analysis-text">
          {picture.state.analysis.split('\n').map((line, index) => (
            <Paragraph key={index}>{line}</Paragraph>
          ))}
          {picture.state.analysisAt ? <Paragraph data-size="sm">{t('analysis.writtenAt', { date: format.dateTime(picture.state.analysisAt) })}</Paragraph> : null}
        </div>
      ) : (
        <Paragraph>{t('analysis.none')}</Paragraph>
      )}
    </section>
  );
}

/** Close, reopen and send, as the week's state and the reader's role allow. */
function WeekSteps({ picture }: { picture: Lagesbild }) {
  const { t } = useTranslation('lagesbild');
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const sendButton = useRef<HTMLButtonElement>(null);
  const { abilities } = picture;
  // After sending, no step is left, but the answer (how many reporters get the summary) must still be said.
  if (!abilities.close && !abilities.reopen && !abilities.send && !message && !error) return null;

  const run = async (step: 'close' | 'reopen' | 'send') => {
    setError(null);
    setMessage(null);
    try {
      const state = await weekStep(picture.week, picture.areaId, step);
      await queryClient.invalidateQueries({ queryKey: lagesbildKeys.all });
      setMessage(step === 'send' ? t('steps.sent', { count: state.recipients }) : step === 'close' ? t('steps.closed') : t('steps.reopened'));
    } catch (caught) {
      setError(isApiError(caught) ? caught.message : t('steps.failed'));
    } finally {
      setConfirming(false);
    }
  };

  return (
    <section aria-labelledby="lagesbild-steps" className="stack">
      <Heading level={2} data-size="sm" id="lagesbild-steps">
        {t('steps.heading')}
      </Heading>
      <Paragraph data-size="sm">{t(`steps.help.${picture.state.status}`)}</Paragraph>
      <div className="lagesbild-buttons">
        {abilities.close ? (
          <Button variant="primary" onClick={() => void run('close')}>
            {t('steps.close')}
          </Button>
        ) : null}
        {abilities.reopen ? (
          <Button variant="secondary" onClick={() => void run('reopen')}>
            {t('steps.reopen')}
          </Button>
        ) : null}
        {abilities.send ? (
          <Button ref={sendButton} variant="primary" onClick={() => setConfirming(true)}>
            {t('steps.send')}
          </Button>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('steps.sendTitle', { week: picture.week })}
        confirmLabel={t('steps.sendConfirm')}
        cancelLabel={t('steps.sendCancel')}
        onConfirm={() => void run('send')}
        onCancel={() => setConfirming(false)}
        focusAfterClose={() => sendButton.current}
      >
        {t('steps.sendText')}
      </ConfirmDialog>
      <div role="status" aria-live="polite">
        {message ? <Alert data-color="success">{message}</Alert> : null}
      </div>
      {error ? (
        <Alert data-color="danger" role="alert">
          {error}
        </Alert>
      ) : null}
    </section>
  );
}
