import {
  BUILT_IN_MATCHING_MODEL,
  type ConfiguredMatchingModel,
} from '../../../../identity/src/config/configured-matching-model';
import { MatchingPersonResolver } from './matching-person-resolver';
import type { ReferredPerson } from './person-resolver';
import { adaeze } from './testing/adaeze';
import { freshContext } from './testing/fresh-context';
import { sqliteLogForEach } from './testing/sqlite-log-for-each';

// Synthetic people. The second referral of each is the first with a mistyped surname or a move.
const ada = adaeze;
const adaMistyped: ReferredPerson = { ...ada, surname: 'Fairwether' };
/** Ada's namesake in Leeds, born five months later: too far from Ada to propose on her own. */
const leeds: ReferredPerson = { ...ada, dateOfBirth: '1991-08-13', postcode: 'LS6 2QA' };
/** Ada, moved next door to the Leeds woman: links to Ada, and is proposed against the Leeds woman. */
const adaMoved: ReferredPerson = { ...ada, postcode: 'LS6 2QB' };

const northArea: ConfiguredMatchingModel = { ...BUILT_IN_MATCHING_MODEL, id: 'north-area', version: 3 };
/** The same parameters with a link threshold no pair reaches: every match goes to a reviewer. */
const reviewEveryMatch: ConfiguredMatchingModel = {
  id: 'review-every-match',
  version: 2,
  model: { ...BUILT_IN_MATCHING_MODEL.model, linkThreshold: 1000 },
};

describe('matching person resolver: each decision names the model that scored it (real SQLite log)', () => {
  const store = sqliteLogForEach('resolver-model');

  const referAll = async (people: readonly ReferredPerson[], model?: ConfiguredMatchingModel) => {
    const resolver = new MatchingPersonResolver(store(), undefined, model);
    for (const person of people) await resolver.resolve(person, freshContext());
  };
  const written = async (type: string) =>
    (await store().readAll({})).filter((event) => event.type === type).map((event) => event.data);

  it('names the built-in model on an automatic link when no model is configured', async () => {
    await referAll([ada, adaMistyped]);

    expect(await written('person-record-linked')).toEqual([
      expect.objectContaining({
        identifierAgreement: false,
        score: expect.any(Number),
        model: { id: 'uk-synthetic-referrals', version: 1 },
      }),
    ]);
  });

  it('names the configured model on a link and on the proposal made beside it', async () => {
    await referAll([ada, leeds, adaMoved], northArea);

    expect(await written('person-record-linked')).toEqual([
      expect.objectContaining({ model: { id: 'north-area', version: 3 } }),
    ]);
    expect(await written('match-proposed')).toEqual([
      expect.objectContaining({ score: expect.any(Number), model: { id: 'north-area', version: 3 } }),
    ]);
  });

  it('names the configured model on a review proposal against a newly registered person', async () => {
    await referAll([ada, adaMistyped], reviewEveryMatch);

    expect(await written('person-record-linked')).toEqual([]);
    expect(await written('match-proposed')).toEqual([
      expect.objectContaining({ model: { id: 'review-every-match', version: 2 } }),
    ]);
  });

  it('says an identifier decided a link, and names the model that corroborated it', async () => {
    // The model's review threshold decides whether the rest of the record corroborates the PNC.
    const pnc = { pnc: '1979/0163001B' };
    await referAll(
      [
        { ...ada, identifiers: pnc },
        { ...adaMistyped, identifiers: pnc },
      ],
      northArea,
    );

    expect(await written('person-record-linked')).toEqual([
      expect.objectContaining({ identifierAgreement: true, model: { id: 'north-area', version: 3 } }),
    ]);
  });
});
