/** The fields of a PostgreSQL error that callers decide on. */
export interface DatabaseErrorFields {
  /** The SQLSTATE, e.g. 23505 for a unique violation. */
  code: string;
  constraint?: unknown;
  column?: unknown;
  message?: unknown;
}

/**
 * The driver's error (pg or PGlite) behind whatever wraps it: Drizzle puts it in `cause`, so the
 * chain is walked to the first error that carries an SQLSTATE.
 */
export function databaseError(error: unknown): DatabaseErrorFields | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const fields = current as Partial<DatabaseErrorFields>;
    if (typeof fields.code === 'string') return fields as DatabaseErrorFields;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Whether the error is this SQLSTATE on this constraint or column (named in the fields or the message). */
export function violates(error: unknown, code: string, name: string): boolean {
  const fields = databaseError(error);
  if (fields?.code !== code) return false;
  return fields.constraint === name || fields.column === name || (typeof fields.message === 'string' && fields.message.includes(name));
}

/**
 * SQLSTATEs that mean the server went away or refused us, not that the statement was wrong:
 * admin_shutdown, crash_shutdown, cannot_connect_now (starting up or failing over) and
 * too_many_connections. Class 08 (connection exceptions) is matched by its prefix.
 */
const CONNECTION_LOST_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** The socket failed under the driver. */
const CONNECTION_LOST_NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/**
 * pg reports a lost socket, a dead pooled client and a connect timeout with plain Errors that carry
 * no code. Compared whole: a wrapper's message quotes the SQL and its parameters, which could hold anything.
 */
const CONNECTION_LOST_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
]);

/**
 * Whether the error means the database connection was lost or could not be made (a restart, a
 * failover, a terminated backend, a network blip): the request can succeed again once the database
 * is back, so it is answered with 503, not 500. Walks the same cause chain as databaseError().
 */
export function isConnectionLost(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const { code, message, severity } = current as { code?: unknown; message?: unknown; severity?: unknown };
    if (typeof code === 'string' && (CONNECTION_LOST_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || CONNECTION_LOST_NODE_CODES.has(code))) return true;
    // FATAL and PANIC end the server session, whatever the SQLSTATE: e.g. 55000 "database is not currently accepting connections".
    if (severity === 'FATAL' || severity === 'PANIC') return true;
    if (typeof message === 'string' && CONNECTION_LOST_MESSAGES.has(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
