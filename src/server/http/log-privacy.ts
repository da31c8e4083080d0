import type { FastifyRequest } from 'fastify';

/**
 * What the server log may hold about a request and an error. The log is read by more people, kept
 * longer and copied further than the database, so it gets no personal data:
 *
 * - a request is its method and its route pattern (`/api/persons/:id`), never the URL as sent: the
 *   query string can hold a search term (a child's name), and a path can hold a receipt code;
 * - no client address: an anonymous reporter's IP would sit beside the time of their report;
 * - an error is its type, its code, the database's SQLSTATE and the constraint, table or column it
 *   names, and where in our code it was thrown. Never its message: a driver error's message quotes
 *   the failing SQL with its parameters, or the failing row ("Failing row contains (…)"), and other
 *   messages quote their input too. Never `query`, `params`, `detail`, `where` or `cause` as they are.
 *
 * Fastify's own log lines ("incoming request", "request completed") and every `{ err }` logged
 * through `app.log` pass through these serializers (app.ts), and the error handler logs only
 * `loggableError()` of what it caught.
 */

export interface LoggableError {
  type: string;
  /** The error's own code: a Fastify code (FST_...), a Node.js code (ECONNRESET), an SQLSTATE. */
  code?: string;
  /** The SQLSTATE of the database error found in the cause chain, e.g. 23505. */
  sqlState?: string;
  constraint?: string;
  table?: string;
  column?: string;
  statusCode?: number;
  /** The stack's frames only ("at file:line"): where it happened, without the message line(s). */
  stack?: string;
}

const MAX_FRAMES = 12;
const WITHHELD = '(not logged: an error message can hold personal data)';
const MAX_DEPTH = 5;

/** The parts of an error that tell what and where, and nothing of the data involved. */
export function loggableError(error: unknown): LoggableError {
  if (error === null || typeof error !== 'object') return { type: typeof error };
  if (isDescribed(error)) return pick(error);
  const top = error as Record<string, unknown>;
  const described: LoggableError = { type: typeName(error) };
  if (typeof top.code === 'string') described.code = top.code;
  if (typeof top.statusCode === 'number') described.statusCode = top.statusCode;
  // The driver's error (pg or PGlite) sits in Drizzle's `cause`: take its SQLSTATE and names only.
  let current: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && current !== null && typeof current === 'object'; depth += 1) {
    const fields = current as Record<string, unknown>;
    // An SQLSTATE is five characters; the driver's error also carries a severity (EPIPE is five letters too).
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && (/^[0-9]/.test(fields.code) || 'severity' in fields)) {
      described.sqlState = fields.code;
      for (const name of ['constraint', 'table', 'column'] as const) {
        if (typeof fields[name] === 'string') described[name] = fields[name] as string;
      }
      break;
    }
    current = fields.cause;
  }
  const frames = stackFrames(top.stack);
  if (frames.length > 0) described.stack = frames.join('\n');
  return described;
}

function typeName(error: object): string {
  return error.constructor?.name || 'Object';
}

const DESCRIBED_KEYS = ['type', 'code', 'sqlState', 'constraint', 'table', 'column', 'statusCode', 'stack'] as const;

/** The output of loggableError() logged again (the error handler's line passes the `err` serializer too). */
function isDescribed(value: object): value is LoggableError {
  return !(value instanceof Error) && typeof (value as { type?: unknown }).type === 'string';
}

function pick(described: LoggableError): LoggableError {
  const kept: Record<string, unknown> = {};
  for (const key of DESCRIBED_KEYS) {
    const value = described[key];
    if (typeof value === 'string' || typeof value === 'number') kept[key] = value;
  }
  return kept as unknown as LoggableError;
}

/** V8 stacks start with the message (one or more lines); the frames are the lines that begin with "at". */
function stackFrames(stack: unknown): string[] {
  if (typeof stack !== 'string') return [];
  return stack
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, MAX_FRAMES);
}

/** The request as the log shows it: the method and the route it matched, or "(no route)". */
export function loggableRequest(request: FastifyRequest): { method: string; url: string } {
  let route: string | undefined;
  try {
    route = request.routeOptions?.url;
  } catch {
    // A request Fastify refused before routing (a malformed URL) has no route context.
  }
  return { method: request.method, url: route ?? '(no route)' };
}

/** Pino serializers for Fastify's logger options: `req`, `res` and `err`. */
export const logSerializers = {
  req: (request: FastifyRequest) => loggableRequest(request),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
  // Pino's shape for an error has a message; ours says it was left out on purpose.
  err: (error: unknown) => ({ message: WITHHELD, stack: '', ...loggableError(error) }),
};

/**
 * Pino's `hooks.logMethod`: `log.error(error)` with an Error as the only argument would make its
 * message the log line's `msg`. Turn that into `{ err }` with a fixed text, like every other error line.
 */
export function logMethodWithoutErrorMessages(this: unknown, args: unknown[], method: (...args: unknown[]) => void): void {
  const [first, ...rest] = args;
  if (first instanceof Error) {
    const message = typeof rest[0] === 'string' ? rest[0] : 'error';
    method.apply(this, [{ err: first }, message]);
    return;
  }
  method.apply(this, args);
}
