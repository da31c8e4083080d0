import { eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { exchangeOffer, sspfCase } from '../../../db/schema';
import type { ExchangeOffer, Participation, ParticipationCandidates } from '../../../../shared/housing-exchange';
import type { Role } from '../../../../shared/roles';
import { DEMO_ORGANISATIONS, DEMO_USERS, SANDVIKEN_ORGANISATIONS } from '../demo-data';
import type { StoryActor, StoryDriver } from '../story-driver';
import type { DemoChapter, StoryContext } from './chapter';

/** SCB codes: Gävle and Sandviken, both in Gävleborgs län. */
export const GAVLE_MUNICIPALITY = '2180';
export const SANDVIKEN_MUNICIPALITY = '2181';

/** The pooled offer a visitor finds in Gävle's exchange: Sandvikenhus's two rooms in Sandviken's centre. */
export const SANDVIKEN_POOL_OFFER = { rooms: 2, sizeSqm: 52, district: 'Centrum', conditions: ['forstahandskontrakt', 'boendestod_finns'] } as const;

/**
 * The housing exchange (issue 16 §6). Six weeks ago Gävle's administrator recorded the decision to join,
 * naming Ulla as exchange officer and Demobostäder as housing partner; a week later Sandviken's did the
 * same with Siv and Sandvikenhus. Three days ago Siv put a two-room flat in Sandviken's centre into the
 * pool. Nothing more: the visitor, as Ulla, makes a request from Alex's case and follows it through.
 * Everything is told through the exchange's routes, as each tenant's own people, so each side's
 * Loggkontroll shows its own steps and nothing of the other's.
 */
export const housingExchangeChapter: DemoChapter = {
  key: 'housing-exchange',
  async isTold(context) {
    const [found] = await inContext(context.database.db, { tenantId: context.sandviken.tenantId, userId: null }, (tx) =>
      tx.select({ id: exchangeOffer.id }).from(exchangeOffer).where(eq(exchangeOffer.tenantId, context.sandviken.tenantId)).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const driver = await context.driver();
    const gavleOfficer = DEMO_USERS.find((u) => u.role === 'utbytessamordnare')!;
    await join(driver.as('administrator'), -45, {
      municipalityCode: GAVLE_MUNICIPALITY,
      reference: 'KS 2025/0412 (demo)',
      officerName: gavleOfficer.name,
      partnerName: DEMO_ORGANISATIONS.find((o) => o.key === 'bostadsbolag')!.name,
      decidedOn: driver.day(-46),
    });
    const sandvikenOfficer = sandvikenActor(context, driver, 'utbytessamordnare');
    const officerName = context.sandviken.users.find((u) => u.demoUser.role === 'utbytessamordnare')!.demoUser.name;
    const partnerName = SANDVIKEN_ORGANISATIONS.find((o) => o.key === 'bostadsbolag')!.name;
    const sandviken = await join(sandvikenActor(context, driver, 'administrator'), -38, {
      municipalityCode: SANDVIKEN_MUNICIPALITY,
      reference: 'KS 2025/0188 (Sandviken, demo)',
      officerName,
      partnerName,
      decidedOn: driver.day(-40),
    });
    // Two days ago Kim put Ulla on Alex's team: Alex wants to move away from the group, and a request can be made
    // only from a case whose team the officer is on (the consent covers social services, as for any member).
    const [alexCase] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: sspfCase.id }).from(sspfCase).where(eq(sspfCase.tenantId, context.tenantId)).orderBy(sspfCase.openedAt).limit(1),
    );
    if (alexCase) {
      await driver.as('koordinator').on(-2, '09:15').post(`/api/cases/${alexCase.id}/members`, {
        userId: context.userIds.utbytessamordnare,
        organisationId: context.organisationIds.socialtjanst,
        caseRole: 'Utbytessamordnare, socialtjänsten',
      });
    }
    const partner = sandviken.housingPartners.find((p) => p.name === partnerName)!;
    await sandvikenOfficer.on(-3, '14:10').post<ExchangeOffer>('/api/exchange/offers', {
      housingPartnerOrganisationId: partner.organisationId,
      requestId: null,
      rooms: SANDVIKEN_POOL_OFFER.rooms,
      sizeSqm: SANDVIKEN_POOL_OFFER.sizeSqm,
      municipalityCode: SANDVIKEN_MUNICIPALITY,
      district: SANDVIKEN_POOL_OFFER.district,
      availableFrom: driver.day(10),
      accessibility: ['nara_kollektivtrafik'],
      conditions: [...SANDVIKEN_POOL_OFFER.conditions],
      conditionsText: null,
    });
  },
};

function sandvikenActor(context: StoryContext, driver: StoryDriver, role: Role): StoryActor {
  const found = context.sandviken.users.find((u) => u.demoUser.role === role);
  if (!found) throw new Error(`demo housing exchange: Sandviken has no ${role}`);
  return driver.asUser(found.demoUser, found.userId);
}

/** The administrator records the decision to join, naming the officer and the housing partner (picked by name from the candidates). */
async function join(
  admin: StoryActor,
  day: number,
  decision: { municipalityCode: string; reference: string; officerName: string; partnerName: string; decidedOn: string },
): Promise<Participation> {
  const candidates = await admin.on(day, '10:00').get<ParticipationCandidates>('/api/exchange/participation/candidates');
  const officer = candidates.officers.find((o) => o.name === decision.officerName);
  const partner = candidates.housingPartners.find((p) => p.name === decision.partnerName);
  if (!officer || !partner) throw new Error(`demo housing exchange: ${decision.officerName} or ${decision.partnerName} is not a candidate`);
  return admin.on(day, '10:05').put<Participation>('/api/exchange/participation', {
    municipalityCode: decision.municipalityCode,
    decidedOn: decision.decidedOn,
    decisionReference: decision.reference,
    officerMembershipIds: [officer.membershipId],
    housingPartnerOrganisationIds: [partner.organisationId],
  });
}
