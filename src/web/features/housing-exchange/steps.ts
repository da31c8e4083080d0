import type { ExchangeMatch, MatchStatus } from '../../../shared/housing-exchange';

/** Today in Sweden, as YYYY-MM-DD (the server's dates are Swedish calendar days). */
export function swedishToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The step a match waits for from this side, or null when it waits for the partner (or for nobody). */
export type NextStep = 'accept' | 'confirm' | 'schedule' | 'moved' | 'followUp' | 'sealed';
export function nextStepFor(match: Pick<ExchangeMatch, 'side' | 'status' | 'sealed' | 'followUpDue'>, today: string): NextStep | null {
  if (match.sealed.waitingForUs) return 'sealed';
  const { side, status } = match;
  if (status === 'foreslagen') return side === 'receiver' ? 'accept' : null;
  if (status === 'accepterad') return side === 'sender' ? 'confirm' : null;
  if (status === 'bekraftad') return 'schedule';
  if (status === 'flytt_planerad') return 'moved';
  if (status === 'flyttad' && side === 'sender' && match.followUpDue && match.followUpDue <= today) return 'followUp';
  return null;
}

const ORDER: readonly MatchStatus[] = ['foreslagen', 'accepterad', 'bekraftad', 'flytt_planerad', 'flyttad', 'uppfoljd'];
export const MATCH_STEPS = ['proposed', 'accepted', 'confirmed', 'contacts', 'scheduled', 'moved', 'followedUp'] as const;
/** How many of STEPS a status has reached (confirmation also opens the contacts). */
export function stepsDone(status: MatchStatus): number {
  const at = ORDER.indexOf(status);
  if (at < 0) return 0;
  return at >= 2 ? at + 2 : at + 1;
}

