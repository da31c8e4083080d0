import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Details, Field, Heading, Input, Label, Paragraph, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useFormatters } from '../../i18n/format';
import { isApiError } from '../../api/client';
import type { CalendarFeed, CalendarFeedCreated, CalendarFeedScope } from '../../../shared/calendar-feeds';
import { calendarFeedKeys, calendarFeedsQuery, createCalendarFeed, regenerateCalendarFeed, revokeCalendarFeed } from './api';
import './calendar-feeds.css';

/**
 * Kalenderflöden: subscribe to the presence plan in Outlook, Google or the iPhone's calendar. A feed's
 * address is shown once, when it is made or made anew (the server keeps only a hash of it); a feed can
 * be revoked, after which its address answers nothing.
 */
export function CalendarFeedsSection() {
  const { t } = useTranslation('calendarFeeds');
  const queryClient = useQueryClient();
  const feeds = useQuery(calendarFeedsQuery());
  const [shown, setShown] = useState<CalendarFeedCreated | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: calendarFeedKeys.all });
  const onMade = (created: CalendarFeedCreated) => {
    setShown(created);
    void refresh();
  };

  return (
    <section aria-labelledby="calendar-feeds-heading" className="account-section stack calendar-feeds">
      <Heading level={2} data-size="sm" id="calendar-feeds-heading">
        {t('heading')}
      </Heading>
      <Paragraph data-size="sm">{t('intro')}</Paragraph>
      {shown && <FeedAddress created={shown} onClose={() => setShown(null)} />}
      {feeds.isPending ? (
        <PageLoading />
      ) : feeds.isError ? (
        isApiError(feeds.error) && feeds.error.status === 403 ? (
          <Paragraph data-size="sm">{t('notForRole')}</Paragraph>
        ) : (
          <QueryError error={feeds.error} onRetry={() => void feeds.refetch()} />
        )
      ) : (
        <>
          {feeds.data.feeds.length === 0 ? (
            <Paragraph data-size="sm">{t('empty')}</Paragraph>
          ) : (
            <ul className="card-list" aria-label={t('listLabel')}>
              {feeds.data.feeds.map((feed) => (
                <li key={feed.id}>
                  <FeedCard feed={feed} onMade={onMade} onRevoked={() => void refresh()} revealedFor={shown?.feed.id === feed.id ? () => setShown(null) : null} />
                </li>
              ))}
            </ul>
          )}
          {feeds.data.abilities.create && <CreateFeedForm places={feeds.data.places} onMade={onMade} />}
          <Instructions />
        </>
      )}
    </section>
  );
}

export function feedTitle(t: ReturnType<typeof useTranslation<'calendarFeeds'>>['t'], feed: Pick<CalendarFeed, 'scope' | 'placeName'>): string {
  if (feed.scope === 'place') return t('scope.placeNamed', { place: feed.placeName ?? '' });
  return feed.scope === 'user' ? t('scope.user') : t('scope.organisation');
}

function FeedAddress({ created, onClose }: { created: CalendarFeedCreated; onClose: () => void }) {
  const { t } = useTranslation('calendarFeeds');
  const inputId = useId();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Alert data-color="success" className="calendar-feeds__address">
      <Heading level={3} data-size="2xs">
        {t('address.heading', { feed: feedTitle(t, created.feed) })}
      </Heading>
      <Paragraph data-size="sm">{t('address.once')}</Paragraph>
      <Field>
        <Label htmlFor={inputId}>{t('address.label')}</Label>
        <Input id={inputId} readOnly value={created.url} onFocus={(event) => event.currentTarget.select()} data-testid="calendar-feed-url" />
      </Field>
      <div className="calendar-feeds__actions">
        <Button data-size="sm" onClick={() => void copy()}>
          {t('address.copy')}
        </Button>
        <Button data-size="sm" variant="tertiary" onClick={onClose}>
          {t('address.done')}
        </Button>
      </div>
      <span role="status">{copied === true ? t('address.copied') : copied === false ? t('address.copyFailed') : ''}</span>
    </Alert>
  );
}

