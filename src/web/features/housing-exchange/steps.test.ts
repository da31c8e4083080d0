import { describe, expect, it } from 'vitest';
import type { MatchStatus } from '../../../shared/housing-exchange';
import { MATCH_STEPS, nextStepFor, stepsDone } from './steps';

const match = (side: 'sender' | 'receiver', status: MatchStatus, extra: { waitingForUs?: boolean; followUpDue?: string | null } = {}) => ({
  side,
  status,
  sealed: { sentByUs: false, waitingForUs: extra.waitingForUs ?? false, openedAt: null },
  followUpDue: extra.followUpDue ?? null,
});

describe('the step a match waits for from this side (Väntar på dig)', () => {
  it('follows propose → accept (receiver) → confirm (sender) → date and move (either) → follow-up (sender, when due)', () => {
    expect(nextStepFor(match('receiver', 'foreslagen'), '2026-12-07')).toBe('accept');
    expect(nextStepFor(match('sender', 'foreslagen'), '2026-12-07')).toBeNull();
    expect(nextStepFor(match('sender', 'accepterad'), '2026-12-07')).toBe('confirm');
    expect(nextStepFor(match('receiver', 'accepterad'), '2026-12-07')).toBeNull();
    expect(nextStepFor(match('receiver', 'bekraftad'), '2026-12-07')).toBe('schedule');
    expect(nextStepFor(match('sender', 'flytt_planerad'), '2026-12-07')).toBe('moved');
    expect(nextStepFor(match('sender', 'flyttad', { followUpDue: '2026-12-08' }), '2026-12-07')).toBeNull();
    expect(nextStepFor(match('sender', 'flyttad', { followUpDue: '2026-12-07' }), '2026-12-07')).toBe('followUp');
    expect(nextStepFor(match('receiver', 'flyttad', { followUpDue: '2026-12-01' }), '2026-12-07')).toBeNull();
    for (const closed of ['avbojd', 'aterkallad', 'uppfoljd'] as const) expect(nextStepFor(match('sender', closed), '2026-12-07')).toBeNull();
  });

  it('puts an unopened sealed message first, whatever the status', () => {
    expect(nextStepFor(match('sender', 'flytt_planerad', { waitingForUs: true }), '2026-12-07')).toBe('sealed');
  });

  it('counts the steps done: confirmation opens the contacts too, a follow-up ends the list', () => {
    expect(stepsDone('foreslagen')).toBe(1);
    expect(stepsDone('accepterad')).toBe(2);
    expect(MATCH_STEPS.slice(0, stepsDone('bekraftad'))).toEqual(['proposed', 'accepted', 'confirmed', 'contacts']);
    expect(stepsDone('uppfoljd')).toBe(MATCH_STEPS.length);
    expect(stepsDone('avbojd')).toBe(0);
  });
});
