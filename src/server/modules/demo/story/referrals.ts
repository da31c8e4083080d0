import { eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { referral } from '../../../db/schema';
import type { CaseDetail, CaseSummary } from '../../../../shared/cases';
import type { OfferList } from '../../../../shared/offers';
import type { Referral } from '../../../../shared/referrals';
import type { DemoChapter } from './chapter';

/**
 * Referrals (issue 15 §4, §6, §7): Alex's plan points at real offers. Right after the network meeting
 * (day -30) Kim refers Alex from the mentorship action to the association's mentor programme (the
 * association is in the consent, so it reads Alex's first name and the action); the association says
 * yes the next evening, and three days later Kim matches its mentor Mona to the action (the mentors
 * chapter). Ten days ago Kim adds a summer job to the plan and refers Alex to the bakery; the bakery is
 * not in the consent, so it sees an age band only and Kim calls the family. The bakery accepts. Berit
 * at BVC refers a mother to the ABC parent programme without any case, on the mother's own consent.
 */
export const referralsChapter: DemoChapter = {
  key: 'referrals',
  async isTold(context) {
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: referral.id }).from(referral).where(eq(referral.tenantId, context.tenantId)).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const driver = await context.driver();
    const kim = driver.as('koordinator');
    const { cases } = await kim.on(-30, '16:50').get<{ cases: CaseSummary[] }>('/api/cases');
    const alexCase = cases.find((c) => c.personName.startsWith('Alex'));
    if (!alexCase) throw new Error('demo referrals: Alex’s case is missing (is the alex-case chapter told?)');
    const offers = (await kim.on(-30, '16:52').get<OfferList>('/api/offers')).offers;
    const offerId = (title: string) => {
      const found = offers.find((o) => o.title === title);
      if (!found) throw new Error(`demo referrals: no offer titled ${title} (is the offers chapter told?)`);
      return found.id;
    };
    const planned = await kim.on(-30, '16:55').get<CaseDetail>(`/api/cases/${alexCase.id}`);
    const mentorship = planned.actions.find((a) => a.type === 'mentorskap');
    if (!mentorship) throw new Error('demo referrals: Alex’s plan has no mentorship action');

    const mentorReferral = await kim.on(-30, '17:00').post<Referral>(`/api/cases/${alexCase.id}/actions/${mentorship.id}/referrals`, {
      offerId: offerId('Mentorprogrammet i IK Demo Fotboll'),
      subject: 'ung',
      shareWhat: true,
    });
    // The association's key person answers the next evening, before Kim matches its mentor to the action.
    await driver.as('foreningsnyckelperson').on(-29, '19:30').post(`/api/referrals/${mentorReferral.id}/answer`, { decision: 'accept', note: 'Välkommen! Vi har en mentor som passar Alex (demo).' });

    const detail = await kim.on(-10, '09:10').get<CaseDetail>(`/api/cases/${alexCase.id}`);

    // A summer job enters the plan, Kim responsible, through the plan's own route.
    let summerJob = detail.actions.find((a) => a.type === 'feriejobb_praktik');
    if (!summerJob) {
      const withJob = await kim.on(-10, '09:30').post<CaseDetail>(`/api/cases/${alexCase.id}/actions`, {
        goalId: detail.goals[1]?.id ?? detail.goals[0]?.id,
        type: 'feriejobb_praktik',
        responsibleOrganisationId: context.organisationIds.annan,
        responsibleUserId: context.userIds.koordinator,
        what: 'Feriejobb i bageriet: en prova-på-vecka på jullovet, sedan tre veckor i sommar, med en handledare (demo).',
        startOn: driver.today,
        dueOn: dayAfter(driver.today, 120),
      });
      summerJob = withJob.actions.find((a) => a.type === 'feriejobb_praktik')!;
    }
    const job = await kim.on(-10, '09:40').post<Referral>(`/api/cases/${alexCase.id}/actions/${summerJob.id}/referrals`, {
      offerId: offerId('Feriejobb i bageriet'),
      subject: 'ung',
      shareWhat: false,
    });

    // The bakery answers in its inbox two days later: yes.
    await driver.as('naringsidkare').on(-8, '08:15').post(`/api/referrals/${job.id}/answer`, { decision: 'accept', note: 'Välkommen! Prova-på-veckan börjar på jullovet (demo).' });

    // BVC: a mother of a three-year-old to the ABC programme, without a case.
    await driver.as('mvc_bvc').on(-5, '11:00').post<Referral>('/api/referrals/parent', {
      offerId: offerId('ABC – Alla barn i centrum'),
      parentName: 'Fatima Påhittad (demo)',
      parentPhone: '070-000 00 00',
      consentGivenBy: 'Fatima Påhittad (demo)',
      consentOn: dayAfter(driver.today, -5),
      consentMethod: 'muntligt',
      note: 'Vill gärna gå på tisdagar. Talar arabiska och svenska (demo).',
    });
  },
};

/** YYYY-MM-DD `days` after a date. */
function dayAfter(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
