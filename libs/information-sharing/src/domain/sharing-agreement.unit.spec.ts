import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import {
  currentParties,
  dsaDecider,
  dsaInForceAt,
  evolveDsa,
  initialDsaState,
  inForceSpells,
  madeAt,
  wasPartyAt,
  type DsaEvent,
  type DsaRecord,
  type SignDsa,
} from './sharing-agreement';

const spec = deciderSpecification(dsaDecider);
/** When the commands are received: after every date they carry. */
const NOW = '2026-11-25T12:00:00Z';
const BASIS = { regime: 'uk-gdpr', article6: 'e-public-task' } as const;
const sign: SignDsa = {
  type: 'sign-dsa',
  recordedAt: NOW,
  dsaId: 'dsa-1',
  title: 'Borough DSA',
  parties: ['Metropolitan Police', 'Haringey Council'],
  purpose: 'Protecting victims',
  lawfulBasis: BASIS,
  reviewDate: '2025-04-01',
  inForceFrom: '2024-04-01',
  inForceTo: '2025-03-31',
  occurredAt: '2024-03-20T10:00:00Z',
};
const signed: DsaEvent = {
  type: 'dsa-signed',
  data: { ...sign, lawfulBasis: BASIS, parties: ['Metropolitan Police', 'Haringey Council'] } as never,
};
const stateAfter = (...events: DsaEvent[]) => events.reduce(evolveDsa, initialDsaState()) as DsaRecord;

