import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { disclosedCaseView, disclosedPersonDetails, withoutMaracRestricted } from './case-view-filter';
import { Rejection } from '../../../command-handling/src/rejections';
import {
  decideDisclosure,
  disclosureDecider,
  type DisclosureEvent,
  type ShareInformation,
  type WithholdInformation,
} from './disclosure';
import { evolveDsa, initialDsaState, type DsaEvent } from './sharing-agreement';
import { mayKnowOfEntry } from './register-visibility';

const spec = deciderSpecification(disclosureDecider);
const BASIS = { regime: 'dpa-2018-part-3', section35: 'law-enforcement-task' } as const;
const dsa = [
  {
    type: 'dsa-signed',
    data: {
      dsaId: 'dsa-1',
      title: 'DSA',
      parties: ['Metropolitan Police', 'Haringey Council'],
      purpose: 'p',
      lawfulBasis: BASIS,
      reviewDate: '2026-01-01',
      inForceFrom: '2024-01-01',
      inForceTo: null,
      occurredAt: '2024-01-01T00:00:00Z',
    },
  },
  { type: 'dsa-party-added', data: { agency: 'Probation', occurredAt: '2024-06-01T00:00:00Z' } },
].reduce((s, e) => evolveDsa(s, e as DsaEvent), initialDsaState());

const share: ShareInformation = {
  type: 'share-information',
  disclosureId: 'd-1',
  personId: 'p-1',
  caseId: 'c-1',
  panel: 'MARAC',
  fromAgency: 'Metropolitan Police',
  toAgency: 'Haringey Council',
  toUser: null,
  fields: ['status', 'children'],
  documents: [],
  purpose: 'Safety planning',
  occurredAt: '2024-05-01T10:00:00Z',
  recordedAt: '2025-01-01T00:00:00Z',
  referredAt: '2022-06-01T09:00:00Z',
  lawfulBasis: BASIS,
  dsaId: 'dsa-1',
  consent: { given: true },
  expiresAt: null,
  dsa,
};

const withhold: WithholdInformation = {
  type: 'withhold-information',
  disclosureId: 'd-2',
  personId: 'p-1',
  caseId: 'c-1',
  panel: 'MARAC',
  fromAgency: 'Metropolitan Police',
  toAgency: 'Haringey Council',
  toUser: null,
  fields: ['address'],
  documents: [],
  purpose: 'Asked where she lives',
  occurredAt: '2024-05-01T10:00:00Z',
  recordedAt: '2025-01-01T00:00:00Z',
  referredAt: '2022-06-01T09:00:00Z',
  reason: 'She is in refuge',
  dsaId: 'dsa-1',
  consent: null,
  dsa,
};

/** Every field and rule a refused command names, so that one refusal cannot hide another. */
function refusedWith(command: ShareInformation): string[] {
  try {
    decideDisclosure(command, { exists: false });
  } catch (error) {
    if (error instanceof Rejection) return error.details.map((d) => `${d.field ?? ''}:${d.rule}`);
    throw error;
  }
  return [];
}

