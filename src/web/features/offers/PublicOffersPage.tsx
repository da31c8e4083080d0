import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Button, Card, Field, Heading, Label, Link, Paragraph, Select } from '@digdir/designsystemet-react';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { PUBLIC_OFFERS_PATH, type PublicOffer } from '../../../shared/offers';
import { useOroText, type OroT } from '../public/oro-text';
import { EmergencyBox, LanguageChooser } from '../public/PublicParts';
import { LoadFailed, TenantChooser, useFormLanguage } from '../public/OroFormPage';
import { rememberTenant } from '../public/tenant-memory';
import { ageKey, languageName, periodKey } from './labels';
import { publicOffersQuery } from './queries';
import '../public/public.css';
import './offers.css';

const AGES = Array.from({ length: 26 }, (_, age) => age);

/**
 * /vad-finns-att-gora?tenant=<slug>: "Vad finns att göra?", the public offers of a municipality for young
 * people and parents, by area, age and weekday, in the public form's five languages (Arabic and Persian
 * right to left). No sign-in, and nothing that names a person: the contact is the organisation's.
 */
export default function PublicOffersPage() {
  const [language, setLanguage] = useFormLanguage();
  const { t, ready } = useOroText(language);
  const [params, setParams] = useSearchParams();
  const slug = params.get('tenant');
  const filters = Object.fromEntries(['area', 'age', 'weekday', 'page'].flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : [])));
  const offers = useQuery({ ...publicOffersQuery(slug ?? '', filters), enabled: Boolean(slug) });
  const found = offers.data ? slug : null;
  useEffect(() => {
    if (found) rememberTenant(found);
  }, [found]);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  if (!ready) return <PageLoading />;
  const data = offers.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <Page title={t('offers.title')} width="narrow">
      <LanguageChooser t={t} language={language} onChange={setLanguage} />
      {!slug ? <TenantChooser t={t} basePath={PUBLIC_OFFERS_PATH} /> : null}
      {slug && offers.isPending ? <Paragraph>{t('loading')}</Paragraph> : null}
      {slug && offers.isError ? <LoadFailed t={t} onRetry={() => void offers.refetch()} /> : null}
      {data ? (
        <div className="stack">
          <Paragraph>{t('offers.intro', { tenant: data.tenant.name })}</Paragraph>
          <form className="offers-filters" aria-label={t('offers.filters')} onSubmit={(event) => event.preventDefault()}>
            <Field>
              <Label htmlFor="offers-area">{t('offers.area')}</Label>
              <Select id="offers-area" value={params.get('area') ?? ''} onChange={(event) => set('area', event.target.value)}>
                <option value="">{t('offers.allAreas')}</option>
                {data.areas.map((area) => (
                  <option key={area.id} value={area.id}>
                    {area.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field>
              <Label htmlFor="offers-age">{t('offers.age')}</Label>
              <Select id="offers-age" value={params.get('age') ?? ''} onChange={(event) => set('age', event.target.value)}>
                <option value="">{t('offers.anyAge')}</option>
                {AGES.map((age) => (
                  <option key={age} value={age}>
                    {t('offers.ageOption', { age })}
                  </option>
                ))}
              </Select>
            </Field>
            <Field>
              <Label htmlFor="offers-weekday">{t('offers.weekday')}</Label>
              <Select id="offers-weekday" value={params.get('weekday') ?? ''} onChange={(event) => set('weekday', event.target.value)}>
                <option value="">{t('offers.anyDay')}</option>
                {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                  <option key={day} value={day}>
                    {t(`offers.weekdays.${day}`)}
                  </option>
                ))}
              </Select>
            </Field>
          </form>
          <Paragraph role="status">{t('offers.count', { count: data.total })}</Paragraph>
          {data.offers.length === 0 ? <Paragraph>{data.total === 0 && Object.keys(filters).length === 0 ? t('offers.none') : t('offers.noMatch')}</Paragraph> : null}
          <ul className="offers-cards">
            {data.offers.map((offer) => (
              <li key={offer.id}>
                <OfferCard t={t} offer={offer} language={language} />
              </li>
            ))}
          </ul>
          {pages > 1 ? (
            <nav aria-label={t('offers.pages')} className="offers-time-row">
              <Button variant="secondary" disabled={data.page <= 1} onClick={() => set('page', String(data.page - 1))}>
                {t('offers.previous')}
              </Button>
              <Paragraph>{t('offers.page', { page: data.page, pages })}</Paragraph>
              <Button variant="secondary" disabled={data.page >= pages} onClick={() => set('page', String(data.page + 1))}>
                {t('offers.next')}
              </Button>
            </nav>
          ) : null}
          <EmergencyBox t={t} />
        </div>
      ) : null}
    </Page>
  );
}

function OfferCard({ t, offer, language }: { t: OroT; offer: PublicOffer; language: string }) {
  const ages = ageKey(offer);
  const period = periodKey(offer, language);
  return (
    <Card data-color="neutral">
      <Heading level={2} data-size="xs">
        {offer.title}
      </Heading>
      <Paragraph data-size="sm">
        {t(`offers.kinds.${offer.kind}`)} · {offer.providerName}
      </Paragraph>
      {offer.description ? <Paragraph>{offer.description}</Paragraph> : null}
      <dl className="offers-facts">
        <dt>{t('offers.forWhom')}</dt>
        <dd>
          {t(`offers.targets.${offer.targetGroup}`)}
          {ages ? `, ${t(`offers.${ages.key}`, ages.values)}` : ''}
        </dd>
        {offer.places.length > 0 ? (
          <>
            <dt>{t('offers.where')}</dt>
            <dd>{offer.places.map((place) => [place.name, place.address, place.areaName].filter(Boolean).join(', ')).join('; ')}</dd>
          </>
        ) : null}
        {period ? (
          <>
            <dt>{t('offers.period')}</dt>
            <dd>{t(`offers.periods.${period.key}`, period.values)}</dd>
          </>
        ) : null}
        {offer.times.length > 0 ? (
          <>
            <dt>{t('offers.when')}</dt>
            <dd>
              {offer.times.map((time, index) => (
                <span key={index}>
                  {index > 0 ? ', ' : ''}
                  {t(`offers.weekdays.${time.weekday}`)}{' '}
                  <bdi dir="ltr">
                    {time.starts}–{time.ends}
                  </bdi>
                </span>
              ))}
            </dd>
          </>
        ) : null}
        <dt>{t('offers.cost')}</dt>
        <dd>{offer.cost.trim().toLowerCase() === 'gratis' ? t('offers.free') : offer.cost}</dd>
        <dt>{t('offers.languages')}</dt>
        <dd>{offer.languages.map((code) => languageName(code, code)).join(', ')}</dd>
        {offer.howToRefer ? (
          <>
            <dt>{t('offers.howTo')}</dt>
            <dd>{offer.howToRefer}</dd>
          </>
        ) : null}
        {offer.contactLabel || offer.contactPhone || offer.contactEmail ? (
          <>
            <dt>{t('offers.contact')}</dt>
            <dd>
              {offer.contactLabel ? <span>{offer.contactLabel} </span> : null}
              {offer.contactPhone ? (
                <Link href={`tel:${offer.contactPhone.replace(/[^0-9+]/g, '')}`}>
                  <bdi dir="ltr">{offer.contactPhone}</bdi>
                </Link>
              ) : null}{' '}
              {offer.contactEmail ? <Link href={`mailto:${offer.contactEmail}`}>{offer.contactEmail}</Link> : null}
            </dd>
          </>
        ) : null}
      </dl>
    </Card>
  );
}
