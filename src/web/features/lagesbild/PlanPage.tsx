import { useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Field, Fieldset, Heading, Label, Link, Paragraph, Select, Table, Textarea, ValidationMessage } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TableRegion } from '../admin/TableRegion';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import { ACTION_STATUS_NAMES, type ActionPlan } from '../../../shared/place-actions';
import { areasQuery } from '../places/queries';
import { addReview, adoptPlan, categoriesQuery, currentYear, LAGESBILD_PATHS, lagesbildKeys, planPdfHref, planQuery, savePlan } from './queries';
import { actionWhere } from './ActionsPage';
import { lang } from './Figure';
import './lagesbild.css';

/**
 * Åtgärdsplan (lag 2023:196): the year's priorities drawn from the lägesbild, the actions and who is
 * responsible, how it is followed up, the quarterly analyses and the yearly evaluation; adopted, then printed.
 */
export default function PlanPage() {
  const { t } = useTranslation('lagesbild');
  const params = useParams();
  const parsed = Number(params.year);
  const year = Number.isInteger(parsed) && parsed >= 2023 && parsed <= 2100 ? parsed : currentYear();
  const plan = useQuery(planQuery(year));
  return (
    <Page title={t('plan.title', { year })} width="wide">
      <Paragraph>{t('plan.intro')}</Paragraph>
      <nav aria-label={t('plan.yearsLabel')} className="lagesbild-links">
        {year > 2023 ? (
          <Link asChild>
            <RouterLink to={LAGESBILD_PATHS.plan(year - 1)}>{t('plan.previousYear', { year: year - 1 })}</RouterLink>
          </Link>
        ) : null}
        <Link asChild>
          <RouterLink to={LAGESBILD_PATHS.plan(year + 1)}>{t('plan.nextYear', { year: year + 1 })}</RouterLink>
        </Link>
        <Link asChild>
          <RouterLink to={LAGESBILD_PATHS.actions}>{t('week.actionsLink')}</RouterLink>
        </Link>
        <Link href={planPdfHref(year)} target="_blank" rel="noopener">
          {t('plan.pdf', { year })}
        </Link>
      </nav>
      {plan.isPending ? <PageLoading /> : null}
      {plan.isError ? <QueryError error={plan.error} onRetry={() => void plan.refetch()} /> : null}
      {plan.data ? <PlanContent plan={plan.data} /> : null}
    </Page>
  );
}

function PlanContent({ plan }: { plan: ActionPlan }) {
  const { t } = useTranslation('lagesbild');
  const format = useFormatters();
  return (
    <>
      <div className="lagesbild-state" data-status={plan.status}>
        <Paragraph>
          <strong>{plan.status === 'antagen' ? t('plan.adopted', { date: plan.adoptedAt ? format.date(plan.adoptedAt) : '' }) : plan.id ? t('plan.draft') : t('plan.none')}</strong>
        </Paragraph>
      </div>
      {plan.abilities.write ? <PlanForm plan={plan} /> : <PlanText plan={plan} />}
      <AdoptSection plan={plan} />
      <PlanActions plan={plan} />
      <Reviews plan={plan} />
    </>
  );
}

function usePriorityNames() {
  const { i18n } = useTranslation('lagesbild');
  const language = lang(i18n.language);
  const categories = useQuery(categoriesQuery());
  const areas = useQuery(areasQuery());
  return {
    categories: categories.data?.categories.filter((category) => category.active) ?? [],
    areas: areas.data?.areas ?? [],
    categoryName: (code: string) => {
      const found = categories.data?.categories.find((category) => category.code === code);
      return found ? (language === 'en' ? found.nameEn : found.nameSv) : code;
    },
    areaName: (id: string | null) => (id ? (areas.data?.areas.find((area) => area.id === id)?.name ?? null) : null),
  };
}

