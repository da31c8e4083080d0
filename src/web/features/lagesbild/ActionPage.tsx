import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { TableRegion } from '../admin/TableRegion';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import { ACTION_KIND_NAMES, ACTION_STATUS_NAMES, ACTION_STATUSES, type ActionEffect, type PlaceAction } from '../../../shared/place-actions';
import { actionQuery, categoriesQuery, effectQuery, LAGESBILD_PATHS, lagesbildKeys, setActionStatus } from './queries';
import { actionWhere } from './ActionsPage';
import { drawable, Figure, figureText, lang, SuppressionNote } from './Figure';
import { formatCell } from '../../../shared/suppression';
import type { Figure as FigureValue } from '../../../shared/lagesbild';
import './lagesbild.css';

type Status = (typeof ACTION_STATUSES)[number];

/** One place action: what, where, who and by when; its status moved along; and events before and after it. */
export default function ActionPage() {
  const { actionId = '' } = useParams();
  const { t } = useTranslation('lagesbild');
  const action = useQuery(actionQuery(actionId));
  if (action.isPending) return <PageLoading />;
  if (action.isError)
    return (
      <Page title={t('action.title')}>
        <Paragraph>
          <Link asChild>
            <RouterLink to={LAGESBILD_PATHS.actions}>{t('action.back')}</RouterLink>
          </Link>
        </Paragraph>
        <QueryError error={action.error} />
      </Page>
    );
  return <ActionView action={action.data} />;
}

function ActionView({ action }: { action: PlaceAction }) {
  const { t, i18n } = useTranslation('lagesbild');
  const language = lang(i18n.language);
  const format = useFormatters();
  const [params] = useSearchParams();
  return (
    <Page title={action.title} width="wide">
      <Paragraph>
        <Link asChild>
          <RouterLink to={LAGESBILD_PATHS.actions}>{t('action.back')}</RouterLink>
        </Link>
      </Paragraph>
      {params.get('beslutad') === '1' ? (
        <Alert data-color="success" role="status">
          {t('action.decided')}
        </Alert>
      ) : null}
      <dl className="lagesbild-facts">
        <dt>{t('action.kind')}</dt>
        <dd>{ACTION_KIND_NAMES[action.kind][language]}</dd>
        <dt>{t('action.where')}</dt>
        <dd>{actionWhere(action, t('actions.cell'))}</dd>
        <dt>{t('action.owner')}</dt>
        <dd>
          {action.ownerOrganisationName ?? '–'}
          {action.ownerName ? `, ${action.ownerName}` : ''}
        </dd>
        <dt>{t('action.due')}</dt>
        <dd>
          {action.dueDate ? format.date(`${action.dueDate}T12:00:00Z`) : t('action.noDue')}
          {action.overdue ? <strong className="lagesbild-overdue"> {t('actions.overdue')}</strong> : null}
        </dd>
        <dt>{t('action.weekDecided')}</dt>
        <dd>
          <Link asChild>
            <RouterLink to={LAGESBILD_PATHS.weekOf(action.week)}>{action.week}</RouterLink>
          </Link>
        </dd>
        {action.description ? (
          <>
            <dt>{t('action.description')}</dt>
            <dd className="lagesbild-pre">{action.description}</dd>
          </>
        ) : null}
      </dl>
      <StatusSection action={action} />
      <EffectSection action={action} />
    </Page>
  );
}

