import type { CaseCommand } from '../commands/case-commands';
import { on, rejectionFrom } from '../testing/case-fixtures';
import { requireRecordedByNow } from './recorded-by-now';

/** The server's clock when the command arrives; device clocks up to five minutes ahead are tolerated. */
const NOW = '2026-11-24T10:00:00Z';

const status = (occurredAt: string) => on('change-case-status', { status: 'custody', occurredAt });
const rating = (occurredAt: string) => on('rate-risk', { rating: 'red', occurredAt });
const level = (occurredAt: string) => on('record-engagement', { level: 'active-engagement-and-change', occurredAt });

describe('a case fact is recorded once it has happened', () => {
  it.each([
    ['a status', status, 'case-status-not-in-future'],
    ['a RAG rating', rating, 'risk-rating-not-in-future'],
    ['an engagement level', level, 'engagement-not-in-future'],
    ['an accept', (occurredAt: string) => on('accept-referral', { occurredAt }), 'decision-not-in-future'],
    [
      'a decline',
      (occurredAt: string) => on('decline-referral', { reason: 'Below threshold', occurredAt }),
      'decision-not-in-future',
    ],
  ] as const)('refuses %s dated after now, naming occurredAt and the rule', (_, command, rule) => {
    for (const at of ['2031-01-01T00:00:00Z', '2026-11-24T10:05:01Z']) {
      const refused = rejectionFrom(() => requireRecordedByNow(command(at), NOW));
      expect({ kind: refused.kind, details: refused.details }).toEqual({
        kind: 'invalid',
        details: [expect.objectContaining({ field: 'occurredAt', rule })],
      });
    }
    expect(() => requireRecordedByNow(command('2026-11-24T10:05:00Z'), NOW)).not.toThrow();
    expect(() => requireRecordedByNow(command('2019-01-01T00:00:00Z'), NOW)).not.toThrow();
  });

  it('bounds an action by the meeting that agreed it, or as agreed outside one', () => {
    const future = '2031-01-01T00:00:00Z';
    const action = { actionId: 'a-1', description: 'Synthetic', ownerAgency: 'police', dueBy: '2031-02-01' };
    expect(
      rejectionFrom(() =>
        requireRecordedByNow(on('agree-action', { ...action, meetingId: 'm-1', occurredAt: future }), NOW),
      ).rule,
    ).toBe('meeting-held-not-in-future');
    expect(
      rejectionFrom(() => requireRecordedByNow(on('agree-action', { ...action, occurredAt: future }), NOW)).rule,
    ).toBe('action-not-in-future');
  });

  it('leaves a malformed instant to the decider, which names it', () => {
    const command: CaseCommand = status('next tuesday');
    expect(() => requireRecordedByNow(command, NOW)).not.toThrow();
  });
});
