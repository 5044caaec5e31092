import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { coordinatorContext } from '../../../command-handling/src/testing/coordinator-context';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import type { MakeReferralDto } from '../http/dto/referral.dto';
import { MakeReferralCommand } from './make-referral.command';
import { MakeReferralHandler } from './make-referral.handler';
import { DeterministicPersonResolver } from './person-resolution/deterministic-person-resolver';
import type { CaseNaming, PersonResolver, ReferredPerson } from './person-resolution/person-resolver';

const coordinator: Principal = {
  id: 'coordinator-1',
  name: 'Casey Coordinator',
  agency: 'Test',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const referredAt = '2024-05-02T09:00:00.000Z';
const victim = { forenames: 'Wren', surname: 'Quillfeather', dateOfBirth: '1990-02-03', postcode: 'E8 1AA' };
const perpetrator = { forenames: 'Rory', surname: 'Thistledown', dateOfBirth: '1986-07-08' };
const referral = {
  panel: 'MARAC',
  referredAt,
  referrer: { name: 'Synthetic Referrer', agency: 'Police' },
  reason: 'Synthetic incident',
  person: { ...victim, address: '1 Synthetic Refuge Row' },
  marac: {
    dashScore: 16,
    criteria: ['visible-high-risk'],
    incidentAt: '2024-05-01T22:00:00.000Z',
    consent: { given: true },
    perpetrator,
  },
} as unknown as MakeReferralDto;

/**
 * A resolver that, between the dry run and the write, takes the perpetrator for the victim whatever
 * `keptApartFrom` says (as when a review racing this referral merged her person with his): `lookup`
 * answers from before that, `resolve` after.
 */
class TakesHimForHer implements PersonResolver {
  private victimId: string | undefined;
  constructor(
    private readonly inner: PersonResolver,
    private readonly lookupSees: 'nobody' | 'her',
  ) {}
  perpetratorCouldBeVictim(victim: ReferredPerson, perpetrator: ReferredPerson) {
    return this.inner.perpetratorCouldBeVictim(victim, perpetrator);
  }
  async lookup(person: ReferredPerson) {
    if (person.surname !== perpetrator.surname) return this.inner.lookup(person);
    return this.lookupSees === 'her' ? this.victimId : undefined;
  }
  async resolve(person: ReferredPerson, context: CommandContext) {
    if (person.surname !== perpetrator.surname || this.victimId === undefined) {
      const resolved = await this.inner.resolve(person, context);
      this.victimId = resolved.personId;
      return resolved;
    }
    return { personId: this.victimId, registered: false };
  }
  idsStandingFor(personId: string) {
    return this.inner.idsStandingFor(personId);
  }
  casesOf(personId: string) {
    return this.inner.casesOf(personId);
  }
  beginCaseNaming(naming: CaseNaming, context: CommandContext) {
    return this.inner.beginCaseNaming(naming, context);
  }
}

describe('a perpetrator the resolver takes for the victim once her record is written (real SQLite log)', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'perpetrator-as-victim-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['nobody', 'her'] as const)(
    'opens her case with the perpetrator not known rather than refusing over her written record (lookup sees %s)',
    async (lookupSees) => {
      const people = new TakesHimForHer(new DeterministicPersonResolver(store), lookupSees);
      const handler = new MakeReferralHandler(store, people);
      const outcome = await handler.execute(
        new MakeReferralCommand(referral, coordinator, coordinatorContext(referredAt)),
      );
      expect(outcome.perpetratorPersonId).toBeUndefined();
      expect(outcome.notRecorded).toEqual([{ field: 'marac.perpetrator', rule: 'marac-perpetrator-not-victim' }]);
      const [made] = await store.readStream(`case-${outcome.caseId}`);
      expect(made?.type).toBe('referral-made');
      expect((made?.data as { details: { perpetrator: { personId: string } } }).details.perpetrator.personId).toBe(
        'not-known',
      );
    },
  );
});
