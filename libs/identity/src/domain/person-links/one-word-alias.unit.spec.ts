import type { PersonDetails } from '../../../../case-lifecycle/src/domain/events/person-events';
import { PersonMatcher } from '../matching';
import { BlockingIndex } from '../matching/blocking/blocking-index';
import { prepareRecord } from '../matching/prepared-record';
import { toPersonRecord } from './to-person-record';

/**
 * A one-word alias as a referral stores it (forenames the word, surname ""), review
 * s15-diff-cohort F2. In domestic-abuse work it is most often a maiden or former surname, and it
 * may be a street name: it is read both ways. Synthetic people.
 */
const details = (overrides: Partial<PersonDetails>): PersonDetails => ({
  forenames: 'Sarah',
  surname: 'Ahmed',
  aliases: [],
  dateOfBirth: '1985-03-02',
  sex: 'female',
  postcode: 'BD3 9QQ',
  identifiers: {},
  ...overrides,
});

const matchAgainst = (held: PersonDetails, incoming: PersonDetails) => {
  const matcher = new PersonMatcher();
  matcher.add(toPersonRecord('held', held), 'held-person');
  return matcher.match(toPersonRecord('incoming', incoming));
};

describe('a one-word alias', () => {
  const laterAsJones = details({ surname: 'Jones', postcode: 'LS8 2AB' });

  it('finds her under her recorded forenames with the word as surname (a maiden name)', () => {
    const held = details({ aliases: [{ forenames: 'Jones', surname: '' }] });
    expect(matchAgainst(details({}), laterAsJones).decision).toBe('new');
    expect(matchAgainst(held, laterAsJones)).toMatchObject({ decision: 'review', personId: 'held-person' });
    // As much as the alias written in full.
    const inFull = matchAgainst(details({ aliases: [{ forenames: 'Sarah', surname: 'Jones' }] }), laterAsJones);
    expect(matchAgainst(held, laterAsJones).candidates[0]?.score).toBe(inFull.candidates[0]?.score);
  });

  it('finds her when the later referral gives the word alone as her alias', () => {
    const later = details({ surname: 'Jones', postcode: 'LS8 2AB', aliases: [{ forenames: 'Ahmed', surname: '' }] });
    expect(matchAgainst(details({}), later)).toMatchObject({ decision: 'review', personId: 'held-person' });
  });

  it('still reads the word as a forename with the recorded surname (a street name)', () => {
    const marcus = details({ forenames: 'Marcus', surname: 'Brown', sex: 'male', dateOfBirth: '1994-10-03' });
    const held = { ...marcus, aliases: [{ forenames: 'Tiny', surname: '' }] };
    const later = { ...marcus, forenames: 'Tiny', postcode: 'N15 4QW' };
    expect(matchAgainst(marcus, later).candidates[0]?.levels.forename).toBe('else');
    expect(matchAgainst(held, later).candidates[0]?.levels.forename).toBe('alias');
  });

  it('is a blocking key both ways, so a name alone (no shared date, postcode or address) brings her up', () => {
    const index = new BlockingIndex();
    index.add(prepareRecord(toPersonRecord('held', details({ aliases: [{ forenames: 'Jones', surname: '' }] }))));
    const elsewhere = (forenames: string, surname: string): string[] =>
      index
        .candidates(
          prepareRecord(
            toPersonRecord('incoming', details({ forenames, surname, dateOfBirth: '1979-11-20', postcode: 'LS8 2AB' })),
          ),
        )
        .map((record) => record.recordId);
    expect(elsewhere('Sarah', 'Jones')).toEqual(['held']);
    expect(elsewhere('Jones', 'Ahmed')).toEqual(['held']);
    expect(elsewhere('Sarah', 'Brown')).toEqual([]);
  });
});