describe('disclosure decider', () => {
  it('refuses a consent-based lawful basis when consent was not given, naming each part resting on it', () => {
    const withoutConsent = { given: false, justification: 'Risk to the victim' } as const;
    expect(
      refusedWith({
        ...share,
        consent: withoutConsent,
        lawfulBasis: {
          regime: 'uk-gdpr',
          article6: 'a-consent',
          article9: 'a-explicit-consent',
          article10: true,
          schedule1: ['para-29-consent'],
        },
      }),
    ).toEqual([
      'lawfulBasis.article6:consent-basis-needs-consent',
      'lawfulBasis.article9:consent-basis-needs-consent',
      'lawfulBasis.schedule1:consent-basis-needs-consent',
    ]);
    expect(
      refusedWith({
        ...share,
        consent: withoutConsent,
        lawfulBasis: { regime: 'dpa-2018-part-3', section35: 'consent' },
      }),
    ).toEqual(['lawfulBasis.section35:consent-basis-needs-consent']);
    expect(refusedWith({ ...share, consent: withoutConsent })).toEqual([]);
    expect(refusedWith({ ...share, lawfulBasis: { regime: 'dpa-2018-part-3', section35: 'consent' } })).toEqual([]);
  });

  it('records information shared with the basis, the agreement and consent it rests on', () => {
    spec
      .given()
      .when(share)
      .thenEvents((events) =>
        expect(events).toEqual([
          {
            type: 'information-shared',
            data: expect.objectContaining({
              personId: 'p-1',
              caseId: 'c-1',
              fromAgency: 'Metropolitan Police',
              toAgency: 'Haringey Council',
              fields: ['status', 'children'],
              lawfulBasis: BASIS,
              dsaId: 'dsa-1',
              consent: { given: true },
            }),
          },
        ]),
      );
  });

  it('keeps the records behind an entry about a person alone, never on one about a case (it follows its case)', () => {
    const records = ['r-1', 'r-2', 'r-1'];
    const about = (caseId: string | null) => {
      const [shared] = decideDisclosure(
        { ...share, caseId, fields: ['address'], personRecordIds: records },
        {
          exists: false,
        },
      );
      const [withheld] = decideDisclosure({ ...withhold, caseId, personRecordIds: records }, { exists: false });
      return [shared, withheld].map((event) => (event?.data as { personRecordIds?: string[] }).personRecordIds);
    };
    expect(about(null)).toEqual([
      ['r-1', 'r-2'],
      ['r-1', 'r-2'],
    ]);
    expect(about('c-1')).toEqual([undefined, undefined]);
  });

  it('keeps the records behind each person field disclosed, about a case or a person alone', () => {
    const behind = { address: ['r-2', 'r-2'], name: ['r-1'], status: ['r-1'] } as Record<string, string[]>;
    const about = (caseId: string | null) => {
      const [shared] = decideDisclosure(
        {
          ...share,
          caseId,
          fields: caseId === null ? ['address', 'postcode'] : ['address', 'postcode', 'status'],
          recordsBehindFields: behind,
        },
        { exists: false },
      );
      return (shared?.data as { recordsBehindFields?: unknown }).recordsBehindFields;
    };
    // Each disclosed person field's records once; a field not disclosed (name) or not a person field (status) none.
    expect(about(null)).toEqual({ address: ['r-2'], postcode: [] });
    expect(about('c-1')).toEqual({ address: ['r-2'], postcode: [] });
    const [without] = decideDisclosure({ ...share, fields: ['address'] }, { exists: false });
    expect(without?.data).not.toHaveProperty('recordsBehindFields');
  });

  it('refuses with 422 rules when the agreement was not in force or did not include both agencies then', () => {
    spec
      .given()
      .when({ ...share, dsa: initialDsaState() })
      .thenRejects('rule-refused', 'dsa-exists');
    spec
      .given()
      .when({ ...share, occurredAt: '2023-12-31T10:00:00Z' })
      .thenRejects('rule-refused', 'dsa-in-force');
    spec
      .given()
      .when({ ...share, toAgency: 'Probation' })
      .thenRejects('rule-refused', 'dsa-includes-both-parties');
    spec
      .given()
      .when({ ...share, toAgency: 'Probation', occurredAt: '2024-06-02T10:00:00Z' })
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('needs a justification when consent is not given, something to share, and another agency', () => {
    spec
      .given()
      .when({ ...share, consent: { given: false } })
      .thenRejects('invalid', 'justification-required');
    spec
      .given()
      .when({ ...share, fields: [] })
      .thenRejects('invalid', 'something-to-share');
    spec
      .given()
      .when({ ...share, toAgency: 'metropolitan police' })
      .thenRejects('invalid', 'another-agency');
    spec
      .given()
      .when({ ...share, caseId: null, fields: ['status'] })
      .thenRejects('invalid', 'case-field-needs-case');
    spec
      .given()
      .when({ ...share, expiresAt: '2024-04-01T00:00:00Z' })
      .thenRejects('invalid', 'after-occurred-at');
  });

  it('lets only the disclosing agency (or an admin) revoke, once, and never a decision not to share', () => {
    const shared = {
      type: 'information-shared',
      data: {
        disclosureId: 'd-1',
        caseId: 'c-1',
        personId: 'p-1',
        fromAgency: 'Metropolitan Police',
        toAgency: 'Probation',
        occurredAt: '2024-05-01T10:00:00Z',
      },
    } as DisclosureEvent;
    const revoke = {
      type: 'revoke-disclosure',
      reason: 'done',
      occurredAt: '2024-06-01T00:00:00Z',
      recordedAt: '2024-06-01T00:00:00Z',
    } as const;
    spec
      .given(shared)
      .when({ ...revoke, byAgency: 'Probation', knowsOfEntry: true, mayRevokeAny: false })
      .thenRejects('forbidden', 'disclosing-agency');
    spec
      .given(shared)
      .when({ ...revoke, byAgency: 'Probation', knowsOfEntry: false, mayRevokeAny: true })
      .then([
        {
          type: 'disclosure-revoked',
          // The entry's case and person, so the audit trail files the revocation under them.
          data: {
            disclosureId: 'd-1',
            caseId: 'c-1',
            personId: 'p-1',
            reason: 'done',
            occurredAt: '2024-06-01T00:00:00Z',
          },
        },
      ]);
    const revoked = {
      type: 'disclosure-revoked',
      data: { disclosureId: 'd-1', reason: 'x', occurredAt: 'x' },
    } as DisclosureEvent;
    spec
      .given(shared, revoked)
      .when({ ...revoke, byAgency: 'Metropolitan Police', knowsOfEntry: true, mayRevokeAny: false })
      .thenRejects('conflict', 'disclosure-open');
    const withheld = {
      type: 'information-withheld',
      data: { disclosureId: 'd-2', fromAgency: 'Metropolitan Police', toAgency: 'Probation' },
    } as DisclosureEvent;
    spec
      .given(withheld)
      .when({ ...revoke, byAgency: 'Metropolitan Police', knowsOfEntry: true, mayRevokeAny: false })
      .thenRejects('conflict', 'shared-disclosure');
  });

  it('refuses a revocation dated before the disclosure it revokes, naming occurredAt, or with a blank reason', () => {
    const shared = {
      type: 'information-shared',
      data: {
        disclosureId: 'd-1',
        fromAgency: 'Metropolitan Police',
        toAgency: 'Probation',
        occurredAt: '2024-05-01T10:00:00Z',
      },
    } as DisclosureEvent;
    const revoke = {
      type: 'revoke-disclosure',
      reason: 'done',
      recordedAt: '2024-06-01T10:00:00Z',
      byAgency: 'Metropolitan Police',
      knowsOfEntry: true,
      mayRevokeAny: false,
    } as const;
    spec
      .given(shared)
      .when({ ...revoke, occurredAt: '2024-05-01T09:59:59Z' })
      .thenRejects('invalid', 'revoked-after-disclosure');
    spec
      .given(shared)
      .when({ ...revoke, occurredAt: '2024-05-01T10:00:00Z' })
      .thenEvents((events) => expect(events).toHaveLength(1));
    spec
      .given(shared)
      .when({ ...revoke, reason: '  ', occurredAt: '2024-05-01T10:00:00Z' })
      .thenRejects('invalid', 'reason-required');
    spec
      .given(shared)
      .when({ ...revoke, reason: ' done ', occurredAt: '2024-05-01T10:00:00Z' })
      .thenEvents(([event]) => expect(event?.data).toMatchObject({ reason: 'done' }));
    // Dated ahead of the server's clock beyond skew, it would read closed while access is still open.
    spec
      .given(shared)
      .when({ ...revoke, occurredAt: '2024-06-01T10:06:00Z' })
      .thenRejects('invalid', 'revocation-not-in-future');
    spec
      .given(shared)
      .when({ ...revoke, occurredAt: '2024-06-01T10:04:00Z' })
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('refuses a share or a decision not to share dated later than now beyond clock skew, naming occurredAt', () => {
    const now = '2024-05-01T10:00:00Z';
    const later = (minutes: number) => new Date(Date.parse(now) + minutes * 60_000).toISOString();
    expect(refusedWith({ ...share, recordedAt: now, occurredAt: later(6) })).toEqual([
      'occurredAt:disclosure-not-in-future',
    ]);
    expect(refusedWith({ ...share, recordedAt: now, occurredAt: later(4) })).toEqual([]);
    spec
      .given()
      .when({ ...withhold, recordedAt: now, occurredAt: later(6) })
      .thenRejects('invalid', 'disclosure-not-in-future');
    spec
      .given()
      .when({ ...withhold, recordedAt: now, occurredAt: later(4) })
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('refuses a decision about a case dated on a UK day before its referral, naming occurredAt', () => {
    // Referred at 00:30 BST on 1 May: 23:59 BST on 30 April is the day before, 00:10 BST the same day.
    const referred = { referredAt: '2024-04-30T23:30:00Z' };
    const dayBefore = { ...referred, occurredAt: '2024-04-30T22:59:00Z' };
    const sameDay = { ...referred, occurredAt: '2024-04-30T23:10:00Z' };
    expect(refusedWith({ ...share, ...dayBefore })).toEqual(['occurredAt:disclosure-from-referral']);
    spec
      .given()
      .when({ ...withhold, ...dayBefore })
      .thenRejects('invalid', 'disclosure-from-referral');
    for (const command of [share, withhold])
      spec
        .given()
        .when({ ...command, ...sameDay })
        .thenEvents((events) => expect(events).toHaveLength(1));
    // About a person alone, from the earliest referral behind the records it passes on, when known.
    spec
      .given()
      .when({ ...withhold, caseId: null, ...dayBefore })
      .thenRejects('invalid', 'disclosure-from-referral');
    spec
      .given()
      .when({ ...withhold, caseId: null, ...sameDay })
      .thenEvents((events) => expect(events).toHaveLength(1));
    spec
      .given()
      .when({ ...withhold, caseId: null, referredAt: null, occurredAt: '2020-01-01T10:00:00Z' })
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('refuses a blank purpose, and records one trimmed', () => {
    expect(refusedWith({ ...share, purpose: '  \t ' })).toEqual(['purpose:purpose-required']);
    spec
      .given()
      .when({ ...withhold, purpose: '   ' })
      .thenRejects('invalid', 'purpose-required');
    spec
      .given()
      .when({ ...share, purpose: '  Safety planning ' })
      .thenEvents(([event]) => expect(event?.data).toMatchObject({ purpose: 'Safety planning' }));
  });

  it('records a decision not to share because consent was refused, asking no justification', () => {
    spec
      .given()
      .when({ ...withhold, consent: { given: false } })
      .thenEvents((events) =>
        expect(events).toEqual([
          { type: 'information-withheld', data: expect.objectContaining({ consent: { given: false } }) },
        ]),
      );
  });

  it('checks the agreement a decision not to share cites (always one), and that it names the would-be recipient', () => {
    spec
      .given()
      .when({ ...withhold, dsaId: 'dsa-x', dsa: initialDsaState() })
      .thenRejects('rule-refused', 'dsa-exists');
    spec
      .given()
      .when({ ...withhold, dsaId: 'dsa-1', dsa, toAgency: 'Haringey Borough Council' })
      .thenRejects('rule-refused', 'dsa-includes-both-parties');
    // Any spell of membership will do, and the agreement need not be in force then.
    spec
      .given()
      .when({ ...withhold, dsaId: 'dsa-1', dsa, toAgency: ' probation', occurredAt: '2023-01-01T00:00:00Z' })
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('answers a caller who may not know of the entry as if there were none, whatever their agency', () => {
    const shared = {
      type: 'information-shared',
      data: { disclosureId: 'd-1', fromAgency: 'Metropolitan Police', toAgency: 'Probation' },
    } as DisclosureEvent;
    const revoke = {
      type: 'revoke-disclosure',
      reason: 'done',
      occurredAt: '2024-06-01T00:00:00Z',
      recordedAt: '2024-06-01T00:00:00Z',
    } as const;
    for (const byAgency of ['Metropolitan Police', 'probation', 'Youth Justice'])
      spec
        .given(shared)
        .when({ ...revoke, byAgency, knowsOfEntry: false, mayRevokeAny: false })
        .thenRejects('not-found', 'disclosure-exists');
  });
});

describe('who may know of a register entry', () => {
  const shared = {
    kind: 'shared',
    fromAgency: 'Metropolitan Police',
    toAgency: 'Probation',
    toUserId: null,
    recordedById: 'marac-1',
    dsaId: 'dsa-1',
  };
  const withheld = { ...shared, kind: 'withheld' };
  const reader = (agency: string, seesSubject: boolean, id = 'reader-1') => ({ id, agency, seesSubject });

  it('keeps an entry from the disclosing agency’s officers off the case’s panel', () => {
    expect(mayKnowOfEntry(withheld, reader('metropolitan  police', false))).toBe(false);
    expect(mayKnowOfEntry(shared, reader('Metropolitan Police', false))).toBe(false);
    expect(mayKnowOfEntry(withheld, reader('Metropolitan Police', true))).toBe(true);
  });

  it('shows it to the case’s panel members of any agency, and to whoever recorded it', () => {
    expect(mayKnowOfEntry(withheld, reader('Haringey Council', true))).toBe(true);
    expect(mayKnowOfEntry(withheld, reader('Metropolitan Police', false, 'marac-1'))).toBe(true);
  });

  it('gives the recipient agency its shares, never a decision not to share with it', () => {
    expect(mayKnowOfEntry(shared, reader('probation', false))).toBe(true);
    expect(mayKnowOfEntry(withheld, reader('Probation', true))).toBe(false);
  });
});

describe('what a disclosure opens', () => {
  it('shows exactly the disclosed case fields and the case id, nothing else', () => {
    const view = { caseId: 'c-1', personId: 'p-1', status: 'accepted', riskRating: 'red', details: { kind: 'marac' } };
    expect(disclosedCaseView(view, new Set(['status', 'address']))).toEqual({ caseId: 'c-1', status: 'accepted' });
  });

  it('discloses a MARAC case’s details without naming its perpetrator', () => {
    const details = {
      kind: 'marac',
      repeat: true,
      criteriaMet: ['dash'],
      perpetratorPersonId: 'p-2',
      consentGiven: true,
    };
    const view = { caseId: 'c-1', personId: 'p-1', status: 'accepted', details };
    expect(disclosedCaseView(view, new Set(['status', 'details']))).toEqual({
      caseId: 'c-1',
      status: 'accepted',
      details: { kind: 'marac', repeat: true, criteriaMet: ['dash'], consentGiven: true },
    });
    expect(details.perpetratorPersonId).toBe('p-2');
  });

  it('maps person fields to details, and keeps a MARAC victim’s address and postcode back unless opened', () => {
    const details = {
      forenames: 'Ama',
      surname: 'Mensah',
      dateOfBirth: '1988-02-14',
      address: '1 Row',
      postcode: 'N17 6AB',
    };
    expect(disclosedPersonDetails(details, new Set(['name']))).toEqual({ forenames: 'Ama', surname: 'Mensah' });
    expect(withoutMaracRestricted(details, new Set())).toEqual({
      forenames: 'Ama',
      surname: 'Mensah',
      dateOfBirth: '1988-02-14',
    });
    expect(withoutMaracRestricted(details, new Set(['address']))).toMatchObject({ address: '1 Row' });
  });
});
