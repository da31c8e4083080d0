import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../server/db/client';
import { tenant } from '../../server/db/schema';
import { runRetention, type TenantRetentionResult } from '../../server/modules/retention/run-retention';
import { RETENTION_RECORD_TYPE_NAMES } from '../../shared/retention';
import { progressBar } from '../progress';
import { CliError } from '../warn';

export interface TenantRetentionReport extends TenantRetentionResult {
  slug: string;
  name: string;
}

export async function runRetentionFromCli(database: Database, options: { dryRun: boolean; slug?: string }): Promise<TenantRetentionReport[]> {
  const tenants = await database.db
    .select({ id: tenant.id, slug: tenant.slug, name: tenant.name })
    .from(tenant)
    .where(options.slug ? eq(tenant.slug, options.slug) : undefined)
    .orderBy(asc(tenant.slug));
  if (options.slug && tenants.length === 0) throw new CliError(`No tenant with the slug ${options.slug}`);
  const bar = progressBar(options.dryRun ? 'Retention (dry)' : 'Retention');
  try {
    const results = await runRetention(database, {
      dryRun: options.dryRun,
      tenantIds: tenants.map((t) => t.id),
      onProgress: (done, total) => bar.update(done, total),
    });
    const byId = new Map(tenants.map((t) => [t.id, t]));
    const reports = results.map((result) => ({ ...result, slug: byId.get(result.tenantId)!.slug, name: byId.get(result.tenantId)!.name }));
    // One tenant asked for by name and not confirmed: a refusal, not a report of nothing done.
    if (options.slug && reports[0]?.refused) throw new CliError(notConfirmedMessage(reports[0].slug));
    return reports;
  } finally {
    bar.stop();
  }
}

const LINES: [keyof TenantRetentionResult['counts'], string][] = [
  ['case', 'cases'],
  ['concern', 'concerns and place reports'],
  ['consent', 'consents'],
  ['consentDocument', 'signed consent forms'],
  ['person', 'persons'],
];

/** Why a real run does nothing for a tenant yet. */
export function notConfirmedMessage(slug: string): string {
  return `Retention for ${slug} is NOT CONFIRMED: an administrator must confirm the retention periods (Administration → Samverkan (SSPF) → Gallring) before anything is deleted. Nothing was deleted. See what would go with --dry-run.`;
}

/** One block per tenant: the periods in force and, per record type, what would go (dry run) or went. */
export function formatRetentionReport(reports: TenantRetentionReport[], dryRun: boolean): string {
  const verb = dryRun ? 'would delete' : 'deleted';
  const out: string[] = [];
  for (const report of reports) {
    if (report.refused) {
      out.push(`${report.slug} (${report.name}): refused. ${notConfirmedMessage(report.slug)}`);
      continue;
    }
    const periods = (Object.keys(RETENTION_RECORD_TYPE_NAMES) as (keyof typeof report.years)[]).map((type) => `${type} ${report.years[type]} y`).join(', ');
    out.push(`${report.slug} (${report.name}): ${verb} (periods: ${periods})`);
    for (const [key, label] of LINES) out.push(`  ${label}: ${report.counts[key]}`);
  }
  const total = reports.reduce((sum, r) => sum + LINES.reduce((s, [key]) => s + r.counts[key], 0), 0);
  const ran = reports.filter((r) => !r.refused).length;
  out.push(dryRun ? `Dry run: nothing was deleted. ${total} records in ${reports.length} tenants are due.` : `${total} records deleted in ${ran} tenants.`);
  const refused = reports.length - ran;
  if (refused > 0) out.push(`${refused} tenants refused: their retention periods are not confirmed.`);
  return `${out.join('\n')}\n`;
}
