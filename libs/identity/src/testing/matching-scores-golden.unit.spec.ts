import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PersonCandidate } from '../domain/matching/match-result';
import type { PersonAlias, PersonRecord } from '../domain/matching/person-record';
import { PersonMatcher } from '../domain/matching/person-matcher';
import { SeededRandom } from './seeded-random';
import { generateSyntheticPeople } from './synthetic-people';

/**
 * Matching is sped up by changing how the work is done, never what it decides. This golden was
 * written by the matcher before the speed work (alias comparisons done afresh for every record
 * compared) and holds, for 400 seeded synthetic referrals, many of them with 1 to 20 aliases and
 * compared with records that carry aliases too: the decision, the person, the three strongest
 * candidates with their scores, levels, guards and outcomes written out, and a digest of every
 * candidate's. Any change to a score, a level or a decision shows here as the referral it changed.
 *
 * To write it afresh (only for a change meant to alter scores): `WRITE_MATCHING_GOLDEN=1 npx jest
 * libs/identity/src/testing/matching-scores-golden`.
 */
const GOLDEN = join(__dirname, 'matching-scores.golden.txt');
const ALIAS_COUNTS = [1, 3, 5, 10, 20];

function goldenReferrals(): { indexed: [PersonRecord, string][]; queries: PersonRecord[] } {
  const random = new SeededRandom('matching-golden');
  const generated = generateSyntheticPeople({ seed: 'matching-golden', records: 3_000 });
  const forenames = generated.map(({ record }) => record.forenames);
  const surnames = generated.map(({ record }) => record.surname);
  // Aliases drawn from the names of the index itself, so they meet other records' names and aliases.
  const alias = (): PersonAlias => {
    const shape = random.next();
    let forename = random.pick(forenames);
    if (random.chance(0.15)) forename = `${forename}${random.chance(0.5) ? '-' : ' '}${random.pick(forenames)}`;
    if (shape < 0.2) return { forenames: forename };
    if (shape < 0.35) return { surname: random.pick(surnames) };
    return { forenames: forename, surname: random.pick(surnames) };
  };
  const withAliases = (record: PersonRecord, count: number): PersonRecord => ({
    ...record,
    aliases: [...(record.aliases ?? []), ...Array.from({ length: count }, alias)],
  });
  const indexed: [PersonRecord, string][] = generated
    .slice(0, 2_600)
    .map(({ record, truthId }, i) => [i % 4 === 0 ? withAliases(record, random.int(1, 3)) : record, truthId]);
  const queries = generated.slice(2_600).map(({ record }, i): PersonRecord => {
    if (i % 25 === 0) return { ...withAliases(record, 3), forenames: '' };
    if (i % 25 === 1) return { ...withAliases(record, 3), surname: '' };
    return i % 2 === 0 ? withAliases(record, ALIAS_COUNTS[(i / 2) % ALIAS_COUNTS.length] ?? 1) : record;
  });
  // Records already indexed, matched again (an edited referral must not meet itself).
  for (let i = 0; i < 40; i++) queries.push((indexed[i * 60] as [PersonRecord, string])[0]);
  return { indexed, queries };
}

const described = (candidate: PersonCandidate): string =>
  [
    candidate.personId,
    candidate.recordId,
    String(candidate.score),
    String(candidate.bestRecordScore),
    candidate.outcome,
    candidate.identifierAgreement ? 'id' : '-',
    candidate.guards.join('+') || '-',
    Object.values(candidate.levels).join(','),
  ].join(' ');

function goldenLines(): string[] {
  const { indexed, queries } = goldenReferrals();
  const matcher = new PersonMatcher(undefined, { maxCandidates: 100_000 });
  for (const [record, personId] of indexed) matcher.add(record, personId);
  return queries.map((query) => {
    const result = matcher.match(query);
    const all = result.candidates.map(described);
    const digest = createHash('sha256').update(all.join('\n')).digest('hex').slice(0, 16);
    const head = `${query.recordId} ${result.decision} ${result.personId ?? '-'} left-out ${result.blocksLeftOut ?? 0}`;
    return [`${head} candidates ${all.length} ${digest}`, ...all.slice(0, 3).map((line) => `  ${line}`)].join('\n');
  });
}

describe('matching scores, levels and decisions on seeded synthetic referrals with aliases', () => {
  const lines = goldenLines();

  if (process.env['WRITE_MATCHING_GOLDEN'] === '1') writeFileSync(GOLDEN, `${lines.join('\n')}\n`);

  it('are exactly those the matcher gave before its speed work', () => {
    const golden = readFileSync(GOLDEN, 'utf8')
      .trimEnd()
      .split(/\n(?! )/);
    expect(lines).toHaveLength(golden.length);
    const differing = lines.map((now, i) => ({ now, was: golden[i] })).filter(({ now, was }) => now !== was);
    expect(differing).toEqual([]);
  });

  it('cover referrals with many aliases, links, reviews and new people', () => {
    const decisions = lines.map((line) => line.split(' ')[1]);
    for (const decision of ['link', 'review', 'new']) expect(decisions).toContain(decision);
    expect(lines.filter((line) => /[ ,]alias\b/.test(line)).length).toBeGreaterThan(10);
  });
});
