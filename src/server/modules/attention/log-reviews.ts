import type { Tx } from '../../db/client';
import type { Actor } from '../../policy/actor';
import { ATTENTION_LIMIT, type LogReviewItem } from '../../../shared/attention';
import { LOG_REVIEW_PATHS } from '../../../shared/log-review';
import { loadLogReview } from '../audit-log/review-flags';
import { loadLogReviewSettings } from '../audit-log/review-settings';
import type { CardList } from './card-list';

/** The log review's open flags, newest first: the same computation as the review page, with the tenant's thresholds. */
export async function openLogReviewFlags(tx: Tx, actor: Actor, now: Date): Promise<CardList<LogReviewItem>> {
  const settings = await loadLogReviewSettings(tx, actor.tenantId);
  const { open } = await loadLogReview(tx, actor.tenantId, settings, now);
  return {
    total: open.length,
    items: open.slice(0, ATTENTION_LIMIT).map((flag) => ({
      id: flag.key,
      kind: flag.kind,
      userName: flag.user ? (flag.user.name ?? flag.user.email) : null,
      day: flag.day,
      count: flag.count,
      href: `${LOG_REVIEW_PATHS.page}#${encodeURIComponent(flag.key)}`,
    })),
  };
}
