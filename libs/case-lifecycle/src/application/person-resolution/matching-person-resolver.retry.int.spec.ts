import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../../event-store/src/sqlite/sqlite-event-store';
import { MatchingPersonResolver, proposalIdFor } from './matching-person-resolver';
import { rowContext } from './testing/row-context';
import { crashingOnce } from './testing/store-faults';
import type { ReferredPerson } from './person-resolver';

// Synthetic: one man recorded by probation under two CRNs (the second CRN is the review band's).
const alfie = (crn: string): ReferredPerson => ({
  forenames: 'Alfie',
  surname: 'Ogrsalone',
  dateOfBirth: '1990-01-01',
  identifiers: { crn, pnc: '2005/0001001N' },
});

describe('matching person resolver: a job row in the review band (deterministic ids, real SQLite log)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let known: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resolver-retry-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
    known = (await new MatchingPersonResolver(store).resolve(alfie('A100001'), rowContext('2024-01/person/A100001')))
      .personId;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const proposalOf = async (personId: string) =>
    (await store.readStream(`personmatch-${proposalIdFor(known, personId)}`)).map((e) => e.type);
  const people = async () => (await store.readAll({})).filter((e) => e.type === 'person-registered').length;

  it('registers the person and puts the pair in the review queue', async () => {
    const resolved = await new MatchingPersonResolver(store).resolve(
      alfie('A100011'),
      rowContext('2024-02/person/A100011'),
    );
    expect(resolved).toMatchObject({ registered: true });
    expect(resolved.personId).not.toBe(known);
    expect(await proposalOf(resolved.personId)).toEqual(['match-proposed']);
  });

  it('a retried row writes nothing new and answers the same person', async () => {
    const first = await new MatchingPersonResolver(store).resolve(
      alfie('A100011'),
      rowContext('2024-02/person/A100011'),
    );
    const head = await store.headPosition();
    const retried = await new MatchingPersonResolver(store).resolve(
      alfie('A100011'),
      rowContext('2024-02/person/A100011'),
    );
    expect(retried).toMatchObject({ personId: first.personId, registered: true });
    expect(await store.headPosition()).toBe(head);
  });

  it('a row that died between registering and proposing completes the proposal on retry, with no second person', async () => {
    const dying = new MatchingPersonResolver(crashingOnce(store, (stream) => stream.startsWith('personmatch-')));
    await expect(dying.resolve(alfie('A100011'), rowContext('2024-02/person/A100011'))).rejects.toThrow('process died');
    expect(await people()).toBe(2);

    const retried = await new MatchingPersonResolver(store).resolve(
      alfie('A100011'),
      rowContext('2024-02/person/A100011'),
    );
    expect(await people()).toBe(2);
    expect(await proposalOf(retried.personId)).toEqual(['match-proposed']);
  });

  it('a row that died after claiming its key but before registering registers on retry, not waiting for itself', async () => {
    const dying = new MatchingPersonResolver(crashingOnce(store, (stream) => stream.startsWith('person-')));
    await expect(dying.resolve(alfie('A100011'), rowContext('2024-02/person/A100011'))).rejects.toThrow('process died');

    const retried = await new MatchingPersonResolver(store).resolve(
      alfie('A100011'),
      rowContext('2024-02/person/A100011'),
    );
    expect(retried.registered).toBe(true);
    expect(await people()).toBe(2);
    expect(await proposalOf(retried.personId)).toEqual(['match-proposed']);
  });

  it('a retried linking row writes nothing new', async () => {
    const first = await new MatchingPersonResolver(store).resolve(
      { ...alfie('A100001'), forenames: 'Alfy' },
      rowContext('2024-02/person/A100001'),
    );
    expect(first).toMatchObject({ personId: known, registered: false });
    const head = await store.headPosition();
    const retried = await new MatchingPersonResolver(store).resolve(
      { ...alfie('A100001'), forenames: 'Alfy' },
      rowContext('2024-02/person/A100001'),
    );
    expect(retried).toMatchObject({ personId: known, registered: false });
    expect(await store.headPosition()).toBe(head);
  });
});
