import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { concernRoutingRule, organisation } from '../../db/schema';
import { invalid } from '../../http/errors';
import type { ConcernKind } from '../../../shared/concerns';
import type { RoutingRule, RoutingRuleInput } from '../../../shared/concerns-admin';

/**
 * Where a new report goes. A rule per tenant and kind names the receiving organisation; without a
 * rule (or when its organisation is deactivated) a fallback decides:
 * - a concern about a person: the tenant's first active social services organisation. Only social
 *   services may receive one, whatever a rule says: nobody else sees personal details.
 * - a place report: the organisation of the first EST reporter, else of the first coordinator,
 *   else the first social services organisation.
 * Written as one SQL expression so that a submission routes itself inside its own INSERT.
 */
export function receivingOrganisationSql(tenantId: string, kind: ConcernKind): SQL {
  const firstSocialServices = sql`(select o.id from organisation o
      where o.tenant_id = ${tenantId} and o.active and o.type = 'socialtjanst' order by o.created_at, o.id limit 1)`;
  if (kind === 'person') {
    return sql`coalesce(
      (select r.organisation_id from concern_routing_rule r
        join organisation o on o.tenant_id = r.tenant_id and o.id = r.organisation_id
        where r.tenant_id = ${tenantId} and r.kind = 'person' and o.active and o.type = 'socialtjanst'),
      ${firstSocialServices})`;
  }
  const firstMemberOrganisation = (role: string) => sql`(select m.organisation_id from membership m
      join organisation o on o.tenant_id = m.tenant_id and o.id = m.organisation_id
      where m.tenant_id = ${tenantId} and m.active and o.active and m.role = ${role} order by m.created_at, m.id limit 1)`;
  return sql`coalesce(
    (select r.organisation_id from concern_routing_rule r
      join organisation o on o.tenant_id = r.tenant_id and o.id = r.organisation_id
      where r.tenant_id = ${tenantId} and r.kind = 'place' and o.active),
    ${firstMemberOrganisation('est_rapportor')},
    ${firstMemberOrganisation('koordinator')},
    ${firstSocialServices})`;
}

/** Whether the rule asks for the coordinators to hear of new person concerns. */
export function notifyCoordinatorSql(tenantId: string): SQL {
  return sql`coalesce((select r.notify_coordinator from concern_routing_rule r where r.tenant_id = ${tenantId} and r.kind = 'person'), false)`;
}

/** The effective routing of both kinds, for the administration page. */
export async function readRoutingRules(tx: Tx, tenantId: string): Promise<RoutingRule[]> {
  const rules: RoutingRule[] = [];
  for (const kind of ['person', 'place'] as const) {
    const result = await tx.execute<{ id: string | null; name: string | null; configured: boolean; notify_coordinator: boolean; updated_at: string | Date | null }>(sql`
      with effective as (select ${receivingOrganisationSql(tenantId, kind)} as id)
      select e.id, o.name,
        exists (select 1 from concern_routing_rule r where r.tenant_id = ${tenantId} and r.kind = ${kind}) as configured,
        coalesce((select r.notify_coordinator from concern_routing_rule r where r.tenant_id = ${tenantId} and r.kind = ${kind}), false) as notify_coordinator,
        (select r.updated_at from concern_routing_rule r where r.tenant_id = ${tenantId} and r.kind = ${kind}) as updated_at
      from effective e left join organisation o on o.tenant_id = ${tenantId} and o.id = e.id`);
    const row = result.rows[0]!;
    rules.push({
      kind,
      organisation: row.id && row.name ? { id: row.id, name: row.name } : null,
      configured: row.configured,
      notifyCoordinator: kind === 'person' && row.notify_coordinator,
      updatedAt: row.updated_at === null ? null : new Date(row.updated_at).toISOString(),
    });
  }
  return rules;
}

/** Sets the rule of one kind. The organisation must be active, and of social services for person concerns. */
export async function saveRoutingRule(tx: Tx, tenantId: string, kind: ConcernKind, input: RoutingRuleInput, userId: string): Promise<void> {
  const [target] = await tx
    .select({ type: organisation.type, active: organisation.active })
    .from(organisation)
    .where(and(eq(organisation.tenantId, tenantId), eq(organisation.id, input.organisationId)))
    .limit(1);
  if (!target) throw invalid({ organisationId: 'unknown_reference' });
  if (!target.active) throw invalid({ organisationId: 'organisation_inactive' });
  if (kind === 'person' && target.type !== 'socialtjanst') throw invalid({ organisationId: 'routing_requires_social_services' });
  const values = {
    tenantId,
    kind,
    organisationId: input.organisationId,
    notifyCoordinator: kind === 'person' && input.notifyCoordinator,
    updatedAt: new Date(),
    updatedBy: userId,
  };
  await tx
    .insert(concernRoutingRule)
    .values(values)
    .onConflictDoUpdate({ target: [concernRoutingRule.tenantId, concernRoutingRule.kind], set: values });
}
