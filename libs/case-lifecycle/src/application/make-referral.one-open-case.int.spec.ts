import { ServiceUnavailableException } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { coordinatorContext } from '../../../command-handling/src/testing/coordinator-context';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import type { MakeReferralDto } from '../http/dto/referral.dto';
import type { Rejection } from '../../../command-handling/src/rejections';
import { MakeReferralCommand, type ReferralOutcome } from './make-referral.command';
import { MakeReferralHandler } from './make-referral.handler';
import { DeterministicPersonResolver } from './person-resolution/deterministic-person-resolver';
import { ReferralHistory } from './referral-history';
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
const ROUNDS = 12;

const nominal = (n: number) =>
  person({ forenames: 'Ambrose', surname: `Kettleby${'x'.repeat(n)}`, dateOfBirth: '1989-09-09', sex: 'male' });
const referralOf = (subject: ReturnType<typeof person>, panel: 'IOM' | 'MAPPA' = 'IOM') => {
  const iom = iomReferral({}, { referredAt: '2026-11-20T10:00:00Z', person: subject });
  return (panel === 'IOM' ? iom : { ...iom, panel, iom: undefined }) as unknown as MakeReferralDto;
};

/**
 * The same log, as a busy process writes to it: a case 40 ms after it is asked for. `noted` is
 * told when a referral note has been appended, so a test can send the other process's referral
 * into the gap between the note and its case.
 */
const slowToOpenCases = (store: EventStore, noted: { next?: () => void }): EventStore =>
  new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'append' || typeof value !== 'function') {
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return async (...args: Parameters<EventStore['append']>) => {
        if (args[0].startsWith('case-')) await new Promise((resolve) => setTimeout(resolve, 40));
        const result = await target.append(...args);
        if (args[0].startsWith('personreferrals-')) noted.next?.();
        return result;
      };
    },
  });

/**
 * Two API processes on one log: each has its own handler (its own turns), so only the store's
 * expected-revision guard on the person's referral notes stands between two referrals of one
 * nominal sent to both at once.
 */
describe('one open IOM case per person, across processes (real SQLite log)', () => {
  let dir: string;
  let store: EventStore;
  let fast: MakeReferralHandler;
  let slow: MakeReferralHandler;
  const noted: { next?: () => void } = {};
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'one-open-case-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
    fast = new MakeReferralHandler(store, new DeterministicPersonResolver(store));
    const slowLog = slowToOpenCases(store, noted);
    slow = new MakeReferralHandler(slowLog, new DeterministicPersonResolver(slowLog));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const refer = (handler: MakeReferralHandler, body: MakeReferralDto, now = NOW) =>
    handler.execute(new MakeReferralCommand(body, coordinator, coordinatorContext(now)));
  /** A refusal's rule: a Rejection's, or the 503 body's while another referral is being recorded. */
  const ruleOf = (reason: unknown): string | undefined =>
    reason instanceof ServiceUnavailableException
      ? (reason.getResponse() as { rule?: string }).rule
      : (reason as Rejection).rule;
  const iomCasesOf = async (personId: string) =>
    (await store.readAll({})).filter(
      (e) =>
        e.type === 'referral-made' &&
        (e.data as { panelCode: string; personId: string }).panelCode === 'IOM' &&
        (e.data as { personId: string }).personId === personId,
    );

  it('opens one case when two processes refer the same nominal at once; the others are refused', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const body = referralOf(nominal(round));
      const settled = await Promise.allSettled([refer(slow, body), refer(fast, body), refer(fast, body)]);
      const made = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const refused = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
      expect({ round, made: made.length, refused: refused.length }).toEqual({ round, made: 1, refused: 2 });
      // Refused naming the case once it is written, or told to retry while it is being written.
      for (const reason of refused) {
        expect(['one-open-case-per-person', 'referral-being-recorded']).toContain(ruleOf(reason));
      }
      const [winner] = made as [ReferralOutcome];
      expect(
        refused
          .filter((r) => ruleOf(r) === 'one-open-case-per-person')
          .every((r) => (r as Rejection).message.includes(winner.caseId)),
      ).toBe(true);
      expect((await iomCasesOf(winner.personId)).map((e) => e.stream)).toEqual([`case-${winner.caseId}`]);
    }
  }, 60_000);

  it('refuses a referral sent to another process while the first has noted its case and not yet written it', async () => {
    const body = referralOf(nominal(20));
    const first = new Promise<void>((resolve) => (noted.next = resolve));
    const writing = refer(slow, body);
    await first;
    noted.next = undefined;
    const second = await refer(fast, body).then(
      (outcome) => outcome,
      (error: unknown) => error,
    );
    const made = await writing;
    // 503, not a 409 naming a case that may never be written (its referral may have died).
    expect(second).toBeInstanceOf(ServiceUnavailableException);
    expect(ruleOf(second)).toBe('referral-being-recorded');
    // Sent again once the first has written its case: refused naming it.
    await expect(refer(fast, body)).rejects.toMatchObject({
      rule: 'one-open-case-per-person',
      message: expect.stringContaining(made.caseId),
    });
    expect((await iomCasesOf(made.personId)).map((e) => e.stream)).toEqual([`case-${made.caseId}`]);
  });

  it('counts a case another process has just noted and not yet opened, and sets aside one noted long ago', async () => {
    const handler = fast;
    const { personId } = await refer(handler, referralOf(nominal(40), 'MAPPA'));
    const history = new ReferralHistory(store);
    const noteAt = async (at: string) => {
      const caseId = randomUUID();
      const { revision } = await history.read(personId);
      await history.note(personId, { caseId, panelCode: 'IOM', referredAt: at }, revision, coordinatorContext(at));
      return caseId;
    };

    // Noted long before now with no case: a referral that died between its note and its case.
    await noteAt('2026-11-24T12:50:00.000Z');
    // Noted a moment ago by a referral still writing its case.
    const inFlight = await noteAt('2026-11-24T12:59:59.000Z');
    const told = await refer(handler, referralOf(nominal(40))).catch((error: unknown) => error);
    expect(ruleOf(told)).toBe('referral-being-recorded');
    expect(JSON.stringify((told as ServiceUnavailableException).getResponse())).not.toContain(inFlight);
    expect(await iomCasesOf(personId)).toEqual([]);

    // A minute later that note, too, is taken for a referral that never opened its case.
    const made = await refer(handler, referralOf(nominal(40)), '2026-11-24T13:01:00.000Z');
    expect(made.personId).toBe(personId);
  });
});
