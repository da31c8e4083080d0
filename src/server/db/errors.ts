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
