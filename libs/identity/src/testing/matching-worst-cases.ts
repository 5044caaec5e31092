import { performance } from 'node:perf_hooks';
import type { PersonAlias, PersonRecord } from '../domain/matching/person-record';
import type { PersonMatcher } from '../domain/matching/person-matcher';
import { summarise, type LatencySummary } from './latency-summary';
import { SeededRandom } from './seeded-random';
import { NAME_POOLS, type NamePool } from './uk-name-pools';

/**
 * The costliest single matches (review s15-match, finding 5): a very common name born on
 * 1 January (the usual placeholder for a date of birth known only by year), alone or with 3 to 20
 * aliases (the API takes up to 20). Random synthetic queries almost never look like this, so the
 * latency figure of random queries hid them. Synthetic names and addresses only.
 */

const KHAN_FORENAMES = ['Mohammed', 'Muhammad', 'Mohammad', 'Mohamed', 'Md', 'Mohd', 'Mohammed Imran', 'Muhammad Asif'];
const KHAN_POSTCODES = [
  'B11 1AA',
  'B11 4RT',
  'B12 9QP',
  'B8 1HG',
  'BD8 7DJ',
  'BD3 9LH',
  'E1 2AB',
  'E7 8QA',
  'E13 9PN',
  'E6 1HW',
];
const COMMON_MEN = ['John', 'David', 'Michael', 'James', 'Mohammed', 'Daniel', 'Paul', 'Mark'];
const COMMON_WOMEN = ['Sarah', 'Ayesha', 'Fatima', 'Emma', 'Laura', 'Amina', 'Lisa', 'Claire'];
const COMMON_SURNAMES = ['Smith', 'Jones', 'Khan', 'Begum', 'Ali', 'Hussain', 'Patel', 'Taylor', 'Brown', 'Williams'];
export const ALIAS_COUNTS = [3, 5, 10, 20] as const;

const birthYear = (random: SeededRandom): number => random.int(1960, 2005);
const anyDate = (random: SeededRandom): string =>
  `${birthYear(random)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;

/**
 * The crowd that makes those names costly, scaled to the index (at 200,000 people: 2,000 men
 * named Mohammed Khan or a spelling of it in ten postcodes, 30% of them born on 1 January, and
 * 10,000 people with the commonest names born on 1 January). Returns the records added.
 */
export function addCommonNameCrowd(matcher: PersonMatcher, indexedPeople: number, seed: string): number {
  const random = new SeededRandom(`${seed}-crowd`);
  const khans = Math.round(indexedPeople / 100);
  const commonNames = Math.round(indexedPeople / 20);
  for (let i = 0; i < khans; i++) {
    const id = `worst-khan-${i}`;
    const dateOfBirth = random.chance(0.3) ? `${birthYear(random)}-01-01` : anyDate(random);
    matcher.add(
      {
        recordId: id,
        forenames: random.pick(KHAN_FORENAMES),
        surname: 'Khan',
        sex: 'male',
        dateOfBirth,
        postcode: random.pick(KHAN_POSTCODES),
        address: `${random.int(1, 200)} Stratford Road`,
      },
      id,
    );
  }
  for (let i = 0; i < commonNames; i++) {
    const id = `worst-common-${i}`;
    const sex = random.chance(0.5) ? 'male' : 'female';
    matcher.add(
      {
        recordId: id,
        forenames: random.pick(sex === 'male' ? COMMON_MEN : COMMON_WOMEN),
        surname: random.pick(COMMON_SURNAMES),
        sex,
        dateOfBirth: `${birthYear(random)}-01-01`,
        postcode: `E${random.int(1, 18)} ${random.int(1, 9)}AA`,
      },
      id,
    );
  }
  return khans + commonNames;
}

function pickPool(random: SeededRandom): NamePool {
  let roll = random.next() * NAME_POOLS.reduce((total, pool) => total + pool.weight, 0);
  for (const pool of NAME_POOLS) if ((roll -= pool.weight) < 0) return pool;
  return NAME_POOLS[0] as NamePool;
}

/** Aliases as police record them: full names, drawn as often as the index's own names are. */
function commonAliases(random: SeededRandom, count: number): PersonAlias[] {
  return Array.from({ length: count }, () => {
    const pool = pickPool(random);
    return { forenames: random.pickCommon(pool.male), surname: random.pickCommon(pool.surnames) };
  });
}

export interface WorstCase {
  readonly name: string;
  readonly records: readonly PersonRecord[];
}

/** The worst-case rows, `perCase` queries each; same seed, same queries. */
export function worstCaseQueries(perCase: number, seed: string): WorstCase[] {
  const random = new SeededRandom(`${seed}-worst-cases`);
  const queries = (name: string, make: (i: number) => Omit<PersonRecord, 'recordId'>): WorstCase => ({
    name,
    records: Array.from({ length: perCase }, (_, i) => ({ recordId: `query-${name}-${i}`, ...make(i) })),
  });
  const khan = (aliases: number) => (): Omit<PersonRecord, 'recordId'> => ({
    forenames: 'Mohammed',
    surname: 'Khan',
    sex: 'male',
    dateOfBirth: `${birthYear(random)}-01-01`,
    postcode: random.pick(KHAN_POSTCODES),
    ...(aliases === 0 ? {} : { aliases: commonAliases(random, aliases) }),
  });
  const commonName = (forenames: string, surname: string, sex: 'male' | 'female') => () => ({
    forenames,
    surname,
    sex,
    dateOfBirth: `${birthYear(random)}-01-01`,
    postcode: `E${random.int(1, 18)} ${random.int(1, 9)}AA`,
  });
  return [
    queries('Mohammed Khan, 1 January, a Khan postcode', khan(0)),
    queries('John Smith, 1 January', commonName('John', 'Smith', 'male')),
    queries('Ayesha Begum, 1 January', commonName('Ayesha', 'Begum', 'female')),
    ...ALIAS_COUNTS.map((aliases) => queries(`Mohammed Khan, 1 January, ${aliases} aliases`, khan(aliases))),
  ];
}

export interface WorstCaseFigures {
  readonly name: string;
  readonly queries: number;
  /** Records the blocking found for one query. */
  readonly candidates: LatencySummary;
  /** Records scored for one query: every record of each person found. */
  readonly compared: LatencySummary;
  /** Milliseconds per match, wall clock, and the process's CPU time (less sensitive to a busy machine). */
  readonly latencyMs: LatencySummary;
  readonly cpuMs: LatencySummary;
  /** Queries for which the candidate budget left blocks out. */
  readonly budgetCutIn: number;
}

/** Times each worst case against the matcher as it stands (nothing is indexed). */
export function measureWorstCases(matcher: PersonMatcher, cases: readonly WorstCase[]): WorstCaseFigures[] {
  return cases.map(({ name, records }) => {
    for (const record of records.slice(0, 10)) matcher.match(record); // warm-up for the JIT
    const candidates: number[] = [];
    const compared: number[] = [];
    const wall: number[] = [];
    const cpu: number[] = [];
    let budgetCutIn = 0;
    for (const record of records) {
      const reach = matcher.reach(record);
      candidates.push(reach.candidates);
      compared.push(reach.compared);
      if (reach.blocksLeftOut > 0) budgetCutIn++;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      matcher.match(record);
      wall.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
    }
    return {
      name,
      queries: records.length,
      candidates: summarise(candidates),
      compared: summarise(compared),
      latencyMs: summarise(wall),
      cpuMs: summarise(cpu),
      budgetCutIn,
    };
  });
}
