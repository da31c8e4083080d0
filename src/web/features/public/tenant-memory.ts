/**
 * The municipality a visitor chose on a public page, for this tab only (sessionStorage, like the draft):
 * the public start page then names it. Not kept longer: on a shared computer, a remembered concern form
 * would tell the next person more than it should.
 */
const KEY = 'samverka.oro-tenant';

export function rememberTenant(slug: string): void {
  try {
    sessionStorage.setItem(KEY, slug);
  } catch {
    // Without storage the start page just does not name the municipality.
  }
}

export function rememberedTenant(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/**
 * The tenant the start page can name: `?tenant=` when it exists, else the one chosen before in this tab,
 * else the only one there is. Several and none chosen: none (the form asks).
 */
export function knownTenant<T extends { slug: string }>(tenants: readonly T[], asked: string | null, remembered: string | null): T | undefined {
  const bySlug = (slug: string | null) => (slug ? tenants.find((tenant) => tenant.slug === slug) : undefined);
  return bySlug(asked) ?? bySlug(remembered) ?? (tenants.length === 1 ? tenants[0] : undefined);
}
