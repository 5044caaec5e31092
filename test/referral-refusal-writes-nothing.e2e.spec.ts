import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

type Body = Record<string, unknown>;

/** A surname no other test person has: names match on letters only, so the suffix is letters. */
let next = 0;
const freshSurname = (): string => {
  let n = next++;
  let suffix = '';
  do {
    suffix = String.fromCharCode(97 + (n % 26)) + suffix;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `Refusal${suffix}`;
};

/** Each panel's referral, about someone not yet known, with `extra` on the person. */
const REFERRALS: Record<string, (extra: Body) => Body> = {
  IOM: (extra) => iomReferral({}, { person: person({ forenames: 'Dean', surname: freshSurname(), ...extra }) }),
  MARAC: (extra) => maracReferral({ person: person({ surname: freshSurname(), ...extra }) }),
  ALLIANCE: (extra) =>
    allianceReferral({
      person: person({ forenames: 'Kai', surname: freshSurname(), dateOfBirth: '2005-06-01', ...extra }),
    }),
};

const perpetrator = (extra: Body): Body => ({
  forenames: 'Sam',
  surname: freshSurname(),
  dateOfBirth: '1987-09-30',
  ...extra,
});

describe('a refused referral writes nothing (review s9 H1–H4, M3)', () => {
  let api: TestApi;
  let token: string;
  let store: EventStore;
  beforeAll(async () => {
    api = await startTestApi();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
    store = api.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (url: string, body: unknown) =>
    request(api.app.getHttpServer())
      .post(url)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);

  /** Sends the request and expects a 400 naming `field` and `rule`, with the store's head where it was. */
  async function expectRefusedWritingNothing(url: string, body: unknown, field: string, rule: string) {
    const head = await store.headPosition();
    const response = await post(url, body);
    const appended = (await store.readAll({ fromPosition: head })).map((e) => `${e.stream}:${e.type}`);
    expect({ status: response.status, appended }).toEqual({ status: 400, appended: [] });
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    return head;
  }

  describe('H1: disability and language are checked before the case is opened', () => {
    const cases = Object.keys(REFERRALS).flatMap((panel) =>
      (['disability', 'language'] as const).flatMap((field) => [
        [panel, field, '   ', 'required'] as const,
        [panel, field, null, 'isString'] as const,
      ]),
    );
    it.each(cases)('%s referral with person.%s = %j: 400 %s, nothing appended', async (panel, field, value, rule) => {
      await expectRefusedWritingNothing(
        '/v1/referrals',
        REFERRALS[panel]!({ [field]: value }),
        `person.${field}`,
        rule,
      );
    });

    it.each(Object.keys(REFERRALS))(
      'a corrected %s referral after the refusal opens exactly one case',
      async (panel) => {
        const surname = freshSurname();
        const refused = REFERRALS[panel]!({ surname, disability: '   ' });
        const head = await expectRefusedWritingNothing('/v1/referrals', refused, 'person.disability', 'required');
        const corrected = REFERRALS[panel]!({ surname, disability: 'uses a wheelchair' });
        const made = await post('/v1/referrals', corrected);
        expect(made.status).toBe(201);
        const opened = (await store.readAll({ fromPosition: head })).filter((e) => e.type === 'referral-made');
        expect(opened.map((e) => e.stream)).toEqual([`case-${made.body.caseId}`]);
      },
    );
  });

  describe('H2: the perpetrator is checked before the victim is resolved', () => {
    it.each([
      ['address', ''],
      ['address', '   '],
      ['ethnicity', ''],
      ['ethnicity', '   '],
    ])('marac.perpetrator.%s = %j: 400 required, the victim not written', async (field, value) => {
      const body = maracReferral(
        { person: person({ surname: freshSurname() }) },
        { perpetrator: perpetrator({ [field]: value }) },
      );
      await expectRefusedWritingNothing('/v1/referrals', body, `marac.perpetrator.${field}`, 'required');
    });

    it('a known victim with a blank perpetrator address gets no record linked', async () => {
      const victim = person({ surname: freshSurname() });
      expect((await post('/v1/referrals', REFERRALS.IOM!({ ...victim, forenames: 'Jordan' }))).status).toBe(201);
      const body = maracReferral({ person: victim }, { perpetrator: perpetrator({ address: ' ' }) });
      await expectRefusedWritingNothing('/v1/referrals', body, 'marac.perpetrator.address', 'required');
    });
  });

  describe('H3: a null identifier is refused, not a crash', () => {
    const KINDS = ['pnc', 'cro', 'nhsNumber', 'noms', 'crn'] as const;
    it.each(KINDS)('person.identifiers.%s = null: 400 naming it', async (kind) => {
      const body = REFERRALS.MARAC!({ identifiers: { [kind]: null } });
      await expectRefusedWritingNothing('/v1/referrals', body, `person.identifiers.${kind}`, `isValid-${kind}`);
    });

    it.each(KINDS)('marac.perpetrator.identifiers.%s = null: 400 naming it, the victim not written', async (kind) => {
      const body = maracReferral(
        { person: person({ surname: freshSurname() }) },
        { perpetrator: perpetrator({ identifiers: { [kind]: null } }) },
      );
      await expectRefusedWritingNothing(
        '/v1/referrals',
        body,
        `marac.perpetrator.identifiers.${kind}`,
        `isValid-${kind}`,
      );
    });
  });

  describe('D4: every name has a letter', () => {
    const NO_LETTER = ["'-", '123', '.'];
    const cases = Object.keys(REFERRALS).flatMap((panel) =>
      (['forenames', 'surname'] as const).flatMap((field) => NO_LETTER.map((value) => [panel, field, value] as const)),
    );
    it.each(cases)(
      '%s referral with person.%s = %j: 400 name-has-letter, nothing appended',
      async (panel, field, value) => {
        await expectRefusedWritingNothing(
          '/v1/referrals',
          REFERRALS[panel]!({ [field]: value }),
          `person.${field}`,
          'name-has-letter',
        );
      },
    );

    it.each([['forenames'], ['surname']])('person.%s of spaces only: 400 required', async (field) => {
      await expectRefusedWritingNothing(
        '/v1/referrals',
        REFERRALS.IOM!({ [field]: '   ' }),
        `person.${field}`,
        'required',
      );
    });

    it.each([['forenames'], ['surname']])(
      'marac.perpetrator.%s without a letter: 400, the victim not written',
      async (field) => {
        const body = maracReferral(
          { person: person({ surname: freshSurname() }) },
          { perpetrator: perpetrator({ [field]: "'-" }) },
        );
        await expectRefusedWritingNothing('/v1/referrals', body, `marac.perpetrator.${field}`, 'name-has-letter');
      },
    );

    it.each([["Jo '-"], ['- Carveth']])(
      'an alias %j with a part without a letter: 400 naming person.aliases[0]',
      async (alias) => {
        await expectRefusedWritingNothing(
          '/v1/referrals',
          REFERRALS.MARAC!({ aliases: [alias] }),
          'person.aliases[0]',
          'name-has-letter',
        );
      },
    );

    it('a record with a punctuation surname is not linked to a known person on forename, birth date and postcode', async () => {
      const known = { forenames: 'Jo', surname: freshSurname(), dateOfBirth: '1981-12-12', postcode: 'N4 2AA' };
      expect((await post('/v1/referrals', REFERRALS.IOM!(known))).status).toBe(201);
      await expectRefusedWritingNothing(
        '/v1/referrals',
        REFERRALS.IOM!({ ...known, surname: "'-", sex: 'female' }),
        'person.surname',
        'name-has-letter',
      );
    });

    it('names in any script are accepted', async () => {
      const response = await post(
        '/v1/referrals',
        REFERRALS.MARAC!({ forenames: 'Zoë', surname: `Ó ${freshSurname()}`, aliases: ['李 小龙'] }),
      );
      expect(response.status).toBe(201);
    });
  });

  describe('case work on an open case', () => {
    let caseId: string;
    beforeAll(async () => {
      const made = await post('/v1/referrals', REFERRALS.MARAC!({}));
      expect(made.status).toBe(201);
      caseId = made.body.caseId as string;
    });

    it('H4: an action with meetingId null is 400 naming meetingId, nothing appended', async () => {
      const action = { description: 'Safety plan', ownerAgency: 'Probation', dueBy: '2024-06-01', meetingId: null };
      await expectRefusedWritingNothing(`/v1/cases/${caseId}/actions`, action, 'meetingId', 'isUuid');
    });

    it('a well-formed id of no action is still 404 action-exists', async () => {
      const response = await post(`/v1/cases/${caseId}/actions/${randomUUID()}/complete`, {});
      expect({ status: response.status, rule: response.body.rule }).toEqual({ status: 404, rule: 'action-exists' });
    });

    const LONG_ID = 'x'.repeat(300);
    it.each([
      ['actions/not-a-uuid/complete', 'actionId'],
      ['interventions/not-a-uuid/start', 'interventionId'],
      ['interventions/not-a-uuid/complete', 'interventionId'],
      ['interventions/not-a-uuid/decline', 'interventionId'],
      ['interventions/<300 characters>/start', 'interventionId'],
    ])('M3: %s is 400 naming %s as a UUID, not 404', async (path, field) => {
      const url = `/v1/cases/${caseId}/${path.replace('<300 characters>', LONG_ID)}`;
      await expectRefusedWritingNothing(url, {}, field, 'isUuid');
    });
  });
});
