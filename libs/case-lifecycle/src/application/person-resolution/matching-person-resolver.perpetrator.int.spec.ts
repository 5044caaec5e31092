import {
  BUILT_IN_MATCHING_MODEL,
  type ConfiguredMatchingModel,
} from '../../../../identity/src/config/configured-matching-model';
import { MatchingPersonResolver } from './matching-person-resolver';
import type { ReferredPerson } from './person-resolver';
import { adaeze } from './testing/adaeze';
import { sqliteLogForEach } from './testing/sqlite-log-for-each';

// Synthetic: a perpetrator named on the form with a slip of the victim's own surname.
const victim = adaeze;
const slipOfHerName: ReferredPerson = { ...adaeze, surname: 'Fairwether' };
/** Same name as the victim, born months apart, living elsewhere: another person under the built-in model. */
const namesake: ReferredPerson = { ...adaeze, dateOfBirth: '1991-08-13', postcode: 'LS6 2QA' };

const withLinkThreshold = (linkThreshold: number): ConfiguredMatchingModel => ({
  id: `link-at-${linkThreshold}`,
  version: 1,
  model: { ...BUILT_IN_MATCHING_MODEL.model, linkThreshold, reviewThreshold: Math.min(0, linkThreshold) },
});

/**
 * The MARAC form check ("the perpetrator's details match the victim's own") asks the resolver's own
 * model, so the form is refused exactly when the resolver would then link him to her record.
 */
describe('matching person resolver: perpetrator matches victim, under its own model', () => {
  const store = sqliteLogForEach('resolver-perpetrator');

  it('follows the built-in model when none is configured', () => {
    const resolver = new MatchingPersonResolver(store());
    expect(resolver.perpetratorMatchesVictim(victim, slipOfHerName)).toBe(true);
    expect(resolver.perpetratorMatchesVictim(victim, namesake)).toBe(false);
  });

  it('follows a configured model: no pair links under an unreachable threshold, a loose one links the namesake', () => {
    expect(
      new MatchingPersonResolver(store(), undefined, withLinkThreshold(1000)).perpetratorMatchesVictim(
        victim,
        slipOfHerName,
      ),
    ).toBe(false);
    expect(
      new MatchingPersonResolver(store(), undefined, withLinkThreshold(-50)).perpetratorMatchesVictim(victim, namesake),
    ).toBe(true);
  });
});
