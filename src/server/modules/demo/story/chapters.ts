import { alexCaseChapter } from './alex-case';
import type { DemoChapter } from './chapter';
import { registerChapter } from './register';
import { wilmaConcernChapter } from './wilma-concern';
import { placesChapter } from './places';
import { presenceChapter } from './presence';
import { fieldReportsChapter } from './field-reports';
import { eventsChapter } from './events';
import { placeActionChapter } from './place-action';
import { keyPersonsChapter } from './key-persons';
import { offersChapter } from './offers';
import { forumsChapter } from './forums';
import { mentorsChapter } from './mentors';

/** The demo's story in order. A new chapter is a new file here, added at the end. */
export const DEMO_CHAPTERS: readonly DemoChapter[] = [registerChapter, alexCaseChapter, wilmaConcernChapter, placesChapter, presenceChapter, fieldReportsChapter, eventsChapter, placeActionChapter, keyPersonsChapter, offersChapter, forumsChapter, mentorsChapter, referralsChapter, housingExchangeChapter];

import { referralsChapter } from './referrals';
import { housingExchangeChapter } from './housing-exchange';
