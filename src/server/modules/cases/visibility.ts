import { evaluateSharing } from '../../../shared/sharing-engine';
import { CASE_SECTIONS, type CaseSection, type SectionAccess } from '../../../shared/cases';
import type { ConsentState, InformationCategory } from '../../../shared/sharing';
import type { OrganisationType } from '../../../shared/organisations';

/**
 * Who sees what of a case (docs/CASE-ACCESS.md), pure: the route loads the facts, this decides.
 * Two walls: membership (checked by the policy) and, per section, the lawful-sharing engine asked
 * whether that kind of information may go from the organisation holding it to the viewer's.
 */

export interface Party {
  type: OrganisationType;
  isAuthority: boolean;
}

export interface Viewer {
  userId: string;
  organisationId: string;
  organisation: Party;
  isDirector: boolean;
}

export interface CaseFacts {
  owner: Party;
  personAge: number;
  protectedIdentity: boolean;
  /** The director's explicit decision to allow sharing despite protected identity. */
  sharingDecided: boolean;
  /** The date the questions are asked for (YYYY-MM-DD). */
  on: string;
}

export interface FactorFacts {
  id: string;
  category: InformationCategory;
  crimeData: boolean;
  sourceOrganisationId: string;
  source: Party;
}

export type ConsentLookup = (category: InformationCategory) => ConsentState;

export const DIRECTOR_BASIS = 'Ärendeansvarig koordinator';
export const OWN_INFORMATION_BASIS = 'Egen verksamhets uppgifter';
export const NOT_FOR_PRIVATE_BASIS = 'GDPR art. 10 / OSL: endast myndigheter i teamet';

const SECTION_CATEGORY: Record<CaseSection, InformationCategory> = {
  summary: 'samverkan',
  consent: 'samverkan',
  mapping_skola: 'skola',
  mapping_socialtjanst: 'socialtjanst',
  mapping_polis: 'polis',
  mapping_fritid: 'fritid',
  mapping_halsa: 'halsa',
  plan: 'samverkan',
  actions_own: 'samverkan',
  meetings: 'samverkan',
};

/** Each mapping category's natural holder: whom the section as a whole is judged as coming from. */
const NATURAL_HOLDER: Record<Exclude<InformationCategory, 'samverkan'>, Party> = {
  skola: { type: 'skola', isAuthority: true },
  socialtjanst: { type: 'socialtjanst', isAuthority: true },
  polis: { type: 'polis', isAuthority: true },
  fritid: { type: 'fritid', isAuthority: true },
  halsa: { type: 'halso_sjukvard', isAuthority: true },
};

/** The category an organisation's own records belong to, for "add a factor in your own category". */
export const ORGANISATION_CATEGORY: Partial<Record<OrganisationType, InformationCategory>> = {
  skola: 'skola',
  socialtjanst: 'socialtjanst',
  polis: 'polis',
  fritid: 'fritid',
  halso_sjukvard: 'halsa',
};

export const categoryOfSection = (section: CaseSection): InformationCategory => SECTION_CATEGORY[section];

/**
 * The case's own records, kept by the director's organisation. The director keeps seeing them after a
 * withdrawal or expiry (to follow up and close the case): withdrawal stops further sharing, it does not
 * take back what the owner already holds. Mapping stays with the organisations that recorded it.
 */
const CASE_RECORDS: readonly CaseSection[] = ['summary', 'consent', 'plan', 'actions_own', 'meetings'];

/** Sections an organisation that is not a public authority never sees, whatever the consent says. */
const AUTHORITIES_ONLY: readonly CaseSection[] = ['plan', 'meetings', 'consent'];

export interface CaseVisibility {
  sections: SectionAccess[];
  visible(section: CaseSection): boolean;
  /** Whether one factor's note may be shown to the viewer. */
  factorVisible(factor: FactorFacts): boolean;
  /** Sections or own factors the viewer sees at all (0 → the case answers 404 for them). */
  visibleCount: number;
}

export function caseVisibility(viewer: Viewer, facts: CaseFacts, consentFor: ConsentLookup, factors: readonly FactorFacts[]): CaseVisibility {
  const ask = (from: Party, category: InformationCategory, crimeData = false) =>
    evaluateSharing({
      from: { type: from.type, isAuthority: from.isAuthority },
      to: { type: viewer.organisation.type, isAuthority: viewer.organisation.isAuthority },
      personAge: Math.max(0, facts.personAge),
      category,
      purpose: 'sspf_samverkan',
      consent: consentFor(category),
      crimeData,
      protectedIdentity: facts.protectedIdentity,
      // The director decides on sharing for a protected person; nobody else is shared with before it.
      coordinatorDecision: facts.sharingDecided || viewer.isDirector,
      on: facts.on,
    });

  const engineAllows = new Map<CaseSection, boolean>();
  const sections = CASE_SECTIONS.map((section): SectionAccess => {
    const category = SECTION_CATEGORY[section];
    const consentState = consentFor(category);
    if (viewer.isDirector && CASE_RECORDS.includes(section)) {
      engineAllows.set(section, true);
      return {
        section,
        visible: true,
        consentState,
        basis: DIRECTOR_BASIS,
        explanationSv: 'Du är ärendeansvarig koordinator: översikten, samtycket, planen och mötena är ärendets egna handlingar, som du för.',
        explanationEn: 'You are the responsible coordinator: the summary, consent, plan and meetings are the case’s own records, which you keep.',
      };
    }
    if (!viewer.organisation.isAuthority && AUTHORITIES_ONLY.includes(section)) {
      engineAllows.set(section, false);
      return {
        section,
        visible: false,
        consentState,
        basis: NOT_FOR_PRIVATE_BASIS,
        explanationSv: 'Planen, mötena och samtycket delas bara med myndigheterna i teamet. Du ser de insatser du själv ansvarar för.',
        explanationEn: 'The plan, the meetings and the consent are shared only with the public authorities on the team. You see the actions you are responsible for.',
      };
    }
    const from = category === 'samverkan' ? facts.owner : NATURAL_HOLDER[category];
    const answer = ask(from, category);
    engineAllows.set(section, answer.allowed);
    if (!answer.allowed && category !== 'samverkan' && factors.some((factor) => factor.category === category && factor.sourceOrganisationId === viewer.organisationId)) {
      return {
        section,
        visible: true,
        consentState,
        basis: OWN_INFORMATION_BASIS,
        explanationSv: 'Du ser bara de uppgifter din egen verksamhet har antecknat.',
        explanationEn: 'You see only what your own organisation recorded.',
      };
    }
    return { section, visible: answer.allowed, consentState, basis: answer.basis, explanationSv: answer.explanationSv, explanationEn: answer.explanationEn };
  });

  // A member who may not see the collaboration itself sees nothing of it, not even what their own
  // organisation recorded: after a withdrawal the team is dissolved, and the case answers 404.
  const excluded = !viewer.isDirector && !sections.find((access) => access.section === 'summary')!.visible;
  const finalSections = excluded ? sections.map((access) => ({ ...access, visible: false })) : sections;
  const shown = new Set(finalSections.filter((access) => access.visible).map((access) => access.section));
  const factorVisible = (factor: FactorFacts) => {
    if (excluded) return false;
    if (factor.sourceOrganisationId === viewer.organisationId) return true;
    const section = `mapping_${factor.category}` as CaseSection;
    if (!engineAllows.get(section)) return false;
    return ask(factor.source, factor.category, factor.crimeData).allowed;
  };
  return { sections: finalSections, visible: (section) => shown.has(section), factorVisible, visibleCount: shown.size };
}
