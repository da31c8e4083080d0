import { eq } from 'drizzle-orm';
import { inContext } from '../../../db/context';
import { keyPerson } from '../../../db/schema';
import { DEFAULT_LEGAL_BASIS, type KeyPersonInput } from '../../../../shared/directory';
import type { OrganisationType } from '../../../../shared/organisations';
import type { DemoChapter } from './chapter';
import { later } from '../story-time';

/**
 * The partner directory (issue 15 §1): the coordinator records the key persons the collaboration
 * relies on, with work contacts only, and the organisationsnummer of the demo's association and
 * business. The numbers are fictional but pass the checksum (802499-0007 an ideell förening,
 * 559999-0008 an aktiebolag). The forums are names until forums exist in Samverka.
 */
export const DEMO_ORGANISATION_NUMBERS: Partial<Record<OrganisationType, string>> = { forening: '802499-0007', naringsliv: '559999-0008' };

type DemoKeyPerson = Omit<KeyPersonInput, 'organisationId' | 'legalBasis' | 'roleOther' | 'forums'> & { organisation: OrganisationType; roleOther?: string; forums?: string[] };

export const DEMO_KEY_PERSONS: readonly DemoKeyPerson[] = [
  { organisation: 'forening', name: 'Nora Nyckelperson (demo)', role: 'anmalningsansvarig', phone: '026-10 00 01', email: 'nora@ikdemo.example', forums: ['Trygghetsrådet Sätra'] },
  { organisation: 'skola', name: 'Rut Rektor (demo)', role: 'rektor', phone: '026-10 00 02', email: 'rut.rektor@demoskolan.example', forums: ['Rektorsgruppen i Gävle'] },
  { organisation: 'skola', name: 'Elin Elevhälsa (demo)', role: 'elevhalsa', phone: '026-10 00 03', email: 'elevhalsan@demoskolan.example' },
  { organisation: 'polis', name: 'Peter Kommunpolis (demo)', role: 'kommunpolis', phone: '010-100 00 04', email: 'kommunpolis.gavle@polisen.example', forums: ['EST-gruppen'] },
  { organisation: 'bostadsbolag', name: 'Tove Trygghetsvärd (demo)', role: 'trygghetsvard', phone: '026-10 00 05', email: null, forums: ['EST-gruppen', 'Trygghetsrådet Sätra'] },
  { organisation: 'naringsliv', name: 'Nils Näringsidkare (demo)', role: 'foretagare', phone: null, email: 'nils@demobageriet.example', forums: ['Trygghetsrådet Sätra'] },
  { organisation: 'halso_sjukvard', name: 'Berit BVC-sköterska (demo)', role: 'bvc_mvc', phone: '026-10 00 07', email: null },
  { organisation: 'fritid', name: 'Fia Fritidsledare (demo)', role: 'annan', roleOther: 'Föreståndare fritidsgård', phone: '026-10 00 08', email: 'fritidsgarden@gavle-demo.example' },
];

export const keyPersonsChapter: DemoChapter = {
  key: 'key-persons',
  async isTold(context) {
    const [found] = await inContext(context.database.db, { tenantId: context.tenantId, userId: null }, (tx) =>
      tx.select({ id: keyPerson.id }).from(keyPerson).where(eq(keyPerson.tenantId, context.tenantId)).limit(1),
    );
    return found !== undefined;
  },
  async tell(context) {
    const coordinator = (await context.driver()).as('koordinator');
    for (const [n, [type, organisationNumber]] of Object.entries(DEMO_ORGANISATION_NUMBERS).entries()) {
      await coordinator.on(-44, later('09:00', n)).put(`/api/directory/organisations/${context.organisationIds[type as OrganisationType]}/organisation-number`, { organisationNumber });
    }
    for (const [n, demo] of DEMO_KEY_PERSONS.entries()) {
      const { organisation, ...rest } = demo;
      await coordinator.on(-44, later('09:10', 2 * n)).post('/api/directory/key-persons', {
        ...rest,
        organisationId: context.organisationIds[organisation],
        roleOther: rest.roleOther ?? null,
        forums: rest.forums ?? [],
        legalBasis: DEFAULT_LEGAL_BASIS,
      } satisfies KeyPersonInput);
    }
  },
};