/** The status and its changes so far (decided, completed), and the owner's or the group's way to move it along. */
function StatusSection({ action }: { action: PlaceAction }) {
  const { t, i18n } = useTranslation('lagesbild');
  const language = lang(i18n.language);
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>(action.status);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setMessage(null);
    setError(null);
    try {
      const saved = await setActionStatus(action.id, status);
      queryClient.setQueryData(lagesbildKeys.action(action.id), saved);
      await queryClient.invalidateQueries({ queryKey: lagesbildKeys.all });
      setMessage(t('action.statusSaved', { status: ACTION_STATUS_NAMES[saved.status][language] }));
    } catch (caught) {
      setError(isApiError(caught) ? caught.message : t('action.statusFailed'));
    }
  };
  return (
    <section aria-labelledby="action-status" className="stack">
      <Heading level={2} data-size="sm" id="action-status">
        {t('action.statusHeading')}
      </Heading>
      <ol className="lagesbild-timeline">
        <li>{t('action.timelineDecided', { date: format.dateTime(action.decidedAt), week: action.week })}</li>
        {action.completedAt ? <li>{t('action.timelineCompleted', { date: format.dateTime(action.completedAt) })}</li> : null}
        <li>
          <strong>{t('action.timelineNow', { status: ACTION_STATUS_NAMES[action.status][language] })}</strong>
        </li>
      </ol>
      {action.abilities.set_status ? (
        <div className="lagesbild-inline-form">
          <Field>
            <Label htmlFor="action-status-select">{t('action.newStatus')}</Label>
            <Select id="action-status-select" value={status} onChange={(event) => setStatus(event.target.value as Status)}>
              {ACTION_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {ACTION_STATUS_NAMES[value][language]}
                </option>
              ))}
            </Select>
          </Field>
          <Button variant="secondary" onClick={() => void save()} disabled={status === action.status}>
            {t('action.saveStatus')}
          </Button>
        </div>
      ) : null}
      <div role="status" aria-live="polite">
        {message ? <Paragraph data-size="sm">{message}</Paragraph> : null}
      </div>
      {error ? (
        <Alert data-color="danger" role="alert">
          {error}
        </Alert>
      ) : null}
    </section>
  );
}

const WEEK_CHOICES = [4, 6, 8, 12] as const;

/** Events at the place N weeks before and after, by category: a chart, the same in a table, and the caveat. */
function EffectSection({ action }: { action: PlaceAction }) {
  const { t, i18n } = useTranslation('lagesbild');
  const language = lang(i18n.language);
  const [weeks, setWeeks] = useState<number>(6);
  const [from, setFrom] = useState<'decided' | 'completed'>('decided');
  const effect = useQuery(effectQuery(action.id, weeks, from));
  const categories = useQuery(categoriesQuery());
  const nameOf = (code: string) => {
    const found = categories.data?.categories.find((category) => category.code === code);
    return found ? (language === 'en' ? found.nameEn : found.nameSv) : code;
  };
  return (
    <section aria-labelledby="action-effect" className="stack">
      <Heading level={2} data-size="sm" id="action-effect">
        {t('effect.heading')}
      </Heading>
      <Alert data-color="warning" className="lagesbild-caveat">
        <Paragraph>
          <strong>{t('effect.caveatHeading')}</strong> {effect.data?.caveat[language] ?? t('effect.caveatFallback')}
        </Paragraph>
      </Alert>
      <div className="lagesbild-pickers">
        <Field>
          <Label htmlFor="effect-weeks">{t('effect.weeks')}</Label>
          <Select id="effect-weeks" value={String(weeks)} onChange={(event) => setWeeks(Number(event.target.value))}>
            {WEEK_CHOICES.map((value) => (
              <option key={value} value={value}>
                {t('effect.weeksOption', { count: value })}
              </option>
            ))}
          </Select>
        </Field>
        {action.completedAt ? (
          <Field>
            <Label htmlFor="effect-from">{t('effect.from')}</Label>
            <Select id="effect-from" value={from} onChange={(event) => setFrom(event.target.value as 'decided' | 'completed')}>
              <option value="decided">{t('effect.fromDecided')}</option>
              <option value="completed">{t('effect.fromCompleted')}</option>
            </Select>
          </Field>
        ) : null}
      </div>
      {effect.isPending ? <Paragraph data-size="sm">{t('effect.loading')}</Paragraph> : null}
      {effect.isError ? <QueryError error={effect.error} onRetry={() => void effect.refetch()} /> : null}
      {effect.data ? <EffectChart effect={effect.data} nameOf={nameOf} /> : null}
    </section>
  );
}

