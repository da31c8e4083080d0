import type { CaseDetail } from '../../../shared/cases';
import { intlLocales } from '../../i18n/format';
import { isLanguage } from '../../i18n/language';

/**
 * Who loses the case when the consent is withdrawn: every team member but the director, whose
 * organisation keeps its own records (docs/CASE-ACCESS.md rules 2 and 6). From the team the page has.
 */
export function whoLosesAccess(detail: Pick<CaseDetail, 'members' | 'directorUserId'>): string[] {
  return [...new Set(detail.members.filter((member) => member.userId !== detail.directorUserId).map((member) => member.name))];
}

/** "Hanna, Sara, Fia och Mona" / "Hanna, Sara, Fia and Mona". */
export function listOfNames(names: readonly string[], language: string): string {
  return new Intl.ListFormat(intlLocales(isLanguage(language) ? language : 'sv'), { style: 'long', type: 'conjunction' }).format(names);
}
