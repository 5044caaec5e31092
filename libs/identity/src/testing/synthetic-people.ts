import type { IdentifierKind } from '../domain/identifiers';
import type { PersonAlias, PersonRecord } from '../domain/matching/person-record';
import { KNOWN_AS_VARIANTS } from './known-as-variants';
import { SeededRandom } from './seeded-random';
import { movedAddress, retypeAddress, syntheticAddress, type SyntheticAddress } from './synthetic-addresses';
import {
  mistypeIdentifier,
  syntheticCrn,
  syntheticCro,
  syntheticNhsNumber,
  syntheticNoms,
  syntheticPnc,
} from './synthetic-identifiers';
import { typo } from './typos';
import { NAME_POOLS, type NamePool } from './uk-name-pools';

/** A generated record and the person it truly belongs to. */
export interface SyntheticPersonRecord {
  readonly truthId: string;
  readonly record: PersonRecord;
  /** The distortions applied to this record (for error analysis), e.g. `nickname`, `moved`. */
  readonly distortions: readonly string[];
  /** For a twin, sibling or same-name parent: the person they are the relative of. */
  readonly relativeOf?: string;
}

export interface SyntheticPeopleOptions {
  readonly seed?: string | number;
  /** Number of records to produce (default 20,000). */
  readonly records?: number;
  readonly recordIdPrefix?: string;
}

type Sex = 'male' | 'female';

interface TruePerson {
  readonly truthId: string;
  readonly pool: NamePool;
  readonly sex: Sex;
  readonly forename: string;
  readonly middleName?: string;
  readonly surname: string;
  readonly previousSurname?: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly addresses: readonly SyntheticAddress[];
  readonly identifiers: Partial<Record<IdentifierKind, string>>;
  readonly kind: 'person' | 'twin' | 'sibling' | 'same-name-parent';
  readonly relativeOf?: string;
}

/** Share of people known to each agency, and how often a referral quotes the identifier when known. */
const IDENTIFIER_RATES: Readonly<Record<IdentifierKind, { readonly held: number; readonly quoted: number }>> = {
  pnc: { held: 0.5, quoted: 0.45 },
  cro: { held: 0.2, quoted: 0.3 },
  nhsNumber: { held: 0.6, quoted: 0.45 },
  noms: { held: 0.15, quoted: 0.4 },
  crn: { held: 0.3, quoted: 0.45 },
};

/** How many records one person has: most are referred once, a few again and again. */
const RECORDS_PER_PERSON = [0.55, 0.22, 0.11, 0.06, 0.03, 0.015, 0.01, 0.005];

const pad = (n: number): string => String(n).padStart(2, '0');
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

function pickPool(random: SeededRandom): NamePool {
  let r = random.next() * NAME_POOLS.reduce((total, pool) => total + pool.weight, 0);
  for (const pool of NAME_POOLS) if ((r -= pool.weight) < 0) return pool;
  return NAME_POOLS[0] as NamePool;
}

const forenameFrom = (random: SeededRandom, pool: NamePool, sex: Sex): string =>
  random.pickCommon(sex === 'male' ? pool.male : pool.female);

class PeopleFactory {
  private next = 0;
  constructor(private readonly random: SeededRandom) {}

  private truthId(): string {
    return `T${++this.next}`;
  }

  /** Identifiers are issued once: a value drawn twice is drawn again. */
  private readonly issued = new Set<string>();

  private issue(make: () => string): string {
    for (;;) {
      const value = make();
      if (!this.issued.has(value)) {
        this.issued.add(value);
        return value;
      }
    }
  }

  private identifiers(year: number): Partial<Record<IdentifierKind, string>> {
    const random = this.random;
    const firstContact = Math.min(2024, year + random.int(12, 30));
    const held: Partial<Record<IdentifierKind, string>> = {};
    if (random.chance(IDENTIFIER_RATES.pnc.held)) held.pnc = this.issue(() => syntheticPnc(random, firstContact));
    if (random.chance(IDENTIFIER_RATES.cro.held)) held.cro = this.issue(() => syntheticCro(random, firstContact));
    if (random.chance(IDENTIFIER_RATES.nhsNumber.held)) held.nhsNumber = this.issue(() => syntheticNhsNumber(random));
    if (random.chance(IDENTIFIER_RATES.noms.held)) held.noms = this.issue(() => syntheticNoms(random));
    if (random.chance(IDENTIFIER_RATES.crn.held)) held.crn = this.issue(() => syntheticCrn(random));
    return held;
  }

