import { eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { concern } from '../../../db/schema';
import { mintFormToken } from '../../concerns/form-token';
import { DEMO_TENANT } from '../demo-data';
import { DEMO_CONCERN } from '../demo-sspf-data';
import type { DemoChapter } from './chapter';

/**
 * Chapter 3: as the demo is seeded, Sara the school counsellor reports her worry about Wilma through
 * the public concern form, as professionals with a duty to report do. It arrives now, unassigned and
 * not yet linked to Wilma's record: the intake unit's start page shows it waiting, the protection
 * assessment due by the end of the day. Taking it from there is the demo's first task.
 */
export const wilmaConcernChapter: DemoChapter = {
  key: 'wilma-concern',
  async isTold(context) {
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: concern.id }).from(concern).where(eq(concern.tenantId, context.tenantId)).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const driver = await context.driver();
    const { reporter } = DEMO_CONCERN;
    await driver.anonymous('POST', '/api/public/concerns', {
      tenant: DEMO_TENANT.slug,
      // The form was opened a quarter of an hour before it was sent (the timing check of form-token.ts).
      formToken: mintFormToken(context.blindIndex, Date.now() - 15 * 60_000),
      reporter: {
        role: 'yrkesperson',
        organisationType: 'skola',
        organisationName: reporter.organisationName,
        contact: { name: reporter.name, phone: reporter.phone, email: reporter.email },
      },
      subject: { name: 'Wilma Testberg', approximateAge: 14, school: reporter.organisationName, whereSeen: 'Centralstationen' },
      categories: [...DEMO_CONCERN.categories],
      description: DEMO_CONCERN.description,
      guardiansKnow: 'ja',
    });
  },
};
