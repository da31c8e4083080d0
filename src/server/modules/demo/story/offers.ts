import { eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { offer } from '../../../db/schema';
import type { OfferInput } from '../../../../shared/offers';
import type { DemoChapter } from './chapter';

/**
 * The insatskatalog (issue 15 §3): the partners put what they offer young people and parents in the
 * catalogue, each through the application as its own staff. The association (open training, a mentor
 * programme), BVC (a parent programme, extended home visits), the business (summer jobs) and the
 * municipality's youth centre (an open evening). Most are public on "Vad finns att göra?"; the
 * extended home visits are referred to by BVC only, so they stay internal. Contacts are functions,
 * never a named person in public. The bakery's summer jobs run June 15 to August 14 of the coming summer.
 */
export const offersChapter: DemoChapter = {
  key: 'offers',
  async isTold(context) {
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: offer.id }).from(offer).where(eq(offer.tenantId, context.tenantId)).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const driver = await context.driver();
    const ids = context.organisationIds;
    const places = await driver.as('fritidsledare').on(-20, '09:00').get<{ places: { id: string; name: string }[] }>('/api/places');
    const placeId = (name: string) => {
      const found = places.places.find((p) => p.name === name);
      if (!found) throw new Error(`demo offers: no place named ${name} (is the places chapter told?)`);
      return found.id;
    };
    const add = (role: Parameters<typeof driver.as>[0], day: number, time: string, input: OfferInput) => driver.as(role).on(day, time).post('/api/offers', input);

    await add('foreningsnyckelperson', -20, '18:10', {
      providerOrganisationId: ids.forening,
      kind: 'oppen_verksamhet',
      title: 'Öppen fotbollsträning',
      description: 'Kom och spela fotboll, ingen anmälan och inga förkunskaper. Bollar och västar finns. Tränarna är ledare i IK Demo Fotboll.',
      targetGroup: 'unga',
      ageFrom: 10,
      ageTo: 16,
      languages: ['sv', 'en', 'so', 'ar'],
      placeIds: [placeId('Sätra idrottsplats')],
      times: [
        { weekday: 1, starts: '17:00', ends: '18:30' },
        { weekday: 3, starts: '17:00', ends: '18:30' },
      ],
      capacity: null,
      taken: 0,
      cost: 'gratis',
      howToRefer: 'Kom till idrottsplatsen en måndag eller onsdag. Ta med skor och vattenflaska.',
      contactLabel: 'IK Demo Fotboll, kansliet',
      contactPhone: '026-10 20 30',
      contactEmail: 'kansli@ikdemo.example',
      contactPerson: null,
      public: true,
    });
    await add('foreningsnyckelperson', -20, '18:20', {
      providerOrganisationId: ids.forening,
      kind: 'mentorskap',
      title: 'Mentorprogrammet i IK Demo Fotboll',
      description: 'En vuxen mentor från föreningen träffar en ung person varannan vecka under ett år: träning, läxor, samtal. Mentorerna är granskade och utbildade.',
      targetGroup: 'unga',
      ageFrom: 12,
      ageTo: 18,
      languages: ['sv', 'en', 'ar'],
      placeIds: [placeId('Kulturhuset Föreningslokal (demo)')],
      times: [],
      capacity: 8,
      taken: 6,
      cost: 'gratis',
      howToRefer: 'Hänvisas via SSPF-planen eller socialtjänsten. Den unga och vårdnadshavarna träffar föreningen först.',
      contactLabel: 'IK Demo Fotboll, mentorsansvarig',
      contactPhone: '026-10 20 31',
      contactEmail: 'mentor@ikdemo.example',
      contactPerson: 'Nora Nyckelperson (demo)',
      public: true,
    });
    await add('mvc_bvc', -18, '10:00', {
      providerOrganisationId: ids.halso_sjukvard,
      kind: 'foraldraprogram',
      title: 'ABC – Alla barn i centrum',
      description: 'Fyra träffar för föräldrar till barn 3–12 år om vardagen, lek och att sätta gränser med värme. I grupp med andra föräldrar.',
      targetGroup: 'foraldrar',
      ageFrom: 3,
      ageTo: 12,
      languages: ['sv', 'ar', 'so', 'fa'],
      placeIds: [placeId('Stadsbiblioteket (demo)')],
      times: [{ weekday: 2, starts: '18:00', ends: '20:00' }],
      capacity: 12,
      taken: 9,
      cost: 'gratis',
      howToRefer: 'Anmäl dig själv till BVC eller be någon du träffar (skola, socialtjänst) att hänvisa dig. Tolk finns.',
      contactLabel: 'BVC Demo, föräldrastöd',
      contactPhone: '026-15 50 00',
      contactEmail: 'foraldrastod@bvc-demo.example',
      contactPerson: null,
      public: true,
    });
    await add('mvc_bvc', -18, '10:15', {
      providerOrganisationId: ids.halso_sjukvard,
      kind: 'utokade_hembesok',
      title: 'Utökade hembesök för förstagångsföräldrar',
      description: 'BVC-sjuksköterska och föräldrarådgivare från socialtjänsten gör sex hembesök under barnets första 15 månader.',
      targetGroup: 'foraldrar',
      ageFrom: 0,
      ageTo: 1,
      languages: ['sv', 'ar', 'so'],
      placeIds: [],
      times: [],
      capacity: 20,
      taken: 20,
      cost: 'gratis',
      howToRefer: 'BVC erbjuder hembesöken till familjer i Andersberg och Sätra. Andra hänvisar till BVC.',
      contactLabel: 'BVC Demo',
      contactPhone: '026-15 50 00',
      contactEmail: null,
      contactPerson: 'Berit BVC-sköterska (demo)',
      public: false,
    });
    await add('naringsidkare', -15, '08:30', {
      providerOrganisationId: ids.naringsliv,
      kind: 'feriejobb_praktik',
      title: 'Feriejobb i bageriet',
      description: 'Tre veckors feriejobb i sommar: baka, packa och stå i butiken. Lön enligt kommunens feriejobb.',
      targetGroup: 'unga',
      ageFrom: 16,
      ageTo: 18,
      languages: ['sv', 'en'],
      placeIds: [placeId('Gallerian Nian')],
      times: [
        { weekday: 1, starts: '07:00', ends: '12:00' },
        { weekday: 2, starts: '07:00', ends: '12:00' },
        { weekday: 3, starts: '07:00', ends: '12:00' },
        { weekday: 4, starts: '07:00', ends: '12:00' },
        { weekday: 5, starts: '07:00', ends: '12:00' },
      ],
      capacity: 4,
      taken: 1,
      cost: 'Lön: kommunens feriejobbslön',
      howToRefer: 'Sök via kommunens feriejobb, eller hänvisas via SSPF-planen.',
      contactLabel: 'Demobageriet, butiken',
      contactPhone: '026-12 34 56',
      contactEmail: 'jobb@demobageriet.example',
      contactPerson: null,
      public: true,
      // The summer: the prova-på week at the Christmas holiday is arranged through the referral, not here.
      ...comingSummer(driver.today),
    });
    await add('fritidsledare', -14, '15:30', {
      providerOrganisationId: ids.fritid,
      kind: 'oppen_verksamhet',
      title: 'Öppen kväll på fritidsgården',
      description: 'Spel, pingis, musikstudio, fika och läxhjälp. Fritidsledarna finns på plats. Fredagar öppet till 23.',
      targetGroup: 'unga',
      ageFrom: 13,
      ageTo: 17,
      languages: ['sv', 'en', 'ar', 'so', 'fa'],
      placeIds: [placeId('Fritidsgården Kvarnen (demo)'), placeId('Fritidsgården Sätra (demo)')],
      times: [
        { weekday: 2, starts: '15:00', ends: '21:00' },
        { weekday: 4, starts: '15:00', ends: '21:00' },
        { weekday: 5, starts: '18:00', ends: '23:00' },
      ],
      capacity: null,
      taken: 0,
      cost: 'gratis',
      howToRefer: 'Kom förbi, ingen anmälan.',
      contactLabel: 'Fritidsgårdarnas reception',
      contactPhone: '026-17 80 00',
      contactEmail: 'fritidsgardar@kommun-demo.example',
      contactPerson: 'Fia Fritidsledare (demo)',
      public: true,
    });
  },
};

/** June 15 to August 14 of the coming summer, seen from the demo's today (this summer while it lasts). */
export function comingSummer(today: string): { availableFrom: string; availableUntil: string } {
  const year = Number(today.slice(0, 4)) + (today.slice(5) > '08-14' ? 1 : 0);
  return { availableFrom: `${year}-06-15`, availableUntil: `${year}-08-14` };
}
