import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { inContext } from '../../../db/context';
import { person } from '../../../db/schema';
import type { BlindIndex } from '../../../crypto/field-cipher';
import { parseIdentityNumber } from '../../../../shared/personnummer';
import type { OrganisationType } from '../../../../shared/organisations';
import type { Role } from '../../../../shared/roles';
import { DEMO_PERSONS } from '../demo-data';
import type { StoryDriver } from '../story-driver';
import type { SandvikenStage } from '../sandviken-stage';
import { later } from '../story-time';

/** What every chapter of the demo story is told with. */
export interface StoryContext {
  tenantId: string;
  /** The second demo tenant, Gävle's partner in the housing exchange (issue 16 §6). */
  sandviken: SandvikenStage;
  organisationIds: Readonly<Record<OrganisationType, string>>;
  userIds: Readonly<Record<Role, string>>;
  database: Database;
  blindIndex: BlindIndex;
  /** Opened on first use: a demo whose chapters are all told never builds it. */
  driver(): Promise<StoryDriver>;
}

/**
 * One chapter of the demo's story, in a file of its own (a later chapter adds places, forums, a
 * second tenant...). `isTold` looks at the data, so seeding again never tells a chapter twice; `tell`
 * writes only through the application's routes, as the people in the story.
 */
export interface DemoChapter {
  key: string;
  isTold(context: StoryContext): Promise<boolean>;
  tell(context: StoryContext): Promise<void>;
}

/** A demo person's id, or null while they are not in the register (the blind index, as the lookup does). */
export async function findDemoPerson(context: StoryContext, key: string): Promise<string | null> {
  const wanted = DEMO_PERSONS.find((p) => p.key === key)!;
  const index = context.blindIndex.compute(context.tenantId, parseIdentityNumber(wanted.identityNumber)!.canonical);
  const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
    tx
      .select({ id: person.id })
      .from(person)
      .where(and(eq(person.tenantId, context.tenantId), eq(person.identityNumberIndex, index)))
      .limit(1),
  );
  return found?.id ?? null;
}

/** Registers the persons not yet in the register, guardians first, as `by` at that moment; returns every id. */
export async function registerDemoPersons(context: StoryContext, by: Role, day: number, time: string, keys: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const driver = await context.driver();
  for (const [n, key] of keys.entries()) {
    const found = await findDemoPerson(context, key);
    if (found) {
      ids.set(key, found);
      continue;
    }
    const wanted = DEMO_PERSONS.find((p) => p.key === key)!;
    const guardianIds: string[] = [];
    for (const guardian of wanted.guardians) guardianIds.push(ids.get(guardian) ?? (await findDemoPerson(context, guardian))!);
    const created = await driver.as(by).on(day, later(time, 2 * n)).post<{ id: string }>('/api/persons', {
      identityNumber: wanted.identityNumber,
      firstName: wanted.firstName,
      lastName: wanted.lastName,
      schoolId: wanted.pupil ? context.organisationIds.skola : null,
      protectedIdentity: wanted.protectedIdentity,
      guardianIds,
    });
    ids.set(key, created.id);
  }
  return ids;
}
