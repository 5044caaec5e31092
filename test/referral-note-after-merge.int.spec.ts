import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeterministicPersonResolver } from '../libs/case-lifecycle/src/application/person-resolution/deterministic-person-resolver';
import { MakeReferralCommand } from '../libs/case-lifecycle/src/application/make-referral.command';
import { MakeReferralHandler } from '../libs/case-lifecycle/src/application/make-referral.handler';
import type { MakeReferralDto } from '../libs/case-lifecycle/src/http/dto/referral.dto';
import type { CommandContext } from '../libs/command-handling/src/command-context';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { recordConfirmedMerge } from '../libs/identity/src/testing/confirmed-merge';
import type { Principal } from '../libs/platform/src/auth/principal';
import { maracReferral, person } from './support/referrals';

const coordinator: Principal = {
  id: 'u-marac',
  name: 'Synthetic Coordinator',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const context = (occurredAt: string): CommandContext => ({
  actor: { id: coordinator.id, name: coordinator.name, agency: coordinator.agency, roles: ['coordinator'] },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt,
  now: occurredAt,
  eventId: () => randomUUID(),
});

describe('a referral of a merged-away record (deterministic resolver, real SQLite log)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'referral-note-'));
  const store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  const handler = new MakeReferralHandler(store, new DeterministicPersonResolver(store));
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const refer = (referredAt: string, victim: Record<string, unknown>) =>
    handler.execute(
      new MakeReferralCommand(
        maracReferral({ referredAt, person: person(victim) }, { incidentAt: referredAt }) as unknown as MakeReferralDto,
        coordinator,
        context(referredAt),
      ),
    );
  const notes = async (personId: string) =>
    (await store.readStream(`personreferrals-${personId}`)).map((e) => (e.data as { referredAt: string }).referredAt);

  it('notes it on the survivor’s stream, where a concurrent referral of the survivor would meet it', async () => {
    const survivor = await refer('2024-01-10T09:00:00Z', { dateOfBirth: '1990-04-12' });
    // The same victim with her date of birth mistyped: a second person until a reviewer merges them.
    const mistyped = await refer('2024-02-12T09:00:00Z', { dateOfBirth: '1990-12-04' });
    expect(mistyped.personId).not.toBe(survivor.personId);
    const occurredAt = '2024-02-20T09:00:00Z';
    await recordConfirmedMerge(
      store,
      {
        survivorId: survivor.personId,
        mergedId: mistyped.personId,
        reason: 'Same victim, date of birth mistyped',
        occurredAt,
      },
      context(occurredAt),
    );

    // The deterministic resolver still answers with the merged-away id for the mistyped details.
    const third = await refer('2024-03-11T09:00:00Z', { dateOfBirth: '1990-12-04' });
    expect(third.personId).toBe(mistyped.personId);
    expect(third.repeat).toBe(true);
    expect(await notes(survivor.personId)).toEqual(['2024-01-10T09:00:00Z', '2024-03-11T09:00:00Z']);
    expect(await notes(mistyped.personId)).toEqual(['2024-02-12T09:00:00Z']);
  });
});
