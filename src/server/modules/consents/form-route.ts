import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { requireSession } from '../../http/session';
import { withActor } from '../../http/request-scope';
import { consentIdParamsSchema } from '../../../shared/consents';
import type { InformationCategory } from '../../../shared/sharing';
import { consentCrypto } from './consent-crypto';
import { consentAudit } from './consent-record';
import { renderConsentForm } from './consent-form-pdf';
import { guardianNames, namesOf, partiesDay, personFactsFor } from './present-consent';
import { requiredParties, todayInSweden } from './consent-rules';
import { authorizedConsent } from './authorized-consent';

/** The printable consent form, generated from the consent's scope, for the parties to sign. */
export function registerConsentFormRoute(app: FastifyInstance, context: AppContext): void {
  const preHandler = requireSession(context.auth);
  const { database } = context;
  const crypto = consentCrypto(context.cipher);

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/consents/:id/form.pdf',
    { schema: { tags: ['consents'], summary: 'The consent form to print and sign (PDF)', params: consentIdParamsSchema }, preHandler },
    async (request, reply) => {
      const input = await withActor(database, request, async (scope) => {
        const { actor, tx } = scope;
        const { row, person } = await authorizedConsent(scope, request.params.id, 'printForm', 'consent.form.print');
        const guardians = await guardianNames(tx, actor, person);
        const facts = await personFactsFor(tx, person, guardians);
        const personName = `${person.firstName} ${person.lastName}`;
        const signers = requiredParties(facts, partiesDay(row, todayInSweden())).map((party) =>
          party.kind === 'young_person'
            ? { role: 'Den unga personen', name: personName }
            : { role: 'Vårdnadshavare', name: guardians.find((g) => g.id === party.guardianId)?.name ?? '' },
        );
        // Nobody recorded who could sign: leave a blank guardian line rather than a form without one.
        if (signers.length === 0) signers.push({ role: 'Vårdnadshavare', name: '' });
        const names = await namesOf(tx, actor.tenantId, row);
        await scope.audit(consentAudit('consent.form.print', row));
        return {
          tenantName: actor.tenantName,
          person: { name: personName, birthDate: person.birthDate },
          organisations: names.organisations.map((o) => o.name),
          users: names.users.map((u) => u.name),
          categories: row.categories as InformationCategory[],
          purpose: crypto.decrypt('consent.purpose', row.tenantId, row.id, row.purposeEncrypted),
          validFrom: row.validFrom,
          validTo: row.validTo,
          signers,
        };
      });
      const pdf = await renderConsentForm(input);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="samtycke-${request.params.id}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
}
