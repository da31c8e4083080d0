import type { Config } from '../config';

/** The ways one machine names itself. A browser at any of them reaches the same server on loopback. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** True for a HOST that only this machine can reach (so `localhost` in the printed address is right). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * The origins a signed-in browser may send writes from (the CSRF check and better-auth's trustedOrigins).
 *
 * With SAMVERKA_PUBLIC_URL set, exactly its origin: that is where users are sent, and anything else is
 * another site. Without it the public URL is the loopback default (`http://localhost:PORT`), so the server
 * is only reachable from this machine; then both loopback spellings of the same port are the same server,
 * and a developer who types 127.0.0.1 must not be refused as a forger.
 */
export function allowedOrigins(config: Pick<Config, 'SAMVERKA_PUBLIC_URL' | 'publicUrl'>): string[] {
  const own = new URL(config.publicUrl);
  if (config.SAMVERKA_PUBLIC_URL !== undefined) return [own.origin];
  return LOOPBACK_HOSTS.map((host) => `${own.protocol}//${host}${own.port ? `:${own.port}` : ''}`);
}

/**
 * The address `samverka serve` prints: the public URL, the one address sign-in is sure to work at.
 * Only when no public URL was configured and the port was chosen by the system (PORT=0) does the
 * listening port replace the configured one.
 */
export function addressToOpen(config: Pick<Config, 'SAMVERKA_PUBLIC_URL' | 'publicUrl' | 'PORT'>, listeningPort: number): string {
  if (config.SAMVERKA_PUBLIC_URL !== undefined || config.PORT !== 0) return config.publicUrl;
  const url = new URL(config.publicUrl);
  url.port = String(listeningPort);
  return url.origin;
}