  person(): TruePerson {
    const random = this.random;
    const pool = pickPool(random);
    const surnamePool = random.chance(0.06) ? pickPool(random) : pool;
    const sex: Sex = random.chance(0.55) ? 'male' : 'female';
    // Referral ages lean young (10-40) but run to 75.
    const year = 2013 - Math.floor(63 * random.next() ** 1.6);
    const month = random.int(1, 12);
    const day = random.int(1, daysIn(year, month));
    let forename = forenameFrom(random, pool, sex);
    let middleName: string | undefined = random.chance(0.25) ? forenameFrom(random, pool, sex) : undefined;
    // Many British Muslim men carry Mohammed first and are known by their second name.
    if (
      sex === 'male' &&
      (pool.heritage === 'south-asian' || pool.heritage === 'arab-and-other') &&
      random.chance(0.2)
    ) {
      middleName = forename === 'Mohammed' ? forenameFrom(random, pool, sex) : forename;
      forename = 'Mohammed';
    }
    const surname = random.pickCommon(surnamePool.surnames);
    const previousSurname =
      sex === 'female' && year < 2000 && random.chance(0.12) ? random.pickCommon(surnamePool.surnames) : undefined;
    const first = syntheticAddress(random);
    const addresses = [first];
    for (let moves = random.chance(0.35) ? random.int(1, 2) : 0; moves > 0; moves--) {
      addresses.push(movedAddress(random, addresses[addresses.length - 1] ?? first));
    }
    return {
      truthId: this.truthId(),
      pool,
      sex,
      forename,
      ...(middleName === undefined || middleName === forename ? {} : { middleName }),
      surname,
      ...(previousSurname === undefined || previousSurname === surname ? {} : { previousSurname }),
      year,
      month,
      day,
      addresses,
      identifiers: this.identifiers(year),
      kind: 'person',
    };
  }

  /** Different people who share almost everything: the hard negatives a matcher must keep apart. */
  relative(of: TruePerson, kind: 'twin' | 'sibling' | 'same-name-parent'): TruePerson {
    const random = this.random;
    const sex: Sex =
      kind === 'same-name-parent' ? of.sex : random.chance(0.5) ? of.sex : of.sex === 'male' ? 'female' : 'male';
    let forename = of.forename;
    if (kind !== 'same-name-parent') {
      for (
        let tries = 0;
        tries < 20 && (forename === of.forename || forename.charAt(0) === of.forename.charAt(0));
        tries++
      ) {
        forename = forenameFrom(random, of.pool, sex);
      }
    }
    let { year, month, day } = of;
    if (kind === 'sibling') {
      year = of.year + (random.chance(0.5) ? 1 : -1) * random.int(1, 8);
      month = random.int(1, 12);
      day = random.int(1, daysIn(year, month));
    } else if (kind === 'same-name-parent') {
      year = of.year - random.int(19, 35);
      day = Math.min(day, daysIn(year, month));
      month = random.int(1, 12);
      day = Math.min(day, daysIn(year, month));
    }
    return {
      truthId: this.truthId(),
      pool: of.pool,
      sex,
      forename,
      surname: of.surname,
      year,
      month,
      day,
      addresses: [of.addresses[0] ?? syntheticAddress(random)],
      identifiers: this.identifiers(year),
      kind,
      relativeOf: of.truthId,
    };
  }
}

function distortedDateOfBirth(random: SeededRandom, person: TruePerson, distortions: string[]): string | undefined {
  const { year, month, day } = person;
  const roll = random.next();
  if (roll < 0.015) {
    distortions.push('dob-missing');
    return undefined;
  }
  if (roll < 0.045 && day <= 12 && day !== month) {
    distortions.push('dob-day-month-swapped');
    return `${year}-${pad(day)}-${pad(month)}`;
  }
  if (roll < 0.085) {
    for (let tries = 0; tries < 10; tries++) {
      const digits = `${year}${pad(month)}${pad(day)}`;
      const at = random.int(2, 7);
      const changed = digits.slice(0, at) + String(random.int(0, 9)) + digits.slice(at + 1);
      const y = Number(changed.slice(0, 4));
      const m = Number(changed.slice(4, 6));
      const d = Number(changed.slice(6, 8));
      if (changed !== digits && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)) {
        distortions.push('dob-one-digit');
        return `${y}-${pad(m)}-${pad(d)}`;
      }
    }
  }
  if (roll < 0.095) {
    distortions.push('dob-estimated');
    return `${year + (random.chance(0.5) ? 1 : -1)}-01-01`;
  }
  return `${year}-${pad(month)}-${pad(day)}`;
}

function distortedForename(random: SeededRandom, person: TruePerson, distortions: string[]): string {
  let forename = person.forename;
  if (person.middleName !== undefined && forename === 'Mohammed' && random.chance(0.35)) {
    distortions.push('known-by-second-name');
    return person.middleName;
  }
  const variants = KNOWN_AS_VARIANTS[forename];
  if (variants !== undefined && random.chance(0.18)) {
    forename = random.pick(variants);
    distortions.push('nickname');
  }
  if (random.chance(0.05)) {
    forename = typo(random, forename);
    distortions.push('forename-typo');
  }
  if (person.middleName !== undefined && random.chance(0.35)) {
    forename = `${forename} ${person.middleName}`;
    distortions.push('middle-name');
  }
  return forename;
}

