import { and, eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { mentor, sspfCase } from '../../../db/schema';
import type { CaseDetail } from '../../../../shared/cases';
import type { MentorDetail } from '../../../../shared/mentors';
import { DEMO_CASE_PERSON } from '../demo-sspf-data';
import { findDemoPerson, type DemoChapter } from './chapter';

/**
 * The mentor programme (issue 15 §5). Nora, the association's key person, registers two of IK Demo
 * Fotboll's volunteer mentors: Mona, who has her own account, and Erik, who has none. She looks at each
 * one's limited criminal-record extract, hands it back and records only the date: Mona's is recent,
 * Erik's was checked thirteen months before the demo day and has since expired (he cannot be matched
 * until he brings a new one). Kim matches Mona to the mentorskap action of Alex's plan (she already sat
 * on the team and was responsible for it), and Mona logs her first two Tuesday meetings.
 */
export const mentorsChapter: DemoChapter = {
  key: 'mentors',
  async isTold(context) {
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: mentor.id }).from(mentor).where(eq(mentor.tenantId, context.tenantId)).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const driver = await context.driver();
    const club = context.organisationIds.forening;
    const nora = driver.as('foreningsnyckelperson');

    const mona = await nora.on(-45, '19:00').post<MentorDetail>('/api/mentors', {
      organisationId: club,
      name: 'Mona Mentor (demo)',
      phone: '070-100 20 30',
      email: 'mona.mentor@ikdemo.example',
      userId: context.userIds.mentor,
      active: true,
    });
    await nora.on(-45, '19:05').post(`/api/mentors/${mona.id}/vetting-checks`, { checkedOn: driver.day(-50), extractNotKept: true });
    await nora.on(-45, '19:06').post(`/api/mentors/${mona.id}/trainings`, { name: 'Grundutbildning för mentorer (IK Demo Fotboll)', completedOn: driver.day(-48) });

    const erik = await nora.on(-45, '19:10').post<MentorDetail>('/api/mentors', {
      organisationId: club,
      name: 'Erik Exempel (demo)',
      phone: '070-100 20 40',
      email: null,
      userId: null,
      active: true,
    });
    // Checked thirteen months before the demo day: still valid when recorded, expired by now.
    await nora.on(-45, '19:12').post(`/api/mentors/${erik.id}/vetting-checks`, { checkedOn: driver.day(-396), extractNotKept: true });
    await nora.on(-45, '19:13').post(`/api/mentors/${erik.id}/trainings`, { name: 'Grundutbildning för mentorer (IK Demo Fotboll)', completedOn: driver.day(-400) });

    // Kim matches Mona to the mentorskap action of Alex's plan.
    const alex = await findDemoPerson(context, DEMO_CASE_PERSON);
    if (!alex) throw new Error('demo mentors: Alex is not registered (is the alex-case chapter told?)');
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: sspfCase.id }).from(sspfCase).where(and(eq(sspfCase.tenantId, context.tenantId), eq(sspfCase.personId, alex))).limit(1),
    );
    if (!found) throw new Error('demo mentors: Alex has no case (is the alex-case chapter told?)');
    const kim = driver.as('koordinator');
    const detail = await kim.on(-27, '08:30').get<CaseDetail>(`/api/cases/${found.id}`);
    const action = detail.actions.find((a) => a.type === 'mentorskap');
    if (!action) throw new Error('demo mentors: Alex’s plan has no mentorskap action');
    await kim.on(-27, '08:35').post(`/api/cases/${found.id}/actions/${action.id}/mentor`, { mentorId: mona.id });

    // Mona's first two Tuesdays after school.
    const monaUser = driver.as('mentor');
    const log = `/api/cases/${found.id}/actions/${action.id}/mentor/meetings`;
    await monaUser.on(-21, '18:30').post(log, { metOn: driver.day(-21), minutes: 90, note: 'Första träffen: fotboll på Sätra och fika. Pratade om skolan och vad Alex vill göra i sommar.' });
    await monaUser.on(-14, '18:15').post(log, { metOn: driver.day(-14), minutes: 60, note: 'Läxhjälp i matte på föreningslokalen, sedan träning. Alex kom i tid.' });
  },
};