describe('data sharing agreement decider', () => {
  it('signs an agreement with two or more agencies and a coherent lawful basis', () => {
    spec
      .given()
      .when(sign)
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-signed']));
    spec
      .given()
      .when({ ...sign, parties: ['Metropolitan Police', ' metropolitan  police '] })
      .thenRejects('invalid', 'at-least-two-parties');
    spec
      .given()
      .when({ ...sign, lawfulBasis: { regime: 'uk-gdpr', article6: 'e-public-task', article10: true } })
      .thenRejects('invalid', 'schedule-1-condition-required');
    spec
      .given()
      .when({ ...sign, inForceTo: '2024-01-01' })
      .thenRejects('invalid', 'not-before-in-force-from');
    spec.given(signed).when(sign).thenRejects('conflict', 'dsa-new');
  });

  it('is in force on the UK calendar days it covers, until it expires', () => {
    const state = stateAfter(signed);
    expect(dsaInForceAt(state, '2024-03-31T22:59:00Z')).toBe(false); // 23:59 BST on 31 March
    expect(dsaInForceAt(state, '2024-03-31T23:30:00Z')).toBe(true); // 00:30 BST on 1 April
    expect(dsaInForceAt(state, '2025-03-31T12:00:00Z')).toBe(true);
    expect(dsaInForceAt(state, '2025-04-01T12:00:00Z')).toBe(false);
    const expired = stateAfter(signed, {
      type: 'dsa-expired',
      data: { reason: null, occurredAt: '2024-09-01T09:00:00Z' },
    });
    expect(dsaInForceAt(expired, '2024-09-01T08:59:00Z')).toBe(true);
    expect(dsaInForceAt(expired, '2024-09-01T09:00:00Z')).toBe(false);
  });

  it('judges membership at a moment: an agency added later was not a party before, a removed one not after', () => {
    const state = stateAfter(
      signed,
      { type: 'dsa-party-added', data: { agency: 'Probation', occurredAt: '2024-06-01T09:00:00Z' } },
      {
        type: 'dsa-party-removed',
        data: { agency: 'Haringey Council', reason: 'left', occurredAt: '2024-07-01T09:00:00Z' },
      },
    );
    expect(wasPartyAt(state, 'probation', '2024-05-31T09:00:00Z')).toBe(false);
    expect(wasPartyAt(state, 'Probation', '2024-06-01T09:00:00Z')).toBe(true);
    expect(wasPartyAt(state, 'Haringey Council', '2024-06-30T09:00:00Z')).toBe(true);
    expect(wasPartyAt(state, 'Haringey Council', '2024-07-01T09:00:00Z')).toBe(false);
  });

  it('refuses to change an expired agreement, to add a party twice, or to leave fewer than two', () => {
    const expired: DsaEvent = { type: 'dsa-expired', data: { reason: null, occurredAt: '2024-09-01T09:00:00Z' } };
    const at = '2024-10-01T09:00:00Z';
    spec
      .given(signed, expired)
      .when({ type: 'add-dsa-party', recordedAt: NOW, agency: 'Probation', occurredAt: at })
      .thenRejects('conflict', 'dsa-not-expired');
    spec
      .given(signed)
      .when({ type: 'add-dsa-party', recordedAt: NOW, agency: 'HARINGEY COUNCIL', occurredAt: at })
      .thenRejects('conflict', 'party-not-on-dsa');
    spec
      .given(signed)
      .when({
        type: 'remove-dsa-party',
        recordedAt: NOW,
        agency: 'Haringey Council',
        reason: 'x',
        occurredAt: at,
        latestDisclosure: null,
      })
      .thenRejects('conflict', 'at-least-two-parties');
    spec
      .given()
      .when({ type: 'expire-dsa', recordedAt: NOW, reason: null, occurredAt: at, latestDisclosure: null })
      .thenRejects('not-found', 'dsa-exists');
  });

  it('renews to a later review date, keeping or replacing the end date', () => {
    const at = '2025-03-01T09:00:00Z';
    spec
      .given(signed)
      .when({ type: 'renew-dsa', recordedAt: NOW, reviewDate: '2026-04-01', occurredAt: at, latestDisclosure: null })
      .then([{ type: 'dsa-renewed', data: { reviewDate: '2026-04-01', inForceTo: '2025-03-31', occurredAt: at } }]);
    spec
      .given(signed)
      .when({
        type: 'renew-dsa',
        recordedAt: NOW,
        reviewDate: '2026-04-01',
        inForceTo: null,
        occurredAt: at,
        latestDisclosure: null,
      })
      .then([{ type: 'dsa-renewed', data: { reviewDate: '2026-04-01', inForceTo: null, occurredAt: at } }]);
    spec
      .given(signed)
      .when({ type: 'renew-dsa', recordedAt: NOW, reviewDate: '2025-04-01', occurredAt: at, latestDisclosure: null })
      .thenRejects('invalid', 'later-than-current-review');
  });

  it('keeps a lapse uncovered: a renewal after it opens a new spell from its own day', () => {
    const renewed = (occurredAt: string, inForceTo: string | null): DsaEvent => ({
      type: 'dsa-renewed',
      data: { reviewDate: '2031-01-01', inForceTo, occurredAt },
    });
    const afterLapse = stateAfter(signed, renewed('2025-06-10T09:00:00Z', '2030-12-31'));
    expect(inForceSpells(afterLapse)).toEqual([
      { from: '2024-04-01', to: '2025-03-31' },
      { from: '2025-06-10', to: '2030-12-31' },
    ]);
    expect(afterLapse.inForceTo).toBe('2030-12-31');
    expect(dsaInForceAt(afterLapse, '2025-03-31T12:00:00Z')).toBe(true);
    expect(dsaInForceAt(afterLapse, '2025-05-01T12:00:00Z')).toBe(false);
    expect(dsaInForceAt(afterLapse, '2025-06-09T22:59:00Z')).toBe(false); // 23:59 BST on 9 June
    expect(dsaInForceAt(afterLapse, '2025-06-10T12:00:00Z')).toBe(true);

    const inTime = stateAfter(signed, renewed('2025-03-31T09:00:00Z', null));
    expect(inForceSpells(inTime)).toEqual([{ from: '2024-04-01', to: null }]);
  });

  it('refuses a renewal after a lapse that does not reach its own day: it would move the lapsed end over the lapse', () => {
    const renew = (inForceTo?: string | null) =>
      ({
        type: 'renew-dsa',
        recordedAt: NOW,
        reviewDate: '2031-01-01',
        ...(inForceTo === undefined ? {} : { inForceTo }),
        occurredAt: '2025-06-10T09:00:00Z',
        latestDisclosure: null,
      }) as const;
    spec.given(signed).when(renew('2025-06-09')).thenRejects('invalid', 'renewal-reaches-its-day');
    // Kept as it was (31 March), the end does not reach 10 June either.
    spec.given(signed).when(renew()).thenRejects('invalid', 'renewal-reaches-its-day');
    spec
      .given(signed)
      .when(renew('2025-06-10'))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-renewed']));
    spec
      .given(signed)
      .when(renew(null))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-renewed']));
    // While it still runs, an earlier end is only the spell ending sooner.
    spec
      .given(signed)
      .when({ ...renew('2025-03-15'), occurredAt: '2025-03-01T09:00:00Z' })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-renewed']));
  });

  it('reads an agreement stored before spells were kept as one spell from inForceFrom to inForceTo', () => {
    const { inForce: _dropped, ...stored } = stateAfter(signed);
    expect(inForceSpells(stored)).toEqual([{ from: '2024-04-01', to: '2025-03-31' }]);
    const renewed = evolveDsa(stored, {
      type: 'dsa-renewed',
      data: { reviewDate: '2031-01-01', inForceTo: null, occurredAt: '2025-06-10T09:00:00Z' },
    }) as DsaRecord;
    expect(inForceSpells(renewed)).toEqual([
      { from: '2024-04-01', to: '2025-03-31' },
      { from: '2025-06-10', to: null },
    ]);
  });

  it('refuses a change that would leave a disclosure already recorded under the agreement outside it', () => {
    const withProbation: DsaEvent = {
      type: 'dsa-party-added',
      data: { agency: 'Probation', occurredAt: '2024-04-01T00:00:00Z' },
    };
    const latestDisclosure = {
      disclosureId: 'd-1',
      fromAgency: 'Metropolitan Police',
      toAgency: 'Haringey Council',
      occurredAt: '2024-06-01T10:00:00Z',
      recordedAt: '2024-06-02T08:00:00Z',
    };
    const before = '2024-06-01T10:00:00Z';
    const after = '2024-06-01T10:00:01Z';
    const remove = (occurredAt: string) =>
      ({
        type: 'remove-dsa-party',
        recordedAt: NOW,
        agency: 'haringey council',
        reason: 'left',
        occurredAt,
        latestDisclosure,
      }) as const;
    spec.given(signed, withProbation).when(remove(before)).thenRejects('conflict', 'covers-recorded-disclosures');
    spec
      .given(signed, withProbation)
      .when(remove(after))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-party-removed']));
    spec
      .given(signed)
      .when({ type: 'expire-dsa', recordedAt: NOW, reason: null, occurredAt: before, latestDisclosure })
      .thenRejects('conflict', 'covers-recorded-disclosures');
    spec
      .given(signed)
      .when({
        type: 'renew-dsa',
        recordedAt: NOW,
        reviewDate: '2026-04-01',
        inForceTo: '2024-05-31',
        occurredAt: after,
        latestDisclosure,
      })
      .thenRejects('conflict', 'covers-recorded-disclosures');
    spec
      .given(signed)
      .when({
        type: 'renew-dsa',
        recordedAt: NOW,
        reviewDate: '2026-04-01',
        inForceTo: '2024-06-01',
        occurredAt: after,
        latestDisclosure,
      })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-renewed']));
    // A share dated ahead of its recording (within the clock skew) was made when recorded.
    const datedAhead = { ...latestDisclosure, occurredAt: '2024-06-01T10:03:00Z', recordedAt: '2024-06-01T10:00:00Z' };
    expect(madeAt(datedAhead)).toBe('2024-06-01T10:00:00Z');
    spec
      .given(signed)
      .when({ type: 'expire-dsa', recordedAt: NOW, reason: null, occurredAt: after, latestDisclosure: datedAhead })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-expired']));
    spec
      .given(signed, withProbation)
      .when({ ...remove(after), latestDisclosure: datedAhead })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-party-removed']));
    // A disclosure the agreement did not cover anyway holds nothing up.
    const outside = { ...latestDisclosure, toAgency: 'Probation', occurredAt: '2023-01-01T10:00:00Z' };
    spec
      .given(signed)
      .when({ type: 'expire-dsa', recordedAt: NOW, reason: null, occurredAt: before, latestDisclosure: outside })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-expired']));
  });

  it('refuses a removal, renewal or expiry dated before the agreement came into force (400 occurredAt), not one dated before it was entered', () => {
    // In force from 2024-04-01; a paper agreement entered in the system long after (review diff3 D3).
    const enteredLate: DsaEvent = {
      type: 'dsa-signed',
      data: { ...(signed.data as object), inForceTo: null, occurredAt: '2026-11-24T10:00:00Z' } as never,
    };
    // Joined at 00:00 BST on its first day, so a removal at 00:30 BST follows the joining.
    const withProbation: DsaEvent = {
      type: 'dsa-party-added',
      data: { agency: 'Probation', occurredAt: '2024-03-31T23:00:00Z' },
    };
    const remove = {
      type: 'remove-dsa-party',
      recordedAt: NOW,
      agency: 'Probation',
      reason: 'left',
      latestDisclosure: null,
    } as const;
    const renew = {
      type: 'renew-dsa',
      recordedAt: NOW,
      reviewDate: '2031-01-01',
      inForceTo: '2031-06-30',
      latestDisclosure: null,
    } as const;
    const expire = { type: 'expire-dsa', recordedAt: NOW, reason: null, latestDisclosure: null } as const;
    // 23:59 BST on 31 March is the day before; year 1 is long before.
    for (const occurredAt of ['2024-03-31T22:59:00Z', '0001-01-01T00:00:00Z']) {
      spec
        .given(enteredLate, withProbation)
        .when({ ...remove, occurredAt })
        .thenRejects('invalid', 'dated-within-agreement');
      spec
        .given(enteredLate)
        .when({ ...renew, occurredAt })
        .thenRejects('invalid', 'dated-within-agreement');
      spec
        .given(enteredLate)
        .when({ ...expire, occurredAt })
        .thenRejects('invalid', 'dated-within-agreement');
    }
    // 00:30 BST on 1 April is its first day in force; the true history before its entry is recordable.
    for (const occurredAt of ['2024-03-31T23:30:00Z', '2025-01-01T00:00:00Z']) {
      spec
        .given(enteredLate, withProbation)
        .when({ ...remove, occurredAt })
        .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-party-removed']));
      spec
        .given(enteredLate)
        .when({ ...expire, occurredAt })
        .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-expired']));
    }
  });
});