/** The adopted (or read-only) plan: its priorities and how it is followed up, in words. */
function PlanText({ plan }: { plan: ActionPlan }) {
  const { t } = useTranslation('lagesbild');
  const names = usePriorityNames();
  return (
    <>
      <section aria-labelledby="plan-priorities" className="stack">
        <Heading level={2} data-size="sm" id="plan-priorities">
          {t('plan.priorities')}
        </Heading>
        {plan.priorities.length === 0 ? (
          <Paragraph>{t('plan.noPriorities')}</Paragraph>
        ) : (
          <ol className="lagesbild-priorities">
            {plan.priorities.map((priority, index) => (
              <li key={index}>
                <strong>{names.categoryName(priority.category)}</strong>
                {names.areaName(priority.areaId) ? ` · ${names.areaName(priority.areaId)}` : ''}
                <span className="lagesbild-pre">{priority.reason}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="plan-follow-up" className="stack">
        <Heading level={2} data-size="sm" id="plan-follow-up">
          {t('plan.followUp')}
        </Heading>
        <Paragraph className="lagesbild-pre">{plan.followUp || t('plan.noFollowUp')}</Paragraph>
      </section>
    </>
  );
}

interface PriorityDraft {
  key: number;
  category: string;
  areaId: string;
  reason: string;
}

/** The draft plan: priorities (category, area, why) and how it is followed up. */
function PlanForm({ plan }: { plan: ActionPlan }) {
  const { t } = useTranslation('lagesbild');
  const names = usePriorityNames();
  const queryClient = useQueryClient();
  const nextKey = useRef(plan.priorities.length);
  const [priorities, setPriorities] = useState<PriorityDraft[]>(plan.priorities.map((priority, index) => ({ key: index, category: priority.category, areaId: priority.areaId ?? '', reason: priority.reason })));
  const [followUp, setFollowUp] = useState(plan.followUp);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const update = (key: number, change: Partial<PriorityDraft>) => setPriorities((list) => list.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setFailed(null);
    const local: Record<string, string> = {};
    priorities.forEach((priority, index) => {
      if (!priority.category) local[`priorities.${index}.category`] = t('plan.categoryRequired');
      if (!priority.reason.trim()) local[`priorities.${index}.reason`] = t('plan.reasonRequired');
    });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    try {
      const saved = await savePlan(plan.year, { priorities: priorities.map((priority) => ({ category: priority.category, areaId: priority.areaId || null, reason: priority.reason.trim() })), followUp });
      queryClient.setQueryData(lagesbildKeys.plan(plan.year), saved);
      setMessage(t('plan.saved'));
    } catch (caught) {
      if (isApiError(caught)) setErrors(caught.fields);
      setFailed(isApiError(caught) ? caught.message : t('plan.saveFailed'));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="stack lagesbild-form">
      <Heading level={2} data-size="sm">
        {t('plan.priorities')}
      </Heading>
      <Paragraph data-size="sm">{t('plan.prioritiesHelp')}</Paragraph>
      {priorities.length === 0 ? <Paragraph>{t('plan.noPriorities')}</Paragraph> : null}
      {priorities.map((priority, index) => (
        <Fieldset key={priority.key} className="lagesbild-priority">
          <Fieldset.Legend>{t('plan.priorityLegend', { number: index + 1 })}</Fieldset.Legend>
          <Field>
            <Label htmlFor={`priority-${priority.key}-category`}>{t('plan.category')}</Label>
            <Select id={`priority-${priority.key}-category`} value={priority.category} onChange={(event) => update(priority.key, { category: event.target.value })} aria-invalid={errors[`priorities.${index}.category`] ? true : undefined}>
              <option value="">{t('plan.chooseCategory')}</option>
              {names.categories.map((category) => (
                <option key={category.code} value={category.code}>
                  {names.categoryName(category.code)}
                </option>
              ))}
            </Select>
            {errors[`priorities.${index}.category`] ? <ValidationMessage>{errors[`priorities.${index}.category`]}</ValidationMessage> : null}
          </Field>
          <Field>
            <Label htmlFor={`priority-${priority.key}-area`}>{t('plan.area')}</Label>
            <Select id={`priority-${priority.key}-area`} value={priority.areaId} onChange={(event) => update(priority.key, { areaId: event.target.value })}>
              <option value="">{t('plan.wholeMunicipality')}</option>
              {names.areas.map((area) => (
                <option key={area.id} value={area.id}>
                  {area.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field>
            <Label htmlFor={`priority-${priority.key}-reason`}>{t('plan.reason')}</Label>
            <Textarea id={`priority-${priority.key}-reason`} rows={3} value={priority.reason} maxLength={2000} onChange={(event) => update(priority.key, { reason: event.target.value })} aria-invalid={errors[`priorities.${index}.reason`] ? true : undefined} />
            {errors[`priorities.${index}.reason`] ? <ValidationMessage>{errors[`priorities.${index}.reason`]}</ValidationMessage> : null}
          </Field>
          <div>
            <Button type="button" variant="tertiary" data-size="sm" onClick={() => setPriorities((list) => list.filter((entry) => entry.key !== priority.key))}>
              {t('plan.removePriority', { number: index + 1 })}
            </Button>
          </div>
        </Fieldset>
      ))}
      <div>
        <Button
          type="button"
          variant="secondary"
          data-size="sm"
          onClick={() => {
            nextKey.current += 1;
            setPriorities((list) => [...list, { key: nextKey.current, category: '', areaId: '', reason: '' }]);
          }}
        >
          {t('plan.addPriority')}
        </Button>
      </div>
      <Field>
        <Label htmlFor="plan-follow-up-text">{t('plan.followUp')}</Label>
        <Paragraph data-size="sm" id="plan-follow-up-help">
          {t('plan.followUpHelp')}
        </Paragraph>
        <Textarea id="plan-follow-up-text" rows={4} value={followUp} maxLength={4000} aria-describedby="plan-follow-up-help" onChange={(event) => setFollowUp(event.target.value)} aria-invalid={errors.followUp ? true : undefined} />
        {errors.followUp ? <ValidationMessage>{errors.followUp}</ValidationMessage> : null}
      </Field>
      <div>
        <Button type="submit">{t('plan.save')}</Button>
      </div>
      <div role="status" aria-live="polite">
        {message ? <Paragraph data-size="sm">{message}</Paragraph> : null}
      </div>
      {failed ? (
        <Alert data-color="danger" role="alert">
          {failed}
        </Alert>
      ) : null}
    </form>
  );
}

function AdoptSection({ plan }: { plan: ActionPlan }) {
  const { t } = useTranslation('lagesbild');
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  if (!plan.abilities.adopt || !plan.id) return null;
  const adopt = async () => {
    setError(null);
    try {
      const saved = await adoptPlan(plan.year);
      queryClient.setQueryData(lagesbildKeys.plan(plan.year), saved);
      setConfirming(false);
    } catch (caught) {
      setError(isApiError(caught) ? caught.message : t('plan.adoptFailed'));
    }
  };
  return (
    <section aria-labelledby="plan-adopt" className="stack">
      <Heading level={2} data-size="sm" id="plan-adopt">
        {t('plan.adoptHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('plan.adoptHelp')}</Paragraph>
      <div>
        <Button ref={button} onClick={() => setConfirming(true)}>
          {t('plan.adopt', { year: plan.year })}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('plan.adoptTitle', { year: plan.year })}
        confirmLabel={t('plan.adoptConfirm')}
        cancelLabel={t('plan.adoptCancel')}
        error={error}
        onConfirm={() => void adopt()}
        onCancel={() => setConfirming(false)}
        focusAfterClose={() => button.current}
      >
        {t('plan.adoptText')}
      </ConfirmDialog>
    </section>
  );
}

function PlanActions({ plan }: { plan: ActionPlan }) {
  const { t, i18n } = useTranslation('lagesbild');
  const language = lang(i18n.language);
  const format = useFormatters();
  return (
    <section aria-labelledby="plan-actions" className="stack">
      <Heading level={2} data-size="sm" id="plan-actions">
        {t('plan.actions')}
      </Heading>
      {plan.actions.length === 0 ? (
        <EmptyState title={t('plan.noActionsTitle')} headingLevel={3}>
          {t('plan.noActions')}
        </EmptyState>
      ) : (
        <TableRegion label={t('plan.actionsRegion')}>
          <Table data-size="sm" className="lagesbild-table lagesbild-actions-table">
            <caption>{t('plan.actionsCaption', { year: plan.year })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('actions.columns.title')}</Table.HeaderCell>
                <Table.HeaderCell>{t('actions.columns.where')}</Table.HeaderCell>
                <Table.HeaderCell>{t('plan.responsible')}</Table.HeaderCell>
                <Table.HeaderCell>{t('actions.columns.due')}</Table.HeaderCell>
                <Table.HeaderCell>{t('actions.columns.status')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {plan.actions.map((action) => (
                <Table.Row key={action.id}>
                  <Table.HeaderCell scope="row">
                    <Link asChild>
                      <RouterLink to={LAGESBILD_PATHS.action(action.id)}>{action.title}</RouterLink>
                    </Link>
                  </Table.HeaderCell>
                  <Table.Cell>{actionWhere(action, t('actions.cell'))}</Table.Cell>
                  <Table.Cell>
                    {action.ownerOrganisationName ?? '–'}
                    {action.ownerName ? `, ${action.ownerName}` : ''}
                  </Table.Cell>
                  <Table.Cell>
                    {action.dueDate ? format.date(`${action.dueDate}T12:00:00Z`) : '–'}
                    {action.overdue ? <strong className="lagesbild-overdue"> {t('actions.overdue')}</strong> : null}
                  </Table.Cell>
                  <Table.Cell>{ACTION_STATUS_NAMES[action.status][language]}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableRegion>
      )}
    </section>
  );
}

/** The quarterly analyses and the yearly evaluation, and a form to attach one. */
function Reviews({ plan }: { plan: ActionPlan }) {
  const { t } = useTranslation('lagesbild');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'kvartal' | 'ar'>('kvartal');
  const [quarter, setQuarter] = useState('1');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const periodText = (period: string) => (period.includes('-Q') ? t('reviews.quarterOf', { quarter: period.slice(-1), year: period.slice(0, 4) }) : t('reviews.yearOf', { year: period }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setMessage(null);
    if (!text.trim()) {
      setError(t('reviews.textRequired'));
      return;
    }
    try {
      const saved = await addReview(plan.year, { kind, period: kind === 'ar' ? String(plan.year) : `${plan.year}-Q${quarter}`, text: text.trim() });
      queryClient.setQueryData(lagesbildKeys.plan(plan.year), saved);
      setText('');
      setMessage(t('reviews.added'));
    } catch (caught) {
      setError(isApiError(caught) ? (caught.fields.text ?? caught.fields.period ?? caught.message) : t('reviews.failed'));
    }
  };

  return (
    <section aria-labelledby="plan-reviews" className="stack">
      <Heading level={2} data-size="sm" id="plan-reviews">
        {t('reviews.heading')}
      </Heading>
      {plan.reviews.length === 0 ? (
        <Paragraph>{t('reviews.none')}</Paragraph>
      ) : (
        <ul className="lagesbild-reviews">
          {plan.reviews.map((review) => (
            <li key={review.id}>
              <Heading level={3} data-size="2xs">
                {review.kind === 'ar' ? t('reviews.yearly', { period: periodText(review.period) }) : t('reviews.quarterly', { period: periodText(review.period) })}
              </Heading>
              <Paragraph className="lagesbild-pre">{review.text}</Paragraph>
              <Paragraph data-size="sm">{t('reviews.writtenAt', { date: format.date(review.createdAt) })}</Paragraph>
            </li>
          ))}
        </ul>
      )}
      {plan.abilities.review && plan.id ? (
        <form onSubmit={(event) => void submit(event)} noValidate className="stack lagesbild-form">
          <Heading level={3} data-size="xs">
            {t('reviews.add')}
          </Heading>
          <div className="lagesbild-pickers">
            <Field>
              <Label htmlFor="review-kind">{t('reviews.kind')}</Label>
              <Select id="review-kind" value={kind} onChange={(event) => setKind(event.target.value as 'kvartal' | 'ar')}>
                <option value="kvartal">{t('reviews.kindQuarter')}</option>
                <option value="ar">{t('reviews.kindYear')}</option>
              </Select>
            </Field>
            {kind === 'kvartal' ? (
              <Field>
                <Label htmlFor="review-quarter">{t('reviews.quarter')}</Label>
                <Select id="review-quarter" value={quarter} onChange={(event) => setQuarter(event.target.value)}>
                  {['1', '2', '3', '4'].map((value) => (
                    <option key={value} value={value}>
                      {t('reviews.quarterOf', { quarter: value, year: plan.year })}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
          </div>
          <Field>
            <Label htmlFor="review-text">{t('reviews.text')}</Label>
            <Textarea id="review-text" rows={5} value={text} maxLength={8000} onChange={(event) => setText(event.target.value)} aria-invalid={error ? true : undefined} />
            {error ? <ValidationMessage>{error}</ValidationMessage> : null}
          </Field>
          <div>
            <Button type="submit" variant="secondary">
              {t('reviews.submit')}
            </Button>
          </div>
          <div role="status" aria-live="polite">
            {message ? <Paragraph data-size="sm">{message}</Paragraph> : null}
          </div>
        </form>
      ) : plan.abilities.review ? (
        <Paragraph data-size="sm">{t('reviews.saveFirst')}</Paragraph>
      ) : null}
    </section>
  );
}
