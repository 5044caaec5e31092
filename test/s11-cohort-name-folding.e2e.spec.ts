import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

type Item = { caseId: string };

const ukToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/**
 * Coordinators type names as they hear them: without the apostrophe, and ß as ss. The tracker's
 * name search finds them so, live (in SQL through the person index) and as of a day (in code).
 */
describe('s11 tracker name search ignores apostrophes and folds ß', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const cases: Record<string, string> = {};
  beforeAll(async () => {
    const people = [
      ['Siobhan', "O'Brien", '1981-01-01'],
      ['Aoife', 'O\u2019Connell', '1982-02-02'],
      ['Greta', 'Straße', '1983-03-03'],
      ['Kai', 'Strasser', '1984-04-04'],
    ];
    for (const [forenames, surname, dateOfBirth] of people) {
      const referral = maracReferral(
        { person: person({ forenames, surname, dateOfBirth }), referredAt: '2024-05-01T09:00:00Z' },
        { perpetrator: undefined },
      );
      cases[forenames as string] = ((await client.refer(tokens.all, referral)) as Item).caseId;
    }
  });
  const found = async (q: string, asOf?: string) => {
    const url = `/v1/panels/MARAC/cohort?q=${encodeURIComponent(q)}${asOf === undefined ? '' : `&asOf=${asOf}`}`;
    const items = (await client.get(url, tokens.all).expect(200)).body.items as Item[];
    return items.map((item) => Object.keys(cases).find((name) => cases[name] === item.caseId)).sort();
  };

  it.each([
    ['obrien', ['Siobhan']],
    ["o'brien", ['Siobhan']],
    ['o\u2019brien', ['Siobhan']],
    ['oconnell', ['Aoife']],
    ["o'connell aoife", ['Aoife']],
    ['strasse', ['Greta', 'Kai']],
    ['straße', ['Greta', 'Kai']],
    ['STRASSE greta', ['Greta']],
    ['strasser', ['Kai']],
  ])('q=%p finds %j, live and as of today', async (q, names) => {
    expect(await found(q)).toEqual(names);
    expect(await found(q, ukToday())).toEqual(names);
  });
});
