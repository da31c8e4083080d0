import type { Config } from '../config';

type AuthLogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * better-auth's own log lines, kept as private as ours (docs/SECURITY.md, "The server log"). Its
 * default logger prints the arguments it is given, and on a database error those include the failed
 * SQL with its parameters: a session token, an e-mail address. We keep only the message's first
 * words (better-auth passes a status such as INTERNAL_SERVER_ERROR there), never the arguments, and
 * blank out anything that looks like an address or a token.
 */
export function authLogSink(write: (line: string) => void = (line) => process.stderr.write(line)) {
  return (level: AuthLogLevel, message: string): void => {
    write(`${JSON.stringify({ level, time: Date.now(), msg: `better-auth: ${safeAuthMessage(message)}` })}\n`);
  };
}

export function safeAuthMessage(message: unknown): string {
  const text = typeof message === 'string' ? message : 'error';
  return (text.split(/[\n:]/)[0] ?? '')
    .replace(/\S+@\S+/g, '<address>')
    .replace(/[A-Za-z0-9_-]{20,}/g, '<token>')
    .slice(0, 120);
}

export function betterAuthLogLevel(level: Config['LOG_LEVEL']): AuthLogLevel {
  if (level === 'trace' || level === 'debug') return 'debug';
  if (level === 'info') return 'info';
  if (level === 'warn') return 'warn';
  return 'error';
}
