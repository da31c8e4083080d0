import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/db/client';
import { inContext } from '../../server/db/context';
import { auditEvent, tenant } from '../../server/db/schema';
import { verifyTenantChainAnchored, type AnchoredChainReport, type ChainAnchor } from '../../server/audit/verify';
import { verifySecurityChain } from '../../server/audit/verify-security';
import { SECURITY_CHAIN_ID } from '../../server/audit/security-chain';
import { progressBar } from '../progress';
import { CliError } from '../warn';

export interface TenantReport {
  slug: string;
  name: string;
  report: AnchoredChainReport;
}

/** The security log's place among the reports: its chain id stands where a tenant's slug stands. */
export const SECURITY_LOG_REPORT = { slug: SECURITY_CHAIN_ID, name: 'security log: sign-in events' } as const;

/**
 * Recomputes the chains of every tenant (or one), against a checkpoint's anchors when given, and,
 * unless one tenant was asked for, the security log's chain of sign-in events (last). Checkpoints do
 * not sign the security chain yet, so it is checked for internal consistency only.
 */
export async function verifyChains(db: Db, slug?: string, anchors?: ReadonlyMap<string, readonly ChainAnchor[]>): Promise<TenantReport[]> {
  const tenants = await db
    .select({ id: tenant.id, slug: tenant.slug, name: tenant.name })
    .from(tenant)
    .where(slug ? eq(tenant.slug, slug) : undefined)
    .orderBy(asc(tenant.slug));
  if (slug && tenants.length === 0) throw new CliError(`No tenant with the slug ${slug}`);
  // Counted per tenant under its own row-level-security context, as the verification itself reads.
  const counts: number[] = [];
  for (const t of tenants) {
    counts.push(
      await inContext(db, { tenantId: t.id, userId: null }, async (tx) => {
        const [row] = await tx.select({ n: sql<string>`count(*)::text` }).from(auditEvent).where(eq(auditEvent.tenantId, t.id));
        return Number(row!.n);
      }),
    );
  }
  const total = counts.reduce((a, b) => a + b, 0);
  const bar = progressBar('Verifying audit');
  const reports: TenantReport[] = [];
  try {
    let before = 0;
    bar.update(0, total);
    for (const [i, t] of tenants.entries()) {
      const report = await verifyTenantChainAnchored(db, t.id, anchors?.get(t.id) ?? [], { onProgress: (checked) => bar.update(before + checked, total) });
      before += counts[i]!;
      bar.update(before, total);
      reports.push({ slug: t.slug, name: t.name, report });
    }
  } finally {
    bar.stop();
  }
  if (!slug) reports.push({ ...SECURITY_LOG_REPORT, report: await verifySecurityChain(db) });
  return reports;
}