function EffectChart({ effect, nameOf }: { effect: ActionEffect; nameOf: (code: string) => string }) {
  const { t, i18n } = useTranslation('lagesbild');
  const rows = effect.categories;
  const summary = t('effect.summary', { weeks: effect.weeks, pivot: effect.pivotWeek, before: figureText(effect.totals.before, i18n.language), after: figureText(effect.totals.after, i18n.language) });
  if (rows.length === 0)
    return (
      <Paragraph>
        {summary} {t('effect.noEvents')}
      </Paragraph>
    );
  // A hidden figure (an analyst's "< k" or "x") is not drawn: its bar is left out and its sign written.
  const top = Math.max(1, ...rows.flatMap((row) => [drawable(row.before) ?? 0, drawable(row.after) ?? 0]));
  const rowHeight = 34;
  const labelWidth = 0;
  const width = 300;
  const scale = (figure: FigureValue) => ((drawable(figure) ?? 0) / top) * (width - 40);
  const language = lang(i18n.language);
  return (
    <>
      {effect.suppressed ? <SuppressionNote k={effect.k} /> : null}
      <figure className="lagesbild-effect" aria-labelledby="effect-caption">
        <figcaption id="effect-caption">{summary}</figcaption>
        <ul className="lagesbild-effect__legend" aria-hidden="true">
          <li>
            <span className="lagesbild-effect__swatch lagesbild-effect__swatch--before" /> {t('effect.before')}
          </li>
          <li>
            <span className="lagesbild-effect__swatch lagesbild-effect__swatch--after" /> {t('effect.after')}
          </li>
        </ul>
        <div className="lagesbild-effect__rows" aria-hidden="true">
          {rows.map((row) => (
            <div key={row.code} className="lagesbild-effect__row">
              <span className="lagesbild-effect__name">{nameOf(row.code)}</span>
              <svg viewBox={`0 0 ${width} ${rowHeight}`} className="lagesbild-effect__svg" focusable="false" preserveAspectRatio="xMinYMid meet">
                <rect x={labelWidth} y={3} width={Math.max(1, scale(row.before))} height={12} className="lagesbild-effect__bar--before" />
                <text x={labelWidth + scale(row.before) + 4} y={13} className="lagesbild-effect__value">
                  {formatCell(row.before, language)}
                </text>
                <rect x={labelWidth} y={18} width={Math.max(1, scale(row.after))} height={12} className="lagesbild-effect__bar--after" />
                <text x={labelWidth + scale(row.after) + 4} y={28} className="lagesbild-effect__value">
                  {formatCell(row.after, language)}
                </text>
              </svg>
            </div>
          ))}
        </div>
      </figure>
      <TableRegion label={t('effect.tableRegion')}>
        <Table data-size="sm" className="lagesbild-table">
          <caption>{t('effect.tableCaption', { weeks: effect.weeks, pivot: effect.pivotWeek })}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('effect.category')}</Table.HeaderCell>
              <Table.HeaderCell className="lagesbild-number">{t('effect.before')}</Table.HeaderCell>
              <Table.HeaderCell className="lagesbild-number">{t('effect.after')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.code}>
                <Table.HeaderCell scope="row">{nameOf(row.code)}</Table.HeaderCell>
                <Table.Cell className="lagesbild-number">
                  <Figure value={row.before} />
                </Table.Cell>
                <Table.Cell className="lagesbild-number">
                  <Figure value={row.after} />
                </Table.Cell>
              </Table.Row>
            ))}
            <Table.Row className="lagesbild-total">
              <Table.HeaderCell scope="row">{t('categories.total')}</Table.HeaderCell>
              <Table.Cell className="lagesbild-number">
                <Figure value={effect.totals.before} />
              </Table.Cell>
              <Table.Cell className="lagesbild-number">
                <Figure value={effect.totals.after} />
              </Table.Cell>
            </Table.Row>
          </Table.Body>
        </Table>
      </TableRegion>
    </>
  );
}
