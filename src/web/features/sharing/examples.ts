import type { SharingFormInput } from './form-schema';
import { EMPTY_QUESTION, FULL_CONSENT } from './form-schema';

/** One-click questions practitioners ask most; their text is in sharing.json under `examples.<id>`. */
export const EXAMPLE_QUESTIONS = [
  {
    id: 'schoolToPolice',
    question: { ...EMPTY_QUESTION, from: { type: 'skola', isAuthority: true }, to: { type: 'polis', isAuthority: true }, personAge: '15', category: 'skola', purpose: 'forebygga_brott' },
  },
  {
    id: 'socialToPolice',
    question: {
      ...EMPTY_QUESTION,
      from: { type: 'socialtjanst', isAuthority: true },
      to: { type: 'polis', isAuthority: true },
      personAge: '17',
      category: 'socialtjanst',
      purpose: 'forebygga_brott',
      riskOfCrime: true,
      canPrevent: true,
    },
  },
  {
    id: 'associationCrime',
    question: { ...EMPTY_QUESTION, ...FULL_CONSENT, from: { type: 'polis', isAuthority: true }, to: { type: 'forening', isAuthority: false }, personAge: '16', category: 'polis', purpose: 'sspf_samverkan' },
  },
  {
    id: 'guardiansOnly16',
    question: { ...EMPTY_QUESTION, ...FULL_CONSENT, youngPersonConsented: false, from: { type: 'skola', isAuthority: true }, to: { type: 'fritid', isAuthority: true }, personAge: '16', category: 'skola', purpose: 'sspf_samverkan' },
  },
] as const satisfies readonly { id: string; question: SharingFormInput }[];
export type ExampleId = (typeof EXAMPLE_QUESTIONS)[number]['id'];