function distortedRecord(random: SeededRandom, person: TruePerson, recordId: string): SyntheticPersonRecord {
  const distortions: string[] = [];
  let forenames = distortedForename(random, person, distortions);
  let surname = person.surname;
  const aliases: PersonAlias[] = [];
  if (person.previousSurname !== undefined && random.chance(0.4)) {
    surname = person.previousSurname;
    distortions.push('previous-surname');
  }
  if (random.chance(0.05)) {
    surname = typo(random, surname);
    distortions.push('surname-typo');
  }
  if (random.chance(0.08)) {
    if (person.previousSurname !== undefined) {
      aliases.push({ surname: surname === person.surname ? person.previousSurname : person.surname });
    } else if (KNOWN_AS_VARIANTS[person.forename] !== undefined) {
      aliases.push({ forenames: random.pick(KNOWN_AS_VARIANTS[person.forename] ?? []) });
    } else {
      // A street name given to police: noise that must not make the record match anyone else.
      aliases.push({
        forenames: forenameFrom(random, person.pool, person.sex),
        surname: random.pickCommon(person.pool.surnames),
      });
    }
    distortions.push('alias');
  }
  if (random.chance(0.03)) {
    [forenames, surname] = [surname, forenames];
    distortions.push('names-swapped');
  }
  const dateOfBirth = distortedDateOfBirth(random, person, distortions);
  const addressIndex = random.int(0, person.addresses.length - 1);
  const home = person.addresses[addressIndex] ?? person.addresses[0];
  if (addressIndex > 0) distortions.push('moved');
  let postcode: string | undefined = home?.postcode;
  if (random.chance(0.05)) {
    postcode = undefined;
    distortions.push('postcode-missing');
  } else if (postcode !== undefined && random.chance(0.02)) {
    postcode = postcode.slice(0, -1) + (postcode.endsWith('X') ? 'Y' : 'X');
    distortions.push('postcode-typo');
  } else if (postcode !== undefined && random.chance(0.3)) {
    postcode = random.chance(0.5) ? postcode.replace(' ', '') : postcode.toLowerCase();
  }
  const address = home === undefined || random.chance(0.1) ? undefined : retypeAddress(random, home.address);
  const identifiers: Partial<Record<IdentifierKind, string>> = {};
  for (const [kind, value] of Object.entries(person.identifiers) as [IdentifierKind, string][]) {
    if (!random.chance(IDENTIFIER_RATES[kind].quoted)) continue;
    if (random.chance(0.01)) {
      identifiers[kind] = mistypeIdentifier(random, value, kind === 'nhsNumber' ? 3 : 0);
      distortions.push(`${kind}-mistyped`);
    } else identifiers[kind] = value;
  }
  const sex = random.chance(0.05) ? undefined : person.sex;
  return {
    truthId: person.truthId,
    distortions: person.kind === 'person' ? distortions : [person.kind, ...distortions],
    ...(person.relativeOf === undefined ? {} : { relativeOf: person.relativeOf }),
    record: {
      recordId,
      forenames,
      surname,
      ...(aliases.length > 0 ? { aliases } : {}),
      ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
      ...(sex === undefined ? {} : { sex }),
      ...(postcode === undefined ? {} : { postcode }),
      ...(address === undefined ? {} : { address }),
      identifiers,
    },
  };
}

function recordCount(random: SeededRandom): number {
  let roll = random.next();
  for (let i = 0; i < RECORDS_PER_PERSON.length; i++) if ((roll -= RECORDS_PER_PERSON[i] ?? 0) < 0) return i + 1;
  return 1;
}

/**
 * Synthetic UK-style referral records with known truth: people referred one or more times,
 * their records distorted the way multi-agency data is (nicknames, transliterations, aliases,
 * swapped names, typos, day/month swaps, one-digit date errors, house moves, missing and
 * mistyped identifiers), plus twins, siblings and same-name parents living at the same address
 * (different people). Returned in a random arrival order. Same seed, same records.
 */
export function generateSyntheticPeople(options: SyntheticPeopleOptions = {}): SyntheticPersonRecord[] {
  const random = new SeededRandom(options.seed ?? 'synthetic-people');
  const target = options.records ?? 20_000;
  const prefix = options.recordIdPrefix ?? 'R';
  const factory = new PeopleFactory(random);
  const records: SyntheticPersonRecord[] = [];
  const emit = (person: TruePerson): void => {
    for (let n = recordCount(random); n > 0; n--)
      records.push(distortedRecord(random, person, `${prefix}${records.length + 1}`));
  };
  while (records.length < target) {
    const person = factory.person();
    emit(person);
    const roll = random.next();
    if (roll < 0.02) emit(factory.relative(person, 'twin'));
    else if (roll < 0.05) emit(factory.relative(person, 'sibling'));
    else if (roll < 0.06) emit(factory.relative(person, 'same-name-parent'));
  }
  return random.shuffle(records.slice(0, target));
}