function FeedCard({ feed, onMade, onRevoked, revealedFor }: { feed: CalendarFeed; onMade: (created: CalendarFeedCreated) => void; onRevoked: () => void; revealedFor: (() => void) | null }) {
  const { t } = useTranslation('calendarFeeds');
  const format = useFormatters();
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const title = feedTitle(t, feed);
  const regenerate = useMutation({ mutationFn: () => regenerateCalendarFeed(feed.id), onSuccess: onMade });
  const revoke = useMutation({
    mutationFn: () => revokeCalendarFeed(feed.id),
    onSuccess: () => {
      setConfirming(false);
      revealedFor?.();
      onRevoked();
    },
  });
  return (
    <Card data-color="neutral" className="calendar-feeds__card">
      <Heading level={3} data-size="2xs">
        {title}
      </Heading>
      <Paragraph data-size="sm">
        {t('created', { when: format.dateTime(feed.createdAt) })}
        <br />
        {feed.lastFetchedAt ? t('lastFetched', { when: format.dateTime(feed.lastFetchedAt) }) : t('neverFetched')}
      </Paragraph>
      <div className="calendar-feeds__actions">
        {feed.abilities.regenerate && (
          <Button variant="secondary" data-size="sm" onClick={() => regenerate.mutate()} aria-busy={regenerate.isPending || undefined} aria-label={t('regenerateLabel', { feed: title })}>
            {t('regenerate')}
          </Button>
        )}
        {feed.abilities.revoke && (
          <Button ref={opener} variant="secondary" data-color="danger" data-size="sm" onClick={() => setConfirming(true)} aria-label={t('revokeLabel', { feed: title })}>
            {t('revoke')}
          </Button>
        )}
      </div>
      {regenerate.isError && <QueryError error={regenerate.error} />}
      <ConfirmDialog
        open={confirming}
        title={t('revokeConfirm.title', { feed: title })}
        confirmLabel={t('revokeConfirm.confirm')}
        cancelLabel={t('revokeConfirm.cancel')}
        pending={revoke.isPending}
        error={revoke.isError ? <QueryError error={revoke.error} /> : null}
        onConfirm={() => revoke.mutate()}
        onCancel={() => setConfirming(false)}
        focusAfterClose={() => (revoke.isSuccess ? document.getElementById('calendar-feeds-heading') : opener.current)}
      >
        <Paragraph>{t('revokeConfirm.consequence')}</Paragraph>
      </ConfirmDialog>
    </Card>
  );
}

function CreateFeedForm({ places, onMade }: { places: { id: string; name: string }[]; onMade: (created: CalendarFeedCreated) => void }) {
  const { t } = useTranslation('calendarFeeds');
  const scopeId = useId();
  const placeId = useId();
  const [scope, setScope] = useState<CalendarFeedScope>('user');
  const [place, setPlace] = useState('');
  const create = useMutation({ mutationFn: createCalendarFeed, onSuccess: onMade });
  const fields = isApiError(create.error) ? create.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ scope, placeId: scope === 'place' ? place || null : null });
  };
  return (
    <form onSubmit={submit} className="stack calendar-feeds__form" aria-labelledby={`${scopeId}-heading`} noValidate>
      <Heading level={3} data-size="2xs" id={`${scopeId}-heading`}>
        {t('create.heading')}
      </Heading>
      <Field>
        <Label htmlFor={scopeId}>{t('create.scope')}</Label>
        <Select id={scopeId} value={scope} onChange={(event) => setScope(event.target.value as CalendarFeedScope)}>
          <option value="user">{t('scope.user')}</option>
          <option value="organisation">{t('scope.organisation')}</option>
          <option value="place" disabled={places.length === 0}>
            {t('scope.place')}
          </option>
        </Select>
      </Field>
      {scope === 'place' && (
        <Field>
          <Label htmlFor={placeId}>{t('create.place')}</Label>
          <Select id={placeId} value={place} onChange={(event) => setPlace(event.target.value)} aria-invalid={fields.placeId ? true : undefined}>
            <option value="">{t('create.choosePlace')}</option>
            {places.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </Select>
          {fields.placeId && <ValidationMessage>{fields.placeId}</ValidationMessage>}
        </Field>
      )}
      {fields.scope && <ValidationMessage>{fields.scope}</ValidationMessage>}
      {create.isError && Object.keys(fields).length === 0 && <QueryError error={create.error} />}
      <div>
        <Button type="submit" aria-busy={create.isPending || undefined}>
          {t('create.submit')}
        </Button>
      </div>
    </form>
  );
}

function Instructions() {
  const { t } = useTranslation('calendarFeeds');
  return (
    <div className="calendar-feeds__help">
      <Heading level={3} data-size="2xs">
        {t('help.heading')}
      </Heading>
      {(['outlook', 'google', 'iphone'] as const).map((client) => (
        <Details key={client}>
          <Details.Summary>{t(`help.${client}.title`)}</Details.Summary>
          <Details.Content>
            <ol className="calendar-feeds__steps">
              {(t(`help.${client}.steps`, { returnObjects: true }) as string[]).map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </Details.Content>
        </Details>
      ))}
      <Paragraph data-size="sm">{t('help.secret')}</Paragraph>
    </div>
  );
}
