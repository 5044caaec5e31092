import {
  BUILT_IN_MATCHING_MODEL,
  type ConfiguredMatchingModel,
} from '../../../../identity/src/config/configured-matching-model';
import { MatchingPersonResolver } from './matching-person-resolver';
import type { ReferredPerson } from './person-resolver';
import { adaeze } from './testing/adaeze';
import { freshContext } from './testing/fresh-context';
import { sqliteLogForEach } from './testing/sqlite-log-for-each';

// Synthetic: a perpetrator named on the form with a slip of the victim's own surname.
const victim = adaeze;
const slipOfHerName: ReferredPerson = { ...adaeze, surname: 'Fairwether' };
/**
 * Same name as the victim, born a digit apart, living elsewhere: only the review band under the
 * built-in model, so the form passes; a model linking it would leave the form nothing to tell them apart.
 */
const namesake: ReferredPerson = { ...adaeze, dateOfBirth: '1991-03-18', postcode: 'M1 1AE' };

/**
 * Synthetic: a couple who share a unisex forename and a surname at one home, born two and a half
 * years apart. The matcher links the two records (an exact name at one address years apart), but
 * the form gives two birth dates: it names two people.
 */
const jordan: ReferredPerson = {
  forenames: 'Jordan',
  surname: 'Okonkwo',
  dateOfBirth: '1990-04-12',
  sex: 'female',
  postcode: 'N17 6AB',
  address: '12 Elm Road',
};
/** As a MARAC form names a perpetrator: no sex given. */
const herPartner: ReferredPerson = {
  forenames: 'Jordan',
  surname: 'Okonkwo',
  dateOfBirth: '1987-09-30',
  postcode: 'N17 6AB',
  address: '12 Elm Road',
};

const withLinkThreshold = (linkThreshold: number): ConfiguredMatchingModel => ({
  id: `link-at-${linkThreshold}`,
  version: 1,
  model: { ...BUILT_IN_MATCHING_MODEL.model, linkThreshold, reviewThreshold: Math.min(0, linkThreshold) },
});

/**
 * The MARAC form check ("the perpetrator's details match the victim's own") asks the resolver's own
 * model, so the form is refused exactly when the resolver would link him to her record and nothing on
 * the form tells them apart.
 */
describe('matching person resolver: perpetrator could be the victim, under its own model', () => {
  const store = sqliteLogForEach('resolver-perpetrator');

  it('follows the built-in model when none is configured', () => {
    const resolver = new MatchingPersonResolver(store());
    expect(resolver.perpetratorCouldBeVictim(victim, slipOfHerName)).toBe(true);
    expect(resolver.perpetratorCouldBeVictim(victim, namesake)).toBe(false);
  });

  it('follows a configured model: no pair links under an unreachable threshold, a loose one links the namesake', () => {
    expect(
      new MatchingPersonResolver(store(), undefined, withLinkThreshold(1000)).perpetratorCouldBeVictim(
        victim,
        slipOfHerName,
      ),
    ).toBe(false);
    expect(
      new MatchingPersonResolver(store(), undefined, withLinkThreshold(-50)).perpetratorCouldBeVictim(victim, namesake),
    ).toBe(true);
  });

  it.each([
    ['the same birth date, sex left out', { dateOfBirth: jordan.dateOfBirth }],
    ['a birth date one digit from hers', { dateOfBirth: '1990-04-13' }],
    ['her birth date with day and month swapped', { dateOfBirth: '1990-12-04' }],
  ])('refuses her own name and home with %s', (_, change) => {
    const resolver = new MatchingPersonResolver(store());
    expect(resolver.perpetratorCouldBeVictim(jordan, { ...herPartner, ...change })).toBe(true);
  });

  it('lets through her own name and home with a birth date years from hers: the form names two people', () => {
    expect(new MatchingPersonResolver(store()).perpetratorCouldBeVictim(jordan, herPartner)).toBe(false);
  });
});

describe('matching person resolver: a record resolved apart from people it is known not to be', () => {
  const store = sqliteLogForEach('resolver-apart');
  const proposals = async () => (await store().readAll({})).filter((e) => e.type === 'match-proposed');

  it('registers her namesake partner as someone new, proposed against nobody, where he would otherwise join her', async () => {
    const resolver = new MatchingPersonResolver(store());
    const her = await resolver.resolve(jordan, freshContext());
    expect(await resolver.lookup(herPartner)).toBe(her.personId);

    const him = await resolver.resolve(herPartner, freshContext(), { keptApartFrom: her.personId });

    expect(him).toMatchObject({ registered: true });
    expect(him.personId).not.toBe(her.personId);
    expect(await proposals()).toEqual([]);
    // Named again on her next referral, he joins his own record, not hers.
    const again = await resolver.resolve(herPartner, freshContext(), { keptApartFrom: her.personId });
    expect(again).toMatchObject({ personId: him.personId, registered: false });
  });

  it('links him to his own record when one is held, whoever else he resembles', async () => {
    const resolver = new MatchingPersonResolver(store());
    const his = await resolver.resolve({ ...herPartner, sex: 'male' }, freshContext());
    const her = await resolver.resolve(jordan, freshContext());

    const named = await resolver.resolve(herPartner, freshContext(), { keptApartFrom: her.personId });

    expect(named).toMatchObject({ personId: his.personId, registered: false });
  });
});
