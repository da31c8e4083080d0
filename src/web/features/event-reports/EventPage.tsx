import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Tag } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import type { EventReport, EventReviewInput } from '../../../shared/event-reports';
import { categoryName, formatWindow } from './labels';
import { areasQuery, categoriesQuery, EVENT_PAGES, eventKeys, eventQuery, placesQuery, reviewEvent } from './queries';
import './events.css';

/** One event report: its facts, its description for who may read it, and the review of a citizen's report. */
export default function EventPage() {
  const { t, i18n } = useTranslation('events');
  const { id = '' } = useParams();
  const event = useQuery(eventQuery(id));
  const categories = useQuery(categoriesQuery());
  const [reviewed, setReviewed] = useState<string | null>(null);

  if (event.isPending) return <PageLoading />;
  if (event.isError)
    return (
      <Page title={t('event.title')}>
        <QueryError error={event.error} onRetry={() => void event.refetch()} />
        <BackLink />
      </Page>
    );
  const report = event.data;
  const category = categoryName(categories.data?.categories, report.category, i18n.language);
  const where = report.place?.name ?? report.area?.name ?? (report.latitude !== null ? t('event.point') : t('event.noPlace'));
  return (
    <Page title={`${category} · ${where}`}>
      <div className="event-list__tags">
        <Tag data-color="neutral">{t(`source.${report.source}`)}</Tag>
        <Tag data-color={report.status === 'verified' ? 'success' : report.status === 'unverified' ? 'warning' : 'danger'}>{t(`status.${report.status}`)}</Tag>
      </div>
      <dl className="event-facts">
        <dt>{t('event.category')}</dt>
        <dd>{category}</dd>
        <dt>{t('event.when')}</dt>
        <dd>{formatWindow(report.occurredFrom, report.occurredTo, i18n.language)}</dd>
        <dt>{t('event.place')}</dt>
        <dd>{report.place?.name ?? t('event.none')}</dd>
        <dt>{t('event.area')}</dt>
        <dd>{report.area?.name ?? t('event.none')}</dd>
        {report.latitude !== null && report.longitude !== null ? (
          <>
            <dt>{t('event.position')}</dt>
            <dd>
              {report.latitude.toFixed(5)}, {report.longitude.toFixed(5)}
              {report.approximate ? ` (${t('event.approximate')})` : ''}
            </dd>
          </>
        ) : null}
        <dt>{t('event.peopleCount')}</dt>
        <dd>{report.peopleCount ? t(`people.${report.peopleCount}`) : t('event.unknown')}</dd>
        <dt>{t('event.severity')}</dt>
        <dd>{t(`severity.${report.severity}` as never)}</dd>
        <dt>{t('event.organisation')}</dt>
        <dd>{report.organisation?.name ?? t('event.citizen')}</dd>
        <dt>{t('event.week')}</dt>
        <dd>{t('event.weekValue', { number: report.isoWeek % 100, year: Math.floor(report.isoWeek / 100) })}</dd>
      </dl>

      <section aria-labelledby="event-description-heading" className="stack">
        <Heading level={2} data-size="xs" id="event-description-heading">
          {t('event.description')}
        </Heading>
        {report.mayReadDescription ? (
          <>
            {report.citizenPlace ? <Paragraph>{t('event.citizenPlace', { place: report.citizenPlace })}</Paragraph> : null}
            <Paragraph className="event-description">{report.description || t('event.noDescription')}</Paragraph>
            <Paragraph data-size="sm">{t('event.descriptionAudited')}</Paragraph>
          </>
        ) : (
          <Paragraph>{report.hasDescription ? t('event.descriptionHidden') : t('event.noDescription')}</Paragraph>
        )}
      </section>

      <div role="status">{reviewed ? <Alert data-color="success">{reviewed}</Alert> : null}</div>
      {report.mayReview && report.status === 'unverified' ? <Review report={report} onDone={setReviewed} /> : null}
      <BackLink />
    </Page>
  );
}

function BackLink() {
  const { t } = useTranslation('events');
  return (
    <Paragraph>
      <Link asChild>
        <RouterLink to={EVENT_PAGES.list}>{t('event.back')}</RouterLink>
      </Link>
    </Paragraph>
  );
}

/** Staff in the EST group confirm a citizen's report (re-categorised, at a place they now know) or reject it. */
function Review({ report, onDone }: { report: EventReport; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation('events');
  const queryClient = useQueryClient();
  const categories = useQuery(categoriesQuery());
  const places = useQuery(placesQuery());
  const areas = useQuery(areasQuery());
  const [category, setCategory] = useState(report.category);
  const [placeId, setPlaceId] = useState(report.place?.id ?? '');
  const [areaId, setAreaId] = useState(report.area?.id ?? '');
  const review = useMutation({
    mutationFn: (input: EventReviewInput) => reviewEvent(report.id, input),
    onSuccess: (updated, input) => {
      onDone(input.decision === 'confirm' ? t('review.confirmed') : t('review.rejected'));
      void queryClient.invalidateQueries({ queryKey: eventKeys.all });
      queryClient.setQueryData(eventKeys.event(report.id), updated);
    },
  });
  const confirm = () => {
    const input: EventReviewInput = { decision: 'confirm' };
    if (category !== report.category) input.category = category;
    if (placeId !== (report.place?.id ?? '')) input.placeId = placeId || null;
    if (areaId !== (report.area?.id ?? '')) input.areaId = areaId || null;
    review.mutate(input);
  };
  const error = review.error;
  return (
    <section aria-labelledby="event-review-heading" className="stack event-review">
      <Heading level={2} data-size="xs" id="event-review-heading">
        {t('review.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('review.intro')}</Paragraph>
      <Field>
        <Label htmlFor="event-review-category">{t('review.category')}</Label>
        <Select id="event-review-category" value={category} onChange={(event) => setCategory(event.target.value)}>
          {(categories.data?.categories ?? []).filter((c) => c.active || c.code === report.category).map((c) => (
            <option key={c.code} value={c.code}>
              {i18n.language === 'en' ? c.nameEn : c.nameSv}
            </option>
          ))}
          {categories.data?.categories.some((c) => c.code === report.category) ? null : <option value={report.category}>{report.category}</option>}
        </Select>
      </Field>
      <Field>
        <Label htmlFor="event-review-place">{t('review.place')}</Label>
        <Select id="event-review-place" value={placeId} onChange={(event) => setPlaceId(event.target.value)}>
          <option value="">{t('review.noPlace')}</option>
          {(places.data?.places ?? []).map((place) => (
            <option key={place.id} value={place.id}>
              {place.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field>
        <Label htmlFor="event-review-area">{t('review.area')}</Label>
        <Select id="event-review-area" value={areaId} onChange={(event) => setAreaId(event.target.value)}>
          <option value="">{t('review.noArea')}</option>
          {(areas.data?.areas ?? []).map((area) => (
            <option key={area.id} value={area.id}>
              {area.name}
            </option>
          ))}
        </Select>
      </Field>
      {error ? (
        <Alert data-color="danger">
          {isApiError(error) ? [error.message, ...Object.values(error.fields)].filter(Boolean).join(' ') : t('review.failed')}
        </Alert>
      ) : null}
      <div className="event-actions">
        <Button onClick={confirm} disabled={review.isPending}>
          {category !== report.category ? t('review.confirmAs', { category: categoryName(categories.data?.categories, category, i18n.language) }) : t('review.confirm')}
        </Button>
        <Button variant="secondary" data-color="danger" onClick={() => review.mutate({ decision: 'reject' })} disabled={review.isPending}>
          {t('review.reject')}
        </Button>
      </div>
    </section>
  );
}
