import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { matchReviewQueue, reviewOfPair } from './support/match-reviews';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A MARAC victim and the perpetrator she names may share a forename and a surname at one home (a
 * couple with a unisex name). The matcher would take one for the other, but the form gives two birth
 * dates years apart: it names two people. The referral is accepted, and the perpetrator is recorded
 * as a person of his own, neither joined to her record nor put to a reviewer as her. A form that
 * cannot tell them apart (her birth date, a slip of it) is still refused. Synthetic people only.
 */
describe('a MARAC perpetrator who shares the victim’s name and home', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const home = { postcode: 'N17 6AB', address: '12 Elm Road' };
  const victim = (forenames: string, surname: string) =>
    person({ forenames, surname, dateOfBirth: '1990-04-12', sex: 'female', ...home });
  /** Her partner as the form names him: her name, her home, born two and a half years before her. */
  const partner = (forenames: string, surname: string, dateOfBirth = '1987-09-30') => ({
    forenames,
    surname,
    dateOfBirth,
    ...home,
  });
  const eventsNaming = async (surname: string) => {
    const store = api.app.get<symbol, EventStore>(EVENT_STORE);
    return (await store.readAll({})).filter((e) => JSON.stringify(e.data).includes(surname));
  };

  it('is referred: the case names him as a person of his own, kept off her record and out of the queue', async () => {
    const made = await client.post(
      '/v1/referrals',
      tokens.all,
      maracReferral({ person: victim('Jordan', 'Okonkwo') }, { perpetrator: partner('Jordan', 'Okonkwo') }),
    );
    expect({ status: made.status, rule: made.body.rule, notRecorded: made.body.notRecorded }).toEqual({
      status: 201,
      rule: undefined,
      notRecorded: undefined,
    });
    const { personId: her, perpetratorPersonId: him } = made.body as { personId: string; perpetratorPersonId: string };
    expect(him).toEqual(expect.any(String));
    expect(him).not.toBe(her);

    const caseView = (await client.get(`/v1/cases/${made.body.caseId}`, tokens.all).expect(200)).body;
    expect(caseView.perpetrator).toMatchObject({ personId: him });
    const hers = (await client.get(`/v1/people/${her}`, tokens.all).expect(200)).body;
    expect(hers.datesOfBirth).toEqual(['1990-04-12']);
    const his = (await client.get(`/v1/people/${him}`, tokens.all).expect(200)).body;
    expect(his.datesOfBirth).toEqual(['1987-09-30']);
    expect(reviewOfPair(await matchReviewQueue(client, tokens.all), her, him)).toBeUndefined();
  });

  it('is referred when she is already known, and named again joins his own record, not hers', async () => {
    const first = await client.refer(
      tokens.all,
      maracReferral({ person: victim('Robin', 'Adeyemi') }, { perpetrator: undefined }),
    );
    const named = await client.post(
      '/v1/referrals',
      tokens.all,
      maracReferral(
        { referredAt: '2024-06-02T09:00:00Z', person: victim('Robin', 'Adeyemi') },
        { perpetrator: partner('Robin', 'Adeyemi') },
      ),
    );
    expect({ status: named.status, rule: named.body.rule, victim: named.body.personId }).toEqual({
      status: 201,
      rule: undefined,
      victim: first.personId,
    });
    const him = named.body.perpetratorPersonId as string;
    expect(him).not.toBe(first.personId);

    const again = await client.refer(
      tokens.all,
      maracReferral(
        { referredAt: '2024-07-02T09:00:00Z', person: victim('Robin', 'Adeyemi') },
        { perpetrator: partner('Robin', 'Adeyemi') },
      ),
    );
    expect({ victim: again.personId, perpetrator: again.perpetratorPersonId }).toEqual({
      victim: first.personId,
      perpetrator: him,
    });
    // Her own later referrals do not put the two to a reviewer either: her case keeps them apart.
    expect(reviewOfPair(await matchReviewQueue(client, tokens.all), first.personId, him)).toBeUndefined();
  });

  it.each([
    ['her own birth date', '1990-04-12', 'Ashworth'],
    ['a birth date one digit from hers', '1990-04-13', 'Bellamy'],
    ['her birth date with day and month swapped', '1990-12-04', 'Carrick'],
  ])(
    'is refused when the form gives him %s: 422 naming marac.perpetrator, nothing written',
    async (_, born, surname) => {
      const refused = await client.post(
        '/v1/referrals',
        tokens.all,
        maracReferral({ person: victim('Alex', surname) }, { perpetrator: partner('Alex', surname, born) }),
      );
      expect({ status: refused.status, rule: refused.body.rule }).toEqual({
        status: 422,
        rule: 'marac-perpetrator-not-victim',
      });
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['marac.perpetrator']);
      expect(await eventsNaming(surname)).toEqual([]);
    },
  );
});