describe('data sharing agreement changes are recorded once made', () => {
  const later = '2030-01-01T00:00:00Z';
  const withProbation: DsaEvent = {
    type: 'dsa-party-added',
    data: { agency: 'Probation', occurredAt: '2024-04-01T00:00:00Z' },
  };
  const changes = (occurredAt: string) =>
    [
      { type: 'add-dsa-party', agency: 'Camden Council', occurredAt, recordedAt: NOW },
      {
        type: 'remove-dsa-party',
        agency: 'Probation',
        reason: 'left',
        occurredAt,
        recordedAt: NOW,
        latestDisclosure: null,
      },
      {
        type: 'renew-dsa',
        reviewDate: '2031-01-01',
        inForceTo: null,
        occurredAt,
        recordedAt: NOW,
        latestDisclosure: null,
      },
      { type: 'expire-dsa', reason: null, occurredAt, recordedAt: NOW, latestDisclosure: null },
    ] as const;

  it('refuses a signature or change dated later than now (400 occurredAt), allowing a device clock a little ahead', () => {
    spec
      .given()
      .when({ ...sign, occurredAt: later })
      .thenRejects('invalid', 'dsa-change-not-in-future');
    for (const change of changes(later))
      spec.given(signed, withProbation).when(change).thenRejects('invalid', 'dsa-change-not-in-future');
    const fourMinutesAhead = '2026-11-25T12:04:00Z';
    for (const change of changes(fourMinutesAhead))
      spec
        .given(signed, withProbation)
        .when(change)
        .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('lets an expiry written ahead (before such dates were refused) be brought forward to now', () => {
    const expiresAhead: DsaEvent = { type: 'dsa-expired', data: { reason: 'typo', occurredAt: later } };
    spec
      .given(signed, expiresAhead)
      .when({ type: 'expire-dsa', reason: 'ends today', occurredAt: NOW, recordedAt: NOW, latestDisclosure: null })
      .then([{ type: 'dsa-expired', data: { reason: 'ends today', occurredAt: NOW } }]);
    const broughtForward = stateAfter(signed, expiresAhead, {
      type: 'dsa-expired',
      data: { reason: 'ends today', occurredAt: NOW },
    });
    expect(dsaInForceAt(broughtForward, '2026-11-25T12:00:01Z')).toBe(false);
    // An expiry that has come still ends every change.
    spec
      .given(signed, { type: 'dsa-expired', data: { reason: null, occurredAt: '2026-11-25T11:59:00Z' } })
      .when({ type: 'expire-dsa', reason: null, occurredAt: NOW, recordedAt: NOW, latestDisclosure: null })
      .thenRejects('conflict', 'dsa-not-expired');
  });

  it('lets a renewal made now withdraw an expiry written ahead: the agreement ends where the renewal says', () => {
    const openEnded: DsaEvent = {
      type: 'dsa-renewed',
      data: { reviewDate: '2025-04-01', inForceTo: null, occurredAt: '2025-03-01T09:00:00Z' },
    };
    const expiresAhead: DsaEvent = {
      type: 'dsa-expired',
      data: { reason: 'the review date, typed here', occurredAt: later },
    };
    const renewNow = (inForceTo: string | null) =>
      ({
        type: 'renew-dsa',
        reviewDate: '2031-06-01',
        inForceTo,
        occurredAt: NOW,
        recordedAt: NOW,
        latestDisclosure: null,
      }) as const;
    spec
      .given(signed, openEnded, expiresAhead)
      .when(renewNow(null))
      .then([{ type: 'dsa-renewed', data: { reviewDate: '2031-06-01', inForceTo: null, occurredAt: NOW } }]);
    const renewed = (inForceTo: string | null) =>
      stateAfter(signed, openEnded, expiresAhead, {
        type: 'dsa-renewed',
        data: { reviewDate: '2031-06-01', inForceTo, occurredAt: NOW },
      });
    expect(renewed(null).expiredAt).toBeNull();
    expect(dsaInForceAt(renewed(null), '2030-06-01T12:00:00Z')).toBe(true);
    expect(dsaInForceAt(renewed('2027-12-31'), '2027-12-31T12:00:00Z')).toBe(true);
    expect(dsaInForceAt(renewed('2027-12-31'), '2028-01-01T12:00:00Z')).toBe(false);
    // An expiry that has come is no planned end: it stays, and still ends every change.
    const expired = stateAfter(
      signed,
      openEnded,
      { type: 'dsa-expired', data: { reason: null, occurredAt: '2026-01-01T00:00:00Z' } },
      { type: 'dsa-renewed', data: { reviewDate: '2031-06-01', inForceTo: null, occurredAt: later } },
    );
    expect(expired.expiredAt).toBe('2026-01-01T00:00:00Z');
  });

  it('lets a renewal made now after a lapse replace a renewal written ahead, from its own day', () => {
    // Lapsed on 31 March 2025; a renewal dated 2030 opened a spell that has not begun.
    const renewedAhead: DsaEvent = {
      type: 'dsa-renewed',
      data: { reviewDate: '2031-01-01', inForceTo: null, occurredAt: '2030-01-01T10:00:00Z' },
    };
    const renewNow = (inForceTo: string | null) =>
      ({
        type: 'renew-dsa',
        reviewDate: '2031-07-01',
        inForceTo,
        occurredAt: NOW,
        recordedAt: NOW,
        latestDisclosure: null,
      }) as const;
    spec
      .given(signed, renewedAhead)
      .when(renewNow('2027-12-31'))
      .then([{ type: 'dsa-renewed', data: { reviewDate: '2031-07-01', inForceTo: '2027-12-31', occurredAt: NOW } }]);
    const renewed = (inForceTo: string | null) =>
      stateAfter(signed, renewedAhead, {
        type: 'dsa-renewed',
        data: { reviewDate: '2031-07-01', inForceTo, occurredAt: NOW },
      });
    expect(inForceSpells(renewed('2027-12-31'))).toEqual([
      { from: '2024-04-01', to: '2025-03-31' },
      { from: '2026-11-25', to: '2027-12-31' },
    ]);
    expect(inForceSpells(renewed(null))).toEqual([
      { from: '2024-04-01', to: '2025-03-31' },
      { from: '2026-11-25', to: null },
    ]);
    expect(dsaInForceAt(renewed(null), NOW)).toBe(true);
    expect(dsaInForceAt(renewed(null), '2026-06-01T12:00:00Z')).toBe(false);
    // The lapse stays a lapse: a renewal now still reaches its own day.
    spec.given(signed, renewedAhead).when(renewNow('2026-11-24')).thenRejects('invalid', 'renewal-reaches-its-day');
  });

  it('lets a party whose leaving was written ahead be removed now', () => {
    const leavesAhead: DsaEvent = {
      type: 'dsa-party-removed',
      data: { agency: 'Probation', reason: 'typo', occurredAt: later },
    };
    const removeNow = {
      type: 'remove-dsa-party',
      agency: 'probation',
      reason: 'left today',
      occurredAt: NOW,
      recordedAt: NOW,
      latestDisclosure: null,
    } as const;
    spec
      .given(signed, withProbation, leavesAhead)
      .when(removeNow)
      .then([{ type: 'dsa-party-removed', data: { agency: 'probation', reason: 'left today', occurredAt: NOW } }]);
    const removed = stateAfter(signed, withProbation, leavesAhead, {
      type: 'dsa-party-removed',
      data: { agency: 'probation', reason: 'left today', occurredAt: NOW },
    });
    expect(wasPartyAt(removed, 'Probation', '2026-11-25T11:59:59Z')).toBe(true);
    expect(wasPartyAt(removed, 'Probation', '2026-11-25T12:00:01Z')).toBe(false);
    // Still a party until then, so not one to add again.
    spec
      .given(signed, withProbation, leavesAhead)
      .when({ type: 'add-dsa-party', agency: 'Probation', occurredAt: NOW, recordedAt: NOW })
      .thenRejects('conflict', 'party-not-on-dsa');
  });

  it('ends every spell of a party whose leaving was written ahead and who was then added back', () => {
    const leavesAhead: DsaEvent = {
      type: 'dsa-party-removed',
      data: { agency: 'Probation', reason: 'typo', occurredAt: later },
    };
    const addedBack: DsaEvent = {
      type: 'dsa-party-added',
      data: { agency: 'Probation', occurredAt: '2026-11-20T09:00:00Z' },
    };
    const both = stateAfter(signed, withProbation, leavesAhead, addedBack);
    expect(currentParties(both, NOW)).toEqual(['Metropolitan Police', 'Haringey Council', 'Probation']);
    const removeNow = {
      type: 'remove-dsa-party',
      agency: 'Probation',
      reason: 'left today',
      occurredAt: NOW,
      recordedAt: NOW,
      latestDisclosure: null,
    } as const;
    const removedEvent: DsaEvent = {
      type: 'dsa-party-removed',
      data: { agency: 'Probation', reason: 'left today', occurredAt: NOW },
    };
    spec.given(signed, withProbation, leavesAhead, addedBack).when(removeNow).then([removedEvent]);
    const removed = stateAfter(signed, withProbation, leavesAhead, addedBack, removedEvent);
    expect(wasPartyAt(removed, 'Probation', '2026-11-25T12:00:01Z')).toBe(false);
    expect(wasPartyAt(removed, 'Probation', '2029-06-01T00:00:00Z')).toBe(false);
    expect(currentParties(removed, NOW)).toEqual(['Metropolitan Police', 'Haringey Council']);
    spec
      .given(signed, withProbation, leavesAhead, addedBack, removedEvent)
      .when({ ...removeNow, occurredAt: '2026-11-25T12:01:00Z', recordedAt: '2026-11-25T12:01:00Z' })
      .thenRejects('conflict', 'party-on-dsa');
  });

  it('counts a joining written ahead only once it comes: the agency may be added now, and that joining stands', () => {
    const joinsAhead: DsaEvent = {
      type: 'dsa-party-added',
      data: { agency: 'Camden Council', occurredAt: '2030-11-25T10:00:00Z' },
    };
    expect(currentParties(stateAfter(signed, joinsAhead), NOW)).toEqual(['Metropolitan Police', 'Haringey Council']);
    const addedNow: DsaEvent = { type: 'dsa-party-added', data: { agency: 'Camden Council', occurredAt: NOW } };
    spec
      .given(signed, joinsAhead)
      .when({ type: 'add-dsa-party', agency: 'Camden Council', occurredAt: NOW, recordedAt: NOW })
      .then([addedNow]);
    expect(stateAfter(signed, joinsAhead, addedNow).memberships.filter((m) => m.agency === 'Camden Council')).toEqual([
      { agency: 'Camden Council', joinedAt: NOW, leftAt: null },
    ]);
    // Not a party yet, so not one to remove either.
    spec
      .given(signed, withProbation, joinsAhead)
      .when({
        type: 'remove-dsa-party',
        agency: 'Camden Council',
        reason: 'typo',
        occurredAt: NOW,
        recordedAt: NOW,
        latestDisclosure: null,
      })
      .thenRejects('conflict', 'party-on-dsa');
  });

  it('refuses a removal dated before the party last joined (400 occurredAt)', () => {
    const joined: DsaEvent = {
      type: 'dsa-party-added',
      data: { agency: 'Camden Council', occurredAt: '2025-06-01T10:00:00Z' },
    };
    const remove = {
      type: 'remove-dsa-party',
      agency: 'Camden Council',
      reason: 'left',
      recordedAt: NOW,
      latestDisclosure: null,
    } as const;
    spec
      .given(signed, withProbation, joined)
      .when({ ...remove, occurredAt: '2025-06-01T09:59:59Z' })
      .thenRejects('invalid', 'dsa-party-removed-after-joining');
    spec
      .given(signed, withProbation, joined)
      .when({ ...remove, occurredAt: '2025-06-01T10:00:00Z' })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-party-removed']));
  });

  it('refuses a party added back dated before it last left, which would reopen what its removal closed', () => {
    const left: DsaEvent = {
      type: 'dsa-party-removed',
      data: { agency: 'Probation', reason: 'left the partnership', occurredAt: '2025-11-01T10:00:00Z' },
    };
    const add = { type: 'add-dsa-party', agency: 'probation', recordedAt: NOW } as const;
    spec
      .given(signed, withProbation, left)
      .when({ ...add, occurredAt: '2025-10-20T10:00:00Z' })
      .thenRejects('invalid', 'dsa-party-added-after-leaving');
    spec
      .given(signed, withProbation, left)
      .when({ ...add, occurredAt: '2025-11-02T10:00:00Z' })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['dsa-party-added']));
  });

  it('refuses a party added dated before the agreement came into force', () => {
    spec
      .given(signed)
      .when({ type: 'add-dsa-party', agency: 'Camden Council', occurredAt: '2020-01-01T10:00:00Z', recordedAt: NOW })
      .thenRejects('invalid', 'dated-within-agreement');
  });
});
