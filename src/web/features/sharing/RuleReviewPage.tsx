import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading, Link, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import type { RuleReviewList } from '../../../shared/sharing-rules';
import { REVIEW_KEY, disableRule, enableRule, reviewRule, useRuleReview } from './queries';
import './sharing.css';

type ReviewedRule = RuleReviewList['rules'][number];

/**
 * Legal review inside the product (issue 17 §3): the tenant's jurist sees every rule with its source,
 * dates, review note, history and the worked examples (tests) that cover it; marks a rule reviewed with
 * a comment, or disables it for the tenant with a reason. The server records who, when and the rule
 * version, and audits every act. The review pack is the same content as a PDF.
 */
export default function RuleReviewPage() {
  const { t } = useTranslation('sharing');
  const review = useRuleReview();
  const pending = review.data?.rules.filter((rule) => rule.review.state !== 'reviewed').length ?? 0;
  return (
    <Page title={t('review.title')}>
      <Paragraph>{t('review.intro')}</Paragraph>
      <Paragraph>
        <Link href="/api/sharing/review-pack.pdf" target="_blank" rel="noopener">
          {t('review.pack')}
        </Link>
      </Paragraph>
      {review.isPending ? <PageLoading /> : null}
      {review.isError ? <QueryError error={review.error} onRetry={() => void review.refetch()} /> : null}
      {review.data ? (
        <>
          <Paragraph role="status">{t('review.summary', { count: review.data.rules.length, pending })}</Paragraph>
          <ol className="sharing-review-list">
            {review.data.rules.map((rule) => (
              <li key={rule.id}>
                <RuleCard rule={rule} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </Page>
  );
}

function RuleCard({ rule }: { rule: ReviewedRule }) {
  const { t, i18n } = useTranslation('sharing');
  const english = i18n.language === 'en';
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `rule-${rule.id}`;

  const run = async (work: () => Promise<RuleReviewList>, field: 'comment' | 'reason' | null) => {
    if (field === 'comment' && !comment.trim()) return setError(t('review.commentRequired'));
    if (field === 'reason' && !reason.trim()) return setError(t('review.reasonRequired'));
    setError(null);
    setBusy(true);
    try {
      queryClient.setQueryData(REVIEW_KEY, await work());
      setComment('');
      setReason('');
    } catch {
      setError(t('review.failed'));
    } finally {
      setBusy(false);
    }
  };

  const stateText =
    rule.review.state === 'reviewed'
      ? t('review.state.reviewed', { name: rule.review.reviewedByName ?? '', date: rule.review.reviewedAt?.slice(0, 10) ?? '' })
      : t(`review.state.${rule.review.state}`);

  return (
    <section aria-labelledby={headingId} className="stack sharing-rule-card">
      <Heading level={2} data-size="xs" id={headingId}>
        {english ? rule.title.en : rule.title.sv}
      </Heading>
      <div className="sharing-tags">
        <Tag data-color={rule.effect === 'allow' ? 'success' : rule.effect === 'deny' ? 'danger' : 'info'} data-size="sm">
          {t(`review.effect.${rule.effect}`)}
        </Tag>{' '}
        <Tag data-color={rule.review.state === 'reviewed' ? 'success' : 'warning'} data-size="sm">
          {stateText}
        </Tag>{' '}
        {rule.unconfirmed ? (
          <Tag data-color="warning" data-size="sm">
            {t('review.unconfirmed')}
          </Tag>
        ) : null}{' '}
        {rule.review.disabled ? (
          <Tag data-color="danger" data-size="sm">
            {t('review.disabled')}
          </Tag>
        ) : null}
      </div>
      <dl className="sharing-facts">
        <dt>{t('review.id')}</dt>
        <dd>
          <code>{rule.id}</code>
        </dd>
        <dt>{t('answer.source')}</dt>
        <dd>
          {rule.source.law} {rule.source.reference} ({rule.source.sfs})
        </dd>
        <dt>{t('review.dates')}</dt>
        <dd>
          {rule.validFrom} – {rule.validTo ?? t('review.untilFurther')}
        </dd>
        <dt>{t('review.version')}</dt>
        <dd>
          <code>{rule.version}</code>
        </dd>
        {rule.review.comment ? (
          <>
            <dt>{t('review.comment')}</dt>
            <dd>{rule.review.comment}</dd>
          </>
        ) : null}
        {rule.review.disabled ? (
          <>
            <dt>{t('review.disabledReason')}</dt>
            <dd>
              {rule.review.disabledReason} ({rule.review.disabledByName}, {rule.review.disabledAt?.slice(0, 10)})
            </dd>
          </>
        ) : null}
      </dl>
      <Paragraph>{english ? rule.explanation.en : rule.explanation.sv}</Paragraph>
      {rule.reviewNote ? (
        <Paragraph>
          <strong>{t('review.note')}</strong> {rule.reviewNote}
        </Paragraph>
      ) : null}
      {rule.history ? (
        <Paragraph data-size="sm">
          <strong>{t('review.history')}</strong> {rule.history}
        </Paragraph>
      ) : null}
      <Heading level={3} data-size="2xs">
        {t('review.tests')}
      </Heading>
      <ul>
        {rule.examples.map((example) => (
          <li key={example.id}>
            {english ? example.titleEn : example.titleSv} <code>{example.id}</code>
          </li>
        ))}
      </ul>
      {error ? (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      ) : null}
      <Textfield label={t('review.commentLabel', { title: english ? rule.title.en : rule.title.sv })} multiline rows={2} value={comment} onChange={(event) => setComment(event.target.value)} />
      <div className="button-row">
        <Button disabled={busy} onClick={() => void run(() => reviewRule(rule.id, comment.trim()), 'comment')}>
          {t('review.markReviewed')}
        </Button>
      </div>
      {rule.review.disabled ? (
        <div className="button-row">
          <Button variant="secondary" disabled={busy} onClick={() => void run(() => enableRule(rule.id), null)}>
            {t('review.enable')}
          </Button>
        </div>
      ) : (
        <>
          <Textfield label={t('review.reasonLabel', { title: english ? rule.title.en : rule.title.sv })} multiline rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
          <div className="button-row">
            <Button variant="secondary" data-color="danger" disabled={busy} onClick={() => void run(() => disableRule(rule.id, reason.trim()), 'reason')}>
              {t('review.disable')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
