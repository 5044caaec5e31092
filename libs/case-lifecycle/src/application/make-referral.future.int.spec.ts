import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coordinatorContext } from '../../../command-handling/src/testing/coordinator-context';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import type { MakeReferralDto } from '../http/dto/referral.dto';
import { MakeReferralCommand } from './make-referral.command';
import { MakeReferralHandler } from './make-referral.handler';
import { DeterministicPersonResolver } from './person-resolution/deterministic-person-resolver';
import { iomReferral, person } from '../../../../test/support/referrals';

/** Synthetic people and referrers only. */
const coordinator: Principal = {
  id: 'coordinator-1',
  name: 'Casey Coordinator',
  agency: 'Test',
  roles: ['coordinator'],
  panels: ['IOM', 'MAPPA'],
};
const NOW = '2026-11-24T13:00:00.000Z';
const HOURS_AHEAD_36 = '2026-11-26T01:00:00.000Z';
const MINUTES_AHEAD_4 = '2026-11-24T13:04:00.000Z';

const referralTo = (panel: 'IOM' | 'MAPPA', referredAt: string) => {
  const subject = person({ forenames: 'Peregrine', surname: `Aheadofday${panel}`, sex: 'male' });
  const iom = iomReferral({}, { referredAt, person: subject });
  return (panel === 'IOM' ? iom : { ...iom, panel, iom: undefined }) as unknown as MakeReferralDto;
};

describe('a referral to an IOM or generic panel dated ahead of the server clock (real SQLite log)', () => {
  let dir: string;
  let store: EventStore;
  let handler: MakeReferralHandler;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'referral-ahead-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
    handler = new MakeReferralHandler(store, new DeterministicPersonResolver(store));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const refer = (panel: 'IOM' | 'MAPPA', referredAt: string) =>
    handler.execute(new MakeReferralCommand(referralTo(panel, referredAt), coordinator, coordinatorContext(NOW)));

  it.each(['IOM', 'MAPPA'] as const)(
    'refuses a referral to %s dated a UK day ahead, naming referredAt, and writes nothing',
    async (panel) => {
      await expect(refer(panel, HOURS_AHEAD_36)).rejects.toMatchObject({
        kind: 'invalid',
        rule: 'referral-not-in-future',
        details: [{ field: 'referredAt', rule: 'referral-not-in-future' }],
      });
      expect(await store.readAll({})).toEqual([]);
    },
  );

  it.each(['IOM', 'MAPPA'] as const)('takes a referral to %s dated within the clock-skew allowance', async (panel) => {
    const outcome = await refer(panel, MINUTES_AHEAD_4);
    const [made] = await store.readStream(`case-${outcome.caseId}`);
    expect(made).toMatchObject({ type: 'referral-made', data: { occurredAt: MINUTES_AHEAD_4 } });
  });
});
