import { DEMO_REGISTRATIONS } from '../demo-data';
import { findDemoPerson, registerDemoPersons, type DemoChapter } from './chapter';

/** Chapter 1: the families the intake unit and the case officers registered over the past months. */
export const registerChapter: DemoChapter = {
  key: 'register',
  async isTold(context) {
    for (const registration of DEMO_REGISTRATIONS) {
      for (const key of registration.persons) if (!(await findDemoPerson(context, key))) return false;
    }
    return true;
  },
  async tell(context) {
    for (const { by, day, time, persons } of DEMO_REGISTRATIONS) await registerDemoPersons(context, by, day, time, persons);
  },
};
