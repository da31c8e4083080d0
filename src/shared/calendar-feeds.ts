import { z } from 'zod';
import { abilitiesSchema } from './organisations';
import type { Role } from './roles';

/**
 * Private calendar feeds (issue 13 §5): a secret URL a calendar client (Outlook, Google, iPhone)
 * subscribes to. The URL is shown once, when it is made or made anew: the server keeps only its
 * SHA-256, so nobody, administrators included, can read it back.
 *
 * - `user`: my presence: entries of my organisation, entries I created and entries naming me;
 * - `organisation`: my organisation's presence plan;
 * - `place`: everything planned at one place.
 * A feed always shows what its owner may see at the moment it is fetched.
 */
export const CALENDAR_FEED_SCOPES = ['user', 'organisation', 'place'] as const;
export const calendarFeedScopeSchema = z.enum(CALENDAR_FEED_SCOPES);
export type CalendarFeedScope = z.infer<typeof calendarFeedScopeSchema>;

/**
 * Who may subscribe: everyone who plans or takes part in presence. The analyst works with aggregated
 * figures and the log reviewer with the access log; neither has a presence plan of their own.
 */
export const CALENDAR_FEED_ROLES: readonly Role[] = [
  'koordinator',
  'handlaggare',
  'mottagning',
  'skolpersonal',
  'polis',
  'fritidsledare',
  'faltassistent',
  'foreningsnyckelperson',
  'naringsidkare',
  'mvc_bvc',
  'mentor',
  'est_rapportor',
  'administrator',
];

/** A user keeps at most this many active feeds per membership. */
export const MAX_FEEDS_PER_MEMBERSHIP = 10;

/** A feed token: 32 random bytes, base64url without padding (43 characters). */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Where a calendar client fetches a feed: `/api/calendar/<token>.ics`. */
export const CALENDAR_FEED_PATH_PREFIX = '/api/calendar/';
export const calendarFeedPath = (token: string) => `${CALENDAR_FEED_PATH_PREFIX}${token}.ics`;

export const calendarFeedInputSchema = z
  .object({
    scope: calendarFeedScopeSchema,
    placeId: z.uuid().nullable().default(null),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.scope === 'place' && value.placeId === null) ctx.addIssue({ code: 'custom', message: 'calendar_feed_place_required', path: ['placeId'] });
    if (value.scope !== 'place' && value.placeId !== null) ctx.addIssue({ code: 'custom', message: 'calendar_feed_place_only', path: ['placeId'] });
  });
export type CalendarFeedInput = z.input<typeof calendarFeedInputSchema>;

export const calendarFeedSchema = z.object({
  id: z.uuid(),
  scope: calendarFeedScopeSchema,
  placeId: z.uuid().nullable(),
  placeName: z.string().nullable(),
  createdAt: z.string(),
  lastFetchedAt: z.string().nullable(),
  abilities: abilitiesSchema,
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;

export const calendarFeedListSchema = z.object({
  feeds: z.array(calendarFeedSchema),
  /** The places a feed may follow (active places of the tenant, by name). */
  places: z.array(z.object({ id: z.uuid(), name: z.string() })),
  abilities: abilitiesSchema,
});
export type CalendarFeedList = z.infer<typeof calendarFeedListSchema>;

/** A new or regenerated feed: the only answer that carries its URL. */
export const calendarFeedCreatedSchema = z.object({ feed: calendarFeedSchema, url: z.string() });
export type CalendarFeedCreated = z.infer<typeof calendarFeedCreatedSchema>;

export const calendarFeedIdParamsSchema = z.object({ feedId: z.uuid() }).strict();
