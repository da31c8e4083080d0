import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The application's clock. In production it is the wall clock, always: `now()` is `new Date()`.
 *
 * The demo seed alone tells its story "as of" past days through the real routes: it wraps each step
 * in `actAsOf(day, ...)`, and everything that step stamps (the audit events, the case's chronology,
 * the database defaults through `app.now`, see `withActor` and migration 0016) carries that day. The
 * story time lives in an AsyncLocalStorage that only `actAsOf` sets, so no request, header or body can
 * choose its time: a request from the network never runs inside `actAsOf`.
 */
interface StoryTime {
  /** The instant the step acts as of. */
  at: number;
  /** The wall clock when the step began: time passes inside a step as it does outside. */
  startedAt: number;
}

const story = new AsyncLocalStorage<StoryTime>();

export function now(): Date {
  const step = story.getStore();
  return step ? new Date(step.at + (Date.now() - step.startedAt)) : new Date();
}

/** True inside `actAsOf`: the time is a story's, not the wall clock's. */
export function isStoryTime(): boolean {
  return story.getStore() !== undefined;
}

/** Runs `work` as of `at`. For the demo seed only (src/server/modules/demo); a test keeps it that way. */
export function actAsOf<T>(at: Date, work: () => Promise<T>): Promise<T> {
  return story.run({ at: at.getTime(), startedAt: Date.now() }, work);
}
