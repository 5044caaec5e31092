import { ukDateAt } from '../libs/case-lifecycle/src/domain/calendar';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { identityStream, matchStream } from '../libs/identity/src/domain/person-links/identity-events';
import { hollingsworth } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/**
 * Hostile and careless requests against the read routes (cohort, agenda, people) and the commands
 * beside them: each must answer a 4xx naming the field and rule, append nothing when it refuses,
 * and show one panel's cases to nobody outside it. Synthetic people only.
 */
describe('projection routes under bad input', () => {
  let api: TestApi;
  let store: EventStore;
  let all: string;
  let iomOnly: string;
  let position = 0;
  beforeAll(async () => {
    api = await startTestApi();
    store = api.app.get<EventStore>(EVENT_STORE);
    all = await tokenFor(COORDINATOR_ALL_PANELS);
    iomOnly = await tokenFor({ sub: 'iom-only-1', roles: ['coordinator'], panels: ['IOM'] });
  });
  afterAll(async () => {
    await api.close();
  });

  const server = () => api.app.getHttpServer();
  const post = async (url: string, body: unknown, token = all) => {
    const response = await request(server())
      .post(url)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
    if (typeof response.body?.position === 'number') position = Math.max(position, response.body.position);
    return response;
  };
  const get = (url: string, token = all) =>
    request(server())
      .get(url)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Min-Position', String(position))
      .set('X-Purpose', 'robustness review');
  const raw = (url: string, contentType: string, body: string) =>
    request(server()).post(url).set('Authorization', `Bearer ${all}`).set('Content-Type', contentType).send(body);
  const fieldsAndRules = (response: request.Response) =>
    ((response.body.errors ?? []) as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`);
  /** The request is refused with `status`, naming `field` and `rule`, and nothing is appended. */
  const refuses = async (call: () => Promise<request.Response>, status: number, field: string, rule: string) => {
    const head = await store.headPosition();
    const response = await call();
    expect({ status: response.status, problems: fieldsAndRules(response) }).toEqual({
      status,
      problems: expect.arrayContaining([`${field}:${rule}`]) as unknown,
    });
    expect(await store.headPosition()).toBe(head);
    return response;
  };
  /** A refused view of a case or person: nothing is shown or changed, and the attempt itself is audited. */
  const refusesAndRecords = async (call: () => Promise<request.Response>, status: number, rule: string) => {
    const head = await store.headPosition();
    const response = await call();
    expect({ status: response.status, rule: response.body.rule }).toEqual({ status, rule });
    const appended = await store.readAll({ fromPosition: head });
    expect(appended.filter((event) => event.position > head).map((event) => event.type)).toEqual(['access-refused']);
  };
  /** Refused with a top-level rule only (domain rejections), appending nothing. */
  const refusesWithRule = async (call: () => Promise<request.Response>, status: number, rule: string) => {
    const head = await store.headPosition();
    const response = await call();
    expect({ status: response.status, rule: response.body.rule }).toEqual({ status, rule });
    expect(await store.headPosition()).toBe(head);
  };

  const scheduled = async (panel: 'IOM' | 'MARAC') => {
    const made = await post('/v1/meetings', { panel, scheduledFor: '2024-06-04T10:00:00Z', chair: 'DI Test' });
    expect(made.status).toBe(201);
    return made.body.meetingId as string;
  };
  const adoptedIomCase = async (surname: string, dateOfBirth: string) => {
    const made = await post('/v1/referrals', iomReferral({}, { person: person({ surname, dateOfBirth }) }));
    expect(made.status).toBe(201);
    expect((await post(`/v1/cases/${made.body.caseId}/iom/adopt`, { reason: 'Agreed at panel' })).status).toBe(200);
    return made.body as { caseId: string; personId: string };
  };

  describe('GET /v1/panels/{panel}/cohort', () => {
    let caseId: string;
    beforeAll(async () => {
      ({ caseId } = await adoptedIomCase('Cohortson', '1984-02-29'));
    });
    const cohort = (query: string, token = all) => get(`/v1/panels/IOM/cohort${query}`, token);

    it.each([
      ['2025-02-30', 'a day February never has'],
      ['2023-02-29', 'a leap day in a common year'],
      ['', 'an empty date'],
      ['2024-2-9', 'a date without leading zeros'],
      ['2024-06-01T00:00:00Z', 'a date-time'],
    ])('refuses asOf=%s (%s) with 400 naming asOf', async (asOf) => {
      await refuses(() => cohort(`?asOf=${asOf}`), 400, 'asOf', 'isCalendarDate');
    });

    it('refuses asOf given twice rather than picking one', async () => {
      await refuses(() => cohort('?asOf=2024-02-29&asOf=2024-03-01'), 400, 'asOf', 'isCalendarDate');
    });

    it('answers a leap day, the far past and today, and refuses the far future naming asOf', async () => {
      const leap = await cohort('?asOf=2024-02-29').expect(200);
      expect(leap.body).toMatchObject({ panel: 'IOM', asOf: '2024-02-29' });
      const past = await cohort('?asOf=0001-01-01').expect(200);
      expect(past.body).toMatchObject({ total: 0, items: [] });
      const today = await cohort(`?asOf=${ukDateAt(new Date())}`).expect(200);
      expect((today.body.items as { caseId: string }[]).map((i) => i.caseId)).toContain(caseId);
      const future = await cohort('?asOf=9999-12-31').expect(400);
      expect(future.body.errors).toEqual([expect.objectContaining({ field: 'asOf', rule: 'dayNotAfterToday' })]);
    });

    it.each([
      ['limit=0', 'limit', 'min'],
      ['limit=501', 'limit', 'max'],
      ['limit=1.5', 'limit', 'isInt'],
      ['limit=ten', 'limit', 'isInt'],
      ['limit=', 'limit', 'isInt'],
      ['limit=1e3', 'limit', 'isInt'],
      ['offset=-1', 'offset', 'min'],
      ['offset=0x10', 'offset', 'isInt'],
      ['cursor=abc', 'cursor', 'whitelistValidation'],
      ['rag=purple', 'rag', 'isIn'],
      ['overdue=yes', 'overdue', 'isBooleanString'],
      ['eligibility=maybe', 'eligibility', 'isIn'],
      ['nextReviewBefore=2025-02-30', 'nextReviewBefore', 'isCalendarDate'],
      [`q=${'x'.repeat(101)}`, 'q', 'maxLength'],
      ['q[]=a', 'q[]', 'whitelistValidation'],
      ['idva=none', 'idva', 'panel-has-filter'],
      ['status=licence', 'status', 'panel-current-status'],
    ])('refuses ?%s with 400 naming %s (%s)', async (query, field, rule) => {
      await refuses(() => cohort(`?${query}`), 400, field, rule);
    });

    it('pages past the end to an empty page, live and as of a day', async () => {
      const live = await cohort('?limit=1&offset=100000').expect(200);
      expect(live.body.items).toEqual([]);
      expect(live.body.total).toBeGreaterThan(0);
      const asOf = await cohort('?asOf=2025-01-01&limit=1&offset=100000').expect(200);
      expect(asOf.body.items).toEqual([]);
    });

    it('treats LIKE wildcards in the name search as text', async () => {
      for (const q of ['%25', '_', '%25%25']) {
        const found = await cohort(`?q=${q}`).expect(200);
        expect({ q, total: found.body.total }).toEqual({ q, total: 0 });
      }
    });

    it('answers 404 for a panel not in the registry and 403 to a member of another panel', async () => {
      await refusesWithRule(() => get('/v1/panels/NOPE/cohort'), 404, 'panel-exists');
      await refusesWithRule(() => get('/v1/panels/MARAC/cohort', iomOnly), 403, 'panel-membership');
      await refusesWithRule(() => get('/v1/panels/MARAC/cohort?asOf=2024-06-01', iomOnly), 403, 'panel-membership');
    });
  });

  describe('GET /v1/panels/IOM/eligible-not-adopted', () => {
    it('refuses an eligibility of its own, filters IOM has no column for, and non-IOM panels', async () => {
      await refuses(
        () => get('/v1/panels/IOM/eligible-not-adopted?eligibility=adopted'),
        400,
        'eligibility',
        'fixed-by-list',
      );
      await refuses(() => get('/v1/panels/IOM/eligible-not-adopted?idva=none'), 400, 'idva', 'panel-has-filter');
      await refuses(() => get('/v1/panels/IOM/eligible-not-adopted?asOf=2024-02-30'), 400, 'asOf', 'isCalendarDate');
      await refusesWithRule(() => get('/v1/panels/MARAC/eligible-not-adopted'), 404, 'iom-panel');
      const maracOnly = await tokenFor({ sub: 'marac-only-1', roles: ['coordinator'], panels: ['MARAC'] });
      await refusesWithRule(() => get('/v1/panels/IOM/eligible-not-adopted', maracOnly), 403, 'panel-membership');
    });
  });

  describe('meetings: agenda, held, cancel', () => {
    it("hides another panel's meeting from its agenda, held and cancel alike (404), and writes nothing", async () => {
      const marac = await scheduled('MARAC');
      await refusesWithRule(() => get(`/v1/meetings/${marac}/agenda`, iomOnly), 404, 'meeting-exists');
      await refusesWithRule(
        () => post(`/v1/meetings/${marac}/held`, { attendance: [] }, iomOnly),
        404,
        'meeting-exists',
      );
      await refusesWithRule(
        () => post(`/v1/meetings/${marac}/cancel`, { reason: 'not mine' }, iomOnly),
        404,
        'meeting-exists',
      );
      await refuses(() => get('/v1/meetings/not-a-meeting/agenda'), 400, 'meetingId', 'isUuid');
    });

    it.each([
      ['attendance', 'isArray', { attendance: 'everyone' }],
      ['attendance[0]', 'nestedValidation', { attendance: [null] }],
      ['attendance[0].status', 'isIn', { attendance: [{ agency: 'Police', status: 'asleep' }] }],
      ['attendance', 'arrayMaxSize', { attendance: Array(101).fill({ agency: 'Police', status: 'present' }) }],
      ['casesDiscussed', 'isArray', { attendance: [], casesDiscussed: 'all of them' }],
      ['casesDiscussed', 'isUuid', { attendance: [], casesDiscussed: ['case-1'] }],
      [
        'casesDiscussed',
        'arrayMaxSize',
        { attendance: [], casesDiscussed: Array(201).fill('00000000-0000-4000-8000-000000000001') },
      ],
      ['occurredAt', 'isInstant', { attendance: [], occurredAt: '2024-02-30' }],
      ['chair', 'whitelistValidation', { attendance: [], chair: 'extra' }],
    ])('refuses a held body with 400 naming %s (%s)', async (field, rule, body) => {
      const meeting = await scheduled('IOM');
      await refuses(() => post(`/v1/meetings/${meeting}/held`, body), 400, field, rule);
    });

    it('refuses a held meeting naming a case not on its agenda, or in the future, and writes nothing', async () => {
      const meeting = await scheduled('IOM');
      await refusesWithRule(
        () =>
          post(`/v1/meetings/${meeting}/held`, {
            attendance: [],
            casesDiscussed: ['00000000-0000-4000-8000-00000000abcd'],
            occurredAt: '2024-06-04T12:00:00Z',
          }),
        409,
        'case-discussed-when-listed',
      );
      await refusesWithRule(
        () => post(`/v1/meetings/${meeting}/held`, { attendance: [], occurredAt: '2999-01-01T00:00:00Z' }),
        400,
        'meeting-held-not-in-future',
      );
      await refusesWithRule(
        () => post(`/v1/meetings/${meeting}/held`, { attendance: [], occurredAt: '2024-06-03T10:00:00Z' }),
        409,
        'meeting-held-from-scheduled-day',
      );
    });

    it('records a case named twice as discussed once, and lets one of held/cancel sent together win', async () => {
      const meeting = await scheduled('IOM');
      const { caseId } = await adoptedIomCase('Twicenamed', '1986-03-03');
      expect((await post(`/v1/meetings/${meeting}/cases`, { caseId, agencyRequests: [] })).status).toBe(201);
      const [held, cancelled] = await Promise.all([
        post(`/v1/meetings/${meeting}/held`, {
          attendance: [],
          casesDiscussed: [caseId, caseId],
          occurredAt: '2024-06-04T12:00:00Z',
        }),
        post(`/v1/meetings/${meeting}/cancel`, { reason: 'room flooded' }),
      ]);
      expect([held.status, cancelled.status].sort()).toEqual([200, 409]);
      const history = await store.readStream(`meeting-${meeting}`);
      expect(history.filter((e) => e.type === 'meeting-held' || e.type === 'meeting-cancelled')).toHaveLength(1);
      const heldEvent = history.find((e) => e.type === 'meeting-held');
      if (heldEvent !== undefined)
        expect((heldEvent.data as { casesDiscussed: string[] }).casesDiscussed).toEqual([caseId]);
      await refusesWithRule(
        () => post(`/v1/meetings/${meeting}/cancel`, { reason: 'again' }),
        409,
        'meeting-still-to-sit',
      );
    });

    it('refuses a 100 kB cancellation reason, a reason of the wrong type, and an unknown field', async () => {
      const meeting = await scheduled('IOM');
      await refuses(
        () => post(`/v1/meetings/${meeting}/cancel`, { reason: 'x'.repeat(100_000) }),
        400,
        'reason',
        'maxLength',
      );
      await refuses(() => post(`/v1/meetings/${meeting}/cancel`, { reason: ['a'] }), 400, 'reason', 'isString');
      await refuses(
        () => post(`/v1/meetings/${meeting}/cancel`, { reason: 'ok', panel: 'MARAC' }),
        400,
        'panel',
        'whitelistValidation',
      );
    });

    it('keeps unicode text as sent', async () => {
      const meeting = await scheduled('IOM');
      const reason = 'Łódź liaison officer ill — réunion annulée 💥';
      expect((await post(`/v1/meetings/${meeting}/cancel`, { reason })).status).toBe(200);
      const agenda = await get(`/v1/meetings/${meeting}/agenda`).expect(200);
      expect(agenda.body.cancellation.reason).toBe(reason);
    });
  });

  describe('request bodies the parser or the router cannot read', () => {
    it('answers malformed JSON with 400 naming the body and a rule, and writes nothing', async () => {
      const meeting = await scheduled('IOM');
      for (const body of ['{"reason":', 'null', '"a reason"', "{'reason':'x'}"]) {
        const answered = await refuses(
          () => raw(`/v1/meetings/${meeting}/cancel`, 'application/json', body),
          400,
          'body',
          'json-object',
        );
        expect(answered.body.rule).toBe('json-object');
      }
    });

    it('answers a path that is not valid percent-encoding with 400 naming the path parameter', async () => {
      await refuses(() => get('/v1/people/%FF'), 400, 'personId', 'percent-encoding');
      await refuses(
        () => raw('/v1/people/%E0%A4%A/split', 'application/json', '{"reason":"x"}'),
        400,
        'personId',
        'percent-encoding',
      );
    });

    it('refuses a null character in any text field or query, naming it', async () => {
      const meeting = await scheduled('IOM');
      await refuses(
        () => post(`/v1/meetings/${meeting}/cancel`, { reason: 'a\u0000b' }),
        400,
        'reason',
        'no-null-character',
      );
      await refuses(
        () => post(`/v1/meetings/${meeting}/held`, { attendance: [{ agency: 'Pol\u0000ice', status: 'present' }] }),
        400,
        'attendance[0].agency',
        'no-null-character',
      );
      await refuses(() => get('/v1/panels/IOM/cohort?q=Marsh%00'), 400, 'q', 'no-null-character');
    });

    it('answers a body over the size limit with 413', async () => {
      const meeting = await scheduled('IOM');
      const head = await store.headPosition();
      const answered = await post(`/v1/meetings/${meeting}/cancel`, { reason: 'x'.repeat(2_000_000) });
      expect(answered.status).toBe(413);
      expect(await store.headPosition()).toBe(head);
    });
  });

  describe('people', () => {
    /** Two records of one man one date-of-birth digit apart: a pair for review, not an automatic link. */
    interface Review {
      id: string;
      personIds: string[];
    }
    /** The matcher proposes a pair from the log after the referral is answered: wait for it. */
    const proposal = async (x: string, y: string): Promise<Review | undefined> => {
      for (let tries = 0; tries < 40; tries++) {
        const listed = await get('/v1/people/match-reviews?limit=500');
        const reviews = (listed.status === 200 ? listed.body.items : []) as Review[];
        const found = reviews.find((r) => r.personIds.includes(x) && r.personIds.includes(y));
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return undefined;
    };
    // Each pair's dates of birth differ from every other pair's in several digits, so that a new
    // record's best candidate is its own twin and not a person from an earlier case.
    const births = ['1951-01-03', '1962-04-16', '1973-08-27', '1984-11-08', '1995-02-21', '1946-05-12', '1937-10-25'];
    const pair = async (surname: string) => {
      const [year, month, day] = (births.shift() ?? '1920-03-03').split('-');
      const next = String(Number(day) + 1).padStart(2, '0');
      const first = await post(
        '/v1/referrals',
        iomReferral(
          {},
          { person: hollingsworth({ surname, dateOfBirth: `${year}-${month}-${day}`, identifiers: {} }) },
        ),
      );
      const second = await post(
        '/v1/referrals',
        maracReferral(
          { person: hollingsworth({ surname, dateOfBirth: `${year}-${month}-${next}`, postcode: 'N1 9GU' }) },
          { perpetrator: undefined },
        ),
      );
      const review = await proposal(first.body.personId, second.body.personId);
      expect(review).toBeDefined();
      return {
        reviewId: review?.id ?? '',
        iom: first.body as { personId: string },
        marac: second.body as { personId: string },
      };
    };
    const decide = (id: string, decision: 'confirm' | 'reject' | 'reopen', reason = 'checked at panel') =>
      post(`/v1/people/match-reviews/${id}/${decision}`, { reason });

    it.each([
      ['0', 'min'],
      ['501', 'max'],
      ['-1', 'min'],
      ['1.5', 'isInt'],
      ['', 'isInt'],
      ['lots', 'isInt'],
    ])('refuses match-reviews?limit=%s with 400 naming limit (%s)', async (limit, rule) => {
      await refuses(() => get(`/v1/people/match-reviews?limit=${limit}`), 400, 'limit', rule);
    });

    it('confirms a proposal once: a second confirm, concurrent or later, and a reject after it are 409', async () => {
      const { reviewId } = await pair('Confirmonce');
      await refusesWithRule(() => decide(reviewId, 'reopen'), 409, 'match-proposal-decided');
      const both = await Promise.all([decide(reviewId, 'confirm', 'a'), decide(reviewId, 'confirm', 'b')]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      const history = await store.readStream(matchStream(reviewId));
      expect(history.filter((e) => e.type === 'match-confirmed')).toHaveLength(1);
      await refusesWithRule(() => decide(reviewId, 'confirm'), 409, 'match-proposal-open');
      await refusesWithRule(() => decide(reviewId, 'reject'), 409, 'match-proposal-open');
      await refusesWithRule(() => decide(reviewId, 'reopen'), 409, 'undo-the-merge-first');
    });

    it('rejects a proposal once and reopens a rejected one once', async () => {
      const { reviewId } = await pair('Rejectonce');
      const both = await Promise.all([decide(reviewId, 'reject', 'a'), decide(reviewId, 'reject', 'b')]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      await refusesWithRule(() => decide(reviewId, 'confirm'), 409, 'match-proposal-open');
      expect((await decide(reviewId, 'reopen')).status).toBe(200);
      await refusesWithRule(() => decide(reviewId, 'reopen'), 409, 'match-proposal-decided');
    });

    it('refuses decisions with a 100 kB or missing reason, on an unknown or malformed id, and hides them from other panels', async () => {
      const { reviewId } = await pair('Decisionbounds');
      await refuses(() => decide(reviewId, 'confirm', 'x'.repeat(100_000)), 400, 'reason', 'maxLength');
      await refuses(() => post(`/v1/people/match-reviews/${reviewId}/reject`, {}), 400, 'reason', 'isNotEmpty');
      await refuses(() => decide('not-a-review', 'confirm'), 400, 'id', 'isUuid');
      await refusesWithRule(
        () => decide('00000000-0000-4000-8000-000000000000', 'confirm'),
        404,
        'match-review-exists',
      );
      await refusesWithRule(
        () => post(`/v1/people/match-reviews/${reviewId}/confirm`, { reason: 'x' }, iomOnly),
        404,
        'match-review-exists',
      );
      const seenByIom = (await get('/v1/people/match-reviews?limit=500', iomOnly).expect(200)).body.items as {
        id: string;
      }[];
      expect(seenByIom.map((r) => r.id)).not.toContain(reviewId);
    });

    it('refuses splits with nothing to split, unknown records or cases, or restoring a person not merged in, and writes nothing', async () => {
      const { reviewId, iom, marac } = await pair('Splitbounds');
      const confirmed = await decide(reviewId, 'confirm');
      expect(confirmed.status).toBe(200);
      const survivor = confirmed.body.survivorId as string;
      const merged = confirmed.body.mergedId as string;
      expect([survivor, merged].sort()).toEqual([iom.personId, marac.personId].sort());
      const split =
        (body: unknown, id = survivor) =>
        () =>
          post(`/v1/people/${id}/split`, body);
      await refuses(split({ reason: 'x' }), 400, 'restore', 'something-to-split');
      await refuses(split({ reason: 'x', recordIds: [], caseIds: [] }), 400, 'restore', 'something-to-split');
      await refuses(split({ reason: 'x', recordIds: ['no-such-record'] }), 400, 'recordIds', 'record-of-this-person');
      await refuses(
        split({ reason: 'x', caseIds: ['00000000-0000-4000-8000-000000000000'] }),
        400,
        'caseIds',
        'case-of-this-person',
      );
      await refuses(split({ reason: 'x', restore: survivor }), 400, 'restore', 'restore-a-person-merged-into-this-one');
      await refuses(
        split({ reason: 'x', restore: '00000000-0000-4000-8000-000000000000' }),
        400,
        'restore',
        'restore-a-person-merged-into-this-one',
      );
      await refuses(split({ reason: 'x', restore: 'someone' }), 400, 'restore', 'isUuid');
      await refuses(split({ reason: 'x', recordIds: Array(501).fill('r') }), 400, 'recordIds', 'arrayMaxSize');
      await refuses(split({ reason: 'x', recordIds: [5] }), 400, 'recordIds', 'isString');
      await refuses(split({ reason: 'x'.repeat(100_000), restore: merged }), 400, 'reason', 'maxLength');
      await refusesWithRule(
        split({ reason: 'x', restore: merged }, '00000000-0000-4000-8000-000000000000'),
        404,
        'person-exists',
      );

      // Splits take turns: the second is decided once the first was folded, when the person is no
      // longer merged (400), never on the same facts as the first.
      const both = await Promise.all([
        split({ reason: 'a', restore: merged })(),
        split({ reason: 'b', restore: merged })(),
      ]);
      const answers = both.map((r) => `${r.status} ${(r.body as { rule?: string }).rule ?? ''}`).sort();
      expect(answers).toEqual(['200 ', '400 restore-a-person-merged-into-this-one']);
      const splits = (await store.readStream(identityStream(survivor))).filter((e) => e.type === 'person-split');
      expect(splits.map((e) => (e.data as { intoPersonId: string }).intoPersonId)).toEqual([merged]);
      await refuses(split({ reason: 'x', restore: merged }), 400, 'restore', 'restore-a-person-merged-into-this-one');
    });

    it('answers a person by id: 400 for a malformed id, 404 for unknown or not on your panels, 400 without a purpose', async () => {
      const { marac } = await pair('Viewbounds');
      await refuses(() => get('/v1/people/someone'), 400, 'personId', 'isUuid');
      await refusesAndRecords(() => get('/v1/people/00000000-0000-4000-8000-000000000000'), 404, 'person-exists');
      await refusesAndRecords(() => get(`/v1/people/${marac.personId}`, iomOnly), 404, 'person-exists');
      const noPurpose = await request(server())
        .get(`/v1/people/${marac.personId}`)
        .set('Authorization', `Bearer ${all}`);
      expect({ status: noPurpose.status, rule: noPurpose.body.rule }).toEqual({
        status: 400,
        rule: 'purpose-required',
      });
    });

    /** Three records of one surname, each pair one date-of-birth digit apart: every pair is proposed. */
    const threeProposed = async (surname: string, year: string) => {
      const referred = async (panel: 'IOM' | 'MARAC', dateOfBirth: string, postcode: string) => {
        const someone = hollingsworth({ surname, dateOfBirth, postcode });
        const body =
          panel === 'IOM'
            ? iomReferral({}, { person: { ...someone, identifiers: {} } })
            : maracReferral({ person: someone }, { perpetrator: undefined });
        return ((await post('/v1/referrals', body)).body as { personId: string }).personId;
      };
      const a = await referred('IOM', `${year}-03-22`, 'W3 7QS');
      const b = await referred('MARAC', `${year}-03-23`, 'N1 9GU');
      const c = await referred('IOM', `${year}-03-24`, 'SE1 9GU');
      const [ab, bc, ac] = await Promise.all([proposal(a, b), proposal(b, c), proposal(a, c)]);
      return { a, c, ab: ab?.id ?? '', bc: bc?.id ?? '', ac: ac?.id ?? '' };
    };
    const survivorOf = async (id: string) => (await get(`/v1/people/${id}`).expect(200)).body.personId as string;

    // A rejection of two people who are one person now would contradict the record: split first.
    it('refuses to reject a pair that other confirmations have already made one person (409)', async () => {
      const { a, c, ab, bc, ac } = await threeProposed('Mergedfirst', '1929');
      expect((await decide(ab, 'confirm', 'same man per probation')).status).toBe(200);
      expect((await decide(bc, 'confirm', 'same man per the GP letter')).status).toBe(200);
      expect(await survivorOf(a)).toBe(await survivorOf(c));
      await refusesWithRule(
        () => decide(ac, 'reject', 'different mothers on the birth records'),
        409,
        'undo-the-merge-first',
      );
    });

    // Each pair has its own stream, so decisions taken together on the same facts are both
    // recorded; the log decides which holds (libs/identity merge-rule.ts): the one recorded first.
    // The other answers 409 and changes no one, so A and C are one person exactly when the
    // rejection was refused: no rejection a reviewer was told stands is contradicted.
    it('never makes one person of two a reviewer rejected as different when the decisions arrive together', async () => {
      const { a, c, ab, bc, ac } = await threeProposed('Racingdecisions', '1931');
      expect((await decide(ab, 'confirm', 'same man per probation')).status).toBe(200);
      const [confirmed, rejected] = await Promise.all([
        decide(bc, 'confirm', 'same man per the GP letter'),
        decide(ac, 'reject', 'different mothers on the birth records'),
      ]);
      const rejectionStands = rejected.status === 200;
      expect({
        statuses: [confirmed.status, rejected.status].sort(),
        refused: (rejectionStands ? confirmed : rejected).body.rule,
        oneWithC: (await survivorOf(a)) === (await survivorOf(c)),
      }).toEqual({
        statuses: [200, 409],
        refused: rejectionStands ? 'match-rejected-before' : 'undo-the-merge-first',
        oneWithC: !rejectionStands,
      });
    });

    it("lists overlaps with only the reader's own panels' cases", async () => {
      const { reviewId, iom } = await pair('Overlapping');
      expect((await decide(reviewId, 'confirm')).status).toBe(200);
      const seen = (await get('/v1/people/overlaps', iomOnly).expect(200)).body.items as {
        personId: string;
        cases: { panel: string }[];
      }[];
      const entry = seen.find((o) => o.personId === iom.personId);
      expect(entry?.cases.map((c) => c.panel)).toEqual(['IOM']);
      expect(seen.flatMap((o) => o.cases).every((c) => c.panel === 'IOM')).toBe(true);
    });
  });

  it('reports readiness with every read model live', async () => {
    const ready = await request(server()).get('/ready').expect(200);
    expect(ready.body.status).toBe('ready');
  });
});
