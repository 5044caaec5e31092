/**
 * Feeds synthetic referrals one at a time through the wired-in resolver (matcher + key claims +
 * events on a real SQLite log) and reports throughput and what was decided:
 *
 *   npx ts-node --transpile-only libs/identity/src/testing/resolver-throughput.ts [records]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { MatchingPersonResolver } from '../../../case-lifecycle/src/application/person-resolution/matching-person-resolver';
import type { ReferredPerson } from '../../../case-lifecycle/src/application/person-resolution/person-resolver';
import { generateSyntheticPeople } from './synthetic-people';

const context = (): CommandContext => ({
  actor: { id: 'bench', name: 'Bench', agency: 'Bench', roles: ['coordinator'] },
  correlationId: randomUUID(),
  causationId: 'bench',
  occurredAt: '2024-01-01T00:00:00.000Z',
  now: '2024-01-01T00:00:00.000Z',
  eventId: () => randomUUID(),
});

export async function measureResolver(records: number) {
  const dir = mkdtempSync(join(tmpdir(), 'resolver-bench-'));
  const store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  try {
    const resolver = new MatchingPersonResolver(store);
    const people = generateSyntheticPeople({ records, seed: 'resolver-bench' });
    const truthOfPerson = new Map<string, string>();
    let links = 0;
    let correctLinks = 0;
    const started = process.hrtime.bigint();
    let resolvedRecords = 0;
    for (const { truthId, record } of people) {
      // A referral always carries a date of birth (the form requires it).
      if (record.dateOfBirth === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(record.dateOfBirth)) continue;
      resolvedRecords++;
      const ids = record.identifiers ?? {};
      const referred: ReferredPerson = {
        forenames: record.forenames,
        surname: record.surname,
        dateOfBirth: record.dateOfBirth,
        // A previous surname alone is referred as the full name it was used with.
        aliases: (record.aliases ?? []).map((a) => `${a.forenames ?? record.forenames} ${a.surname ?? record.surname}`),
        ...(record.sex === undefined ? {} : { sex: record.sex === 'unknown' ? 'not-known' : record.sex }),
        ...(record.postcode === undefined ? {} : { postcode: record.postcode }),
        ...(record.address === undefined ? {} : { address: record.address }),
        identifiers: {
          ...(ids.pnc === undefined ? {} : { pnc: ids.pnc }),
          ...(ids.cro === undefined ? {} : { cro: ids.cro }),
          ...(ids.nhsNumber === undefined ? {} : { nhsNumber: ids.nhsNumber }),
          ...(ids.noms === undefined ? {} : { noms: ids.noms }),
          ...(ids.crn === undefined ? {} : { crn: ids.crn }),
        },
      };
      const resolved = await resolver.resolve(referred, context());
      if (resolved.registered) truthOfPerson.set(resolved.personId, truthId);
      else {
        links++;
        if (truthOfPerson.get(resolved.personId) === truthId) correctLinks++;
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const proposals = (await store.readAll({ maxCount: 10_000_000 })).filter((e) => e.type === 'match-proposed').length;
    return {
      records: resolvedRecords,
      seconds: Math.round(seconds * 10) / 10,
      perSecond: Math.round(resolvedRecords / seconds),
      people: truthOfPerson.size,
      links,
      linkPrecisionAgainstFirstRecord: links === 0 ? 1 : correctLinks / links,
      proposals,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const records = Number(process.argv[2] ?? 5000);
  void measureResolver(records).then((result) => console.log(JSON.stringify(result, null, 2)));
}
