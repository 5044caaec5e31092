/**
 * Synthetic core-cohort files for tests and the benchmark. Every name and identifier is invented
 * (UK name pools and check-character-correct PNCs from libs/identity's synthetic generators).
 */
import { SeededRandom } from '../../../identity/src/testing/seeded-random';
import { syntheticCrn, syntheticPnc } from '../../../identity/src/testing/synthetic-identifiers';
import { NAME_POOLS } from '../../../identity/src/testing/uk-name-pools';

export interface CohortPerson {
  readonly crn: string;
  readonly pnc: string;
  readonly forenames: string;
  readonly surname: string;
  readonly dateOfBirth: string;
  readonly postcode: string;
  ogrs: number;
  ovp: number;
  robbery: boolean;
}

export const COHORT_HEADER = [
  'CRN',
  'PNC',
  'Forenames',
  'Surname',
  'Date of birth',
  'Postcode',
  'OGRS 2-year',
  'OVP 2-year',
  'Robbery/burglary in last 2 years',
  'Index offence',
  'Sentence',
  'Status',
];

const OFFENCES = ['Burglary (dwelling)', 'Robbery', 'Theft from person', 'Vehicle crime', 'Possession with intent'];
const SENTENCES = ['Community order', 'Suspended sentence order', 'Licence', 'Post-sentence supervision'];
const STATUSES = ['licence', 'community order', 'custody', 'breach/wanted'];

export class SyntheticCohort {
  private readonly random: SeededRandom;
  private readonly crns = new Set<string>();
  private readonly pncs = new Set<string>();

  constructor(seed: string | number = 'iom-cohort') {
    this.random = new SeededRandom(seed);
  }

  person(): CohortPerson {
    const r = this.random;
    const pool = NAME_POOLS[r.int(0, NAME_POOLS.length - 1)] ?? NAME_POOLS[0];
    if (pool === undefined) throw new Error('no name pools');
    const male = r.chance(0.85);
    const forenames = male ? r.pickCommon(pool.male) : r.pickCommon(pool.female);
    let crn = syntheticCrn(r);
    while (this.crns.has(crn)) crn = syntheticCrn(r);
    this.crns.add(crn);
    const year = r.int(1965, 2004);
    // One PNC per person: a PNC shared by two people is a data error the resolver refuses.
    let pnc = syntheticPnc(r, year + 16);
    while (this.pncs.has(pnc)) pnc = syntheticPnc(r, year + 16);
    this.pncs.add(pnc);
    const pad = (n: number): string => String(n).padStart(2, '0');
    return {
      crn,
      pnc,
      forenames,
      surname: r.pickCommon(pool.surnames),
      dateOfBirth: `${year}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
      postcode: `N${r.int(1, 22)} ${r.int(1, 9)}${'ABDEFGHJLNPQRSTUWXYZ'.charAt(r.int(0, 19))}${'ABDEFGHJLNPQRSTUWXYZ'.charAt(r.int(0, 19))}`,
      ogrs: r.int(30, 99),
      ovp: r.int(10, 70),
      robbery: r.chance(0.35),
    };
  }

  people(count: number): CohortPerson[] {
    return Array.from({ length: count }, () => this.person());
  }

  /** Next month: some leave, some join, some are re-assessed. */
  churn(people: readonly CohortPerson[], share = 0.05): CohortPerson[] {
    const r = this.random;
    const stay = people.filter(() => !r.chance(share));
    for (const person of stay) {
      if (r.chance(share)) person.ogrs = r.int(30, 99);
    }
    return [...stay.map((p) => ({ ...p })), ...this.people(Math.round(people.length * share))];
  }

  cells(person: CohortPerson): string[] {
    const r = this.random;
    return [
      person.crn,
      person.pnc,
      person.forenames,
      person.surname,
      person.dateOfBirth.split('-').reverse().join('/'),
      person.postcode,
      `${person.ogrs}%`,
      String(person.ovp),
      person.robbery ? 'Y' : 'N',
      OFFENCES[r.int(0, OFFENCES.length - 1)] ?? '',
      SENTENCES[r.int(0, SENTENCES.length - 1)] ?? '',
      STATUSES[r.int(0, STATUSES.length - 1)] ?? '',
    ];
  }

  /** A row with one of the mistakes a bad row can have (a score, flag, date or CRN). */
  spoil(cells: string[]): string[] {
    const spoilt = [...cells];
    switch (this.random.int(0, 4)) {
      case 0:
        spoilt[6] = 'high';
        break;
      case 1:
        spoilt[8] = 'maybe';
        break;
      case 2:
        spoilt[4] = '31/02/1990';
        break;
      case 3:
        spoilt[0] = 'ABC';
        break;
      default:
        spoilt[7] = '130';
    }
    return spoilt;
  }

  /** The file: header plus one row per person, `badShare` of them spoilt. */
  csv(people: readonly CohortPerson[], badShare = 0): string {
    const rows = people.map((p) => {
      const cells = this.cells(p);
      return badShare > 0 && this.random.chance(badShare) ? this.spoil(cells) : cells;
    });
    return [COHORT_HEADER, ...rows].map((row) => row.map(quote).join(',')).join('\n') + '\n';
  }
}

const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
