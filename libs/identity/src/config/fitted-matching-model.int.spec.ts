import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitMatchingModel } from '../../../../scripts/fit-matching-model';
import { MatchingPersonResolver } from '../../../case-lifecycle/src/application/person-resolution/matching-person-resolver';
import type { ReferredPerson } from '../../../case-lifecycle/src/application/person-resolution/person-resolver';
import { freshContext } from '../../../case-lifecycle/src/application/person-resolution/testing/fresh-context';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { loadConfig } from '../../../platform/src/config/app-config';
import type { MatchingModel } from '../domain/matching/model/matching-model';
import { matchingModelFile } from './configured-matching-model';
import { febrlCsv } from './testing/febrl-csv';

/** Referred twice: the second time with her surname mistyped. */
const marguerite: ReferredPerson = {
  forenames: 'Marguerite',
  surname: 'Oyelaran',
  dateOfBirth: '1986-11-02',
  sex: 'female',
  postcode: 'SE15 4QN',
};

describe('a model fitted by matching:fit, deployed through MATCHING_MODEL_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitted-model-'));
  const stores: EventStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Marguerite referred twice: both resolutions, and the types of the events written. */
  const referredTwice = async (model?: MatchingModel) => {
    const store = SqliteEventStore.inDataDir(mkdtempSync(join(dir, 'store-')), { synchronous: 'NORMAL' });
    stores.push(store);
    const resolver = new MatchingPersonResolver(store, undefined, model);
    const first = await resolver.resolve(marguerite, freshContext());
    const second = await resolver.resolve({ ...marguerite, surname: 'Oyelarn' }, freshContext());
    const written = await store.readAll();
    return { first, second, types: written.map((event) => event.type) };
  };

  it('is written, loaded through the configuration and decides with its own thresholds', async () => {
    const input = join(dir, 'people.csv');
    writeFileSync(input, febrlCsv(2_000));
    const fitted = fitMatchingModel({ input, id: 'north-area', version: 2, linkThreshold: 60, reviewThreshold: 0 });
    const file = join(dir, 'north-area.json');
    writeFileSync(file, JSON.stringify(matchingModelFile(fitted), null, 2));

    const configured = loadConfig({ MATCHING_MODEL_FILE: file }).matchingModel;
    expect(configured).toEqual(fitted);
    expect(configured).toMatchObject({ id: 'north-area', version: 2, model: { linkThreshold: 60 } });

    const builtIn = await referredTwice();
    expect(builtIn.second).toMatchObject({ personId: builtIn.first.personId, registered: false });
    expect(builtIn.types).toContain('person-record-linked');

    const strict = await referredTwice(configured?.model);
    expect(strict.second).toMatchObject({ registered: true });
    expect(strict.second.personId).not.toBe(strict.first.personId);
    expect(strict.types).toContain('match-proposed');
    expect(strict.types).not.toContain('person-record-linked');
  });
});
