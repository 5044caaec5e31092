import { deciderSpecification } from '../../../../command-handling/src/testing/decider-specification';
import type { MatchLevels } from '../matching';
import type { PersonLinkEvent } from './identity-events';
import { IDENTITY_RULES } from './identity-rules';
import {
  personLinksDecider,
  type PersonLinksCommand,
  type RecordsAndCases,
  type SplitFacts,
  type SplitOffPerson,
} from './person-links.decider';
import type { RestoreSplitOffData } from './restore-split-off';

const spec = deciderSpecification(personLinksDecider);
const AT = '2024-06-01T10:00:00Z';
const link: PersonLinksCommand = {
  type: 'link-record',
  data: {
    personId: 'p-1',
    recordId: 'r-2',
    details: { forenames: 'Bob', surname: 'Testperson', aliases: [], dateOfBirth: '1980-02-03', identifiers: {} },
    score: 14.5,
    levels: { forename: 'nickname' } as unknown as MatchLevels,
    identifierAgreement: false,
    occurredAt: AT,
  },
};
const now: SplitFacts = {
  mergedPersonIds: ['p-2'],
  recordIds: ['p-1', 'r-2', 'p-2'],
  caseIds: ['c-1', 'c-2'],
  casesWithTheirRecords: [],
};
/** p-2 was merged into p-1: restoring p-2 takes back its own record and case. */
const restoreP2 = { restore: 'p-2', takesBack: { recordIds: ['p-2'], caseIds: ['c-2'] } };
const split = (
  into: { restore: string; takesBack: RecordsAndCases } | { newPersonId: string },
  recordIds: string[] = [],
  caseIds: string[] = [],
  reason = 'mother and daughter share a name',
): PersonLinksCommand => ({
  type: 'split-person',
  data: { personId: 'p-1', into, recordIds, caseIds, reason, now, factsAtRevision: -1, occurredAt: AT },
});

/** p-9 was split off p-1 holding only the perpetrator's record r-2 a MARAC referral brought in. */
const splitOff: SplitOffPerson = {
  personId: 'p-9',
  splitFrom: 'p-1',
  mergedPersonIds: [],
  recordIds: ['r-2'],
  caseIds: [],
  perpetratorRecordIds: ['r-2'],
};
/** Everything the split moved was held under p-1 until then, and p-1 is still p-1. */
const heldByP1 = ({ recordIds, caseIds }: RecordsAndCases): RestoreSplitOffData['cameFrom'] => [
  ...recordIds.map((id) => ({ kind: 'record' as const, id, home: 'p-1', homeNow: 'p-1' })),
  ...caseIds.map((id) => ({ kind: 'case' as const, id, home: 'p-1', homeNow: 'p-1' })),
];
const restoreSplitOff = (
  changes: Partial<SplitOffPerson>,
  factsAtRevision = -1,
  moved: RecordsAndCases = { recordIds: ['r-2'], caseIds: [] },
  identifiers: RestoreSplitOffData['identifiers'] = { held: {}, going: {} },
  cameFrom: RestoreSplitOffData['cameFrom'] = heldByP1(moved),
): PersonLinksCommand => ({
  type: 'restore-split-off',
  data: {
    personId: 'p-1',
    splitOff: { ...splitOff, ...changes },
    moved,
    cameFrom,
    identifiers,
    factsAtRevision,
    reason: 'it was him',
    occurredAt: AT,
  },
});
const backOnP1: PersonLinkEvent = {
  type: 'person-split',
  data: {
    personId: 'p-9',
    intoPersonId: 'p-1',
    restored: false,
    recordIds: ['r-2'],
    caseIds: [],
    reason: 'it was him',
    occurredAt: AT,
  },
};

describe('person links decider', () => {
  it('links a record once, with its score and levels', () => {
    spec
      .given()
      .when(link)
      .then([{ type: 'person-record-linked', data: link.data }]);
    spec
      .given({ type: 'person-record-linked', data: link.data } as PersonLinkEvent)
      .when(link)
      .thenNothingHappens();
  });

  describe('details recorded through a case on a linked record', () => {
    const linked = { type: 'person-record-linked', data: link.data } as PersonLinkEvent;
    const recordDetails = (recordId: string, changes: object): PersonLinksCommand => ({
      type: 'record-record-details',
      data: { personId: 'p-1', recordId, changes, source: 'case-marac-1', occurredAt: AT },
    });

    it('records on that record every detail given, even one it already holds', () => {
      spec
        .given(linked)
        .when(recordDetails('r-2', { surname: 'Testperson', address: '1 Synthetic Refuge', safeContactNumber: '1' }))
        .then([
          {
            type: 'person-record-details-recorded',
            data: {
              personId: 'p-1',
              recordId: 'r-2',
              changes: { surname: 'Testperson', address: '1 Synthetic Refuge', safeContactNumber: '1' },
              source: 'case-marac-1',
              occurredAt: AT,
            },
          },
        ]);
    });

    // Her first address, recorded again once she moved back: the golden record dates it from now.
    it('records an address the record already holds, and nothing when nothing is given', () => {
      const moved = {
        type: 'person-record-details-recorded',
        data: { personId: 'p-1', recordId: 'r-2', changes: { address: '1 Synthetic Refuge' }, occurredAt: AT },
      } as PersonLinkEvent;
      spec
        .given(linked, moved)
        .when(recordDetails('r-2', { address: '1 Synthetic Refuge' }))
        .then([
          {
            type: 'person-record-details-recorded',
            data: {
              personId: 'p-1',
              recordId: 'r-2',
              changes: { address: '1 Synthetic Refuge' },
              source: 'case-marac-1',
              occurredAt: AT,
            },
          },
        ]);
      spec
        .given(linked, moved)
        .when(recordDetails('r-2', { address: undefined }))
        .thenNothingHappens();
    });

    it('refuses a record not linked to this person, and a blank address', () => {
      spec
        .given(linked)
        .when(recordDetails('p-1', { address: '2 Synthetic Row' }))
        .thenRejects('invalid', IDENTITY_RULES.recordOfPerson);
      spec
        .given(linked)
        .when(recordDetails('r-2', { address: ' ' }))
        .thenRejects('invalid', 'required');
    });

    // His referral carried her PNC ID: taken off his record, with the reason an auditor reads.
    it('removes an identifier recorded in error, and a later change is judged on the record without it', () => {
      const withPnc = {
        type: 'person-record-linked',
        data: {
          ...link.data,
          details: { ...link.data.details, identifiers: { pnc: '1979/0000001X', nhs: '9990000018' } },
        },
      } as PersonLinkEvent;
      const removal: PersonLinksCommand = {
        type: 'record-record-details',
        data: {
          personId: 'p-1',
          recordId: 'r-2',
          changes: {},
          identifiersRemoved: ['pnc'],
          reason: 'Typed from the victim’s record',
          occurredAt: AT,
        },
      };
      spec
        .given(withPnc)
        .when(removal)
        .then([
          {
            type: 'person-record-details-recorded',
            data: {
              personId: 'p-1',
              recordId: 'r-2',
              changes: {},
              identifiersRemoved: ['pnc'],
              reason: 'Typed from the victim’s record',
              occurredAt: AT,
            },
          },
        ]);
      const removed = personLinksDecider.decide(
        removal,
        personLinksDecider.evolve(personLinksDecider.initialState(), withPnc),
      );
      const state = removed.reduce(
        personLinksDecider.evolve,
        personLinksDecider.evolve(personLinksDecider.initialState(), withPnc),
      );
      expect(state.recordDetails['r-2']?.identifiers).toEqual({ nhs: '9990000018' });
      spec
        .given(withPnc)
        .when({ ...removal, data: { ...removal.data, reason: ' ' } })
        .thenRejects('invalid', 'reason-with-identifiers');
      spec
        .given(withPnc)
        .when({ ...removal, data: { ...removal.data, identifiersRemoved: ['crn'] } })
        .thenRejects('conflict', 'identifier-not-on-record');
      const { identifiersRemoved: _removed, reason: _reason, ...setting } = removal.data;
      spec
        .given(withPnc)
        .when({ ...removal, data: { ...setting, changes: { identifiers: { pnc: '1979/0000001X' } } } })
        .thenRejects('invalid', 'reason-with-identifiers');
    });
  });

  it('restores a person merged into this one', () => {
    spec
      .given()
      .when(split(restoreP2, [], ['c-2']))
      .then([
        {
          type: 'person-split',
          data: {
            personId: 'p-1',
            intoPersonId: 'p-2',
            restored: true,
            recordIds: [],
            caseIds: ['c-2'],
            reason: 'mother and daughter share a name',
            occurredAt: AT,
          },
        },
      ]);
  });

  it('gives the restored person what was linked while merged and sorted to them, and records where each went', () => {
    // r-2 came in with case c-1 while p-2 was merged into p-1; p-3 is a record that stays.
    const linked = [
      { recordId: 'r-2', caseId: 'c-1', goesBack: true, by: 'score' as const },
      { recordId: 'p-3', goesBack: false, by: 'identifier' as const },
    ];
    const facts = { ...now, recordIds: [...now.recordIds, 'p-3'] };
    spec
      .given()
      .when({
        type: 'split-person',
        data: {
          ...(split(restoreP2).data as Extract<PersonLinksCommand, { type: 'split-person' }>['data']),
          into: { ...restoreP2, linkedWhileMerged: linked },
          now: facts,
        },
      })
      .thenEvents((events) =>
        expect(events[0]?.data).toEqual({
          personId: 'p-1',
          intoPersonId: 'p-2',
          restored: true,
          recordIds: ['r-2'],
          caseIds: ['c-1'],
          linkedWhileMerged: [
            { recordId: 'r-2', caseId: 'c-1', to: 'p-2', by: 'score' },
            { recordId: 'p-3', to: 'p-1', by: 'identifier' },
          ],
          reason: 'mother and daughter share a name',
          occurredAt: AT,
        }),
      );
  });

  describe('people another review merged in while the two were one', () => {
    // p-3 (with its record and case) and p-4 joined p-1 after p-2 was merged in.
    const facts = {
      ...now,
      mergedPersonIds: ['p-2', 'p-3', 'p-4'],
      recordIds: [...now.recordIds, 'p-3', 'p-4'],
      caseIds: [...now.caseIds, 'c-3'],
    };
    const person = (personId: string, goesBack: boolean, caseIds: string[] = []) => ({
      personId,
      memberIds: [personId],
      holdsAll: false,
      recordIds: [personId],
      caseIds,
      goesBack,
      by: 'identifier' as const,
    });
    const restoring = (people: ReturnType<typeof person>[], recordIds: string[] = [], caseIds: string[] = []) =>
      ({
        type: 'split-person',
        data: {
          ...(split(restoreP2, recordIds, caseIds).data as Extract<
            PersonLinksCommand,
            { type: 'split-person' }
          >['data']),
          into: { ...restoreP2, mergedWhileOne: people },
          now: facts,
        },
      }) as const;

    it('records whom each went to, and moves none of what they hold by the lists', () => {
      spec
        .given()
        .when(restoring([person('p-3', true, ['c-3']), person('p-4', false)], ['p-3'], ['c-3']))
        .thenEvents((events) =>
          expect(events[0]?.data).toEqual({
            personId: 'p-1',
            intoPersonId: 'p-2',
            restored: true,
            recordIds: [],
            caseIds: [],
            mergedWhileOne: [
              { personId: 'p-3', to: 'p-2', by: 'identifier' },
              { personId: 'p-4', to: 'p-1', by: 'identifier' },
            ],
            reason: 'mother and daughter share a name',
            occurredAt: AT,
          }),
        );
    });

    it('refuses to sort someone not merged into this person, or the person restored', () => {
      for (const stranger of ['p-7', 'p-2'])
        spec
          .given()
          .when(restoring([person(stranger, true)]))
          .thenRejects('invalid', IDENTITY_RULES.restoreMergedPerson);
    });
  });

  it('moves named records and cases to a new person', () => {
    spec
      .given()
      .when(split({ newPersonId: 'p-9' }, ['r-2'], ['c-1']))
      .thenEvents((events) => {
        expect(events).toHaveLength(1);
        expect(events[0]?.data).toMatchObject({
          intoPersonId: 'p-9',
          restored: false,
          recordIds: ['r-2'],
          caseIds: ['c-1'],
        });
      });
  });

  it('refuses a new person without a record or without a case', () => {
    spec
      .given()
      .when(split({ newPersonId: 'p-9' }, [], ['c-1']))
      .thenRejects('invalid', IDENTITY_RULES.newPersonRecord);
    spec
      .given()
      .when(split({ newPersonId: 'p-9' }, ['r-2']))
      .thenRejects('invalid', IDENTITY_RULES.newPersonCase);
  });

  it("starts a new person with a MARAC perpetrator's record alone: the case it came with is the victim's", () => {
    const withPerpetrator = { ...now, perpetratorRecordIds: ['r-2'] };
    const perpetratorSplit = (recordIds: string[]): PersonLinksCommand => ({
      type: 'split-person',
      data: {
        personId: 'p-1',
        into: { newPersonId: 'p-9' },
        recordIds,
        caseIds: [],
        reason: 'not him',
        now: withPerpetrator,
        factsAtRevision: -1,
        occurredAt: AT,
      },
    });
    spec
      .given()
      .when(perpetratorSplit(['r-2']))
      .thenEvents((events) =>
        expect(events[0]?.data).toMatchObject({ intoPersonId: 'p-9', recordIds: ['r-2'], caseIds: [] }),
      );
    spec
      .given()
      .when(perpetratorSplit(['r-2', 'p-2']))
      .thenRejects('invalid', IDENTITY_RULES.newPersonCase);
  });

  it('restores a split-off perpetrator onto the person they were split off, and only while they hold nothing else', () => {
    spec.given().when(restoreSplitOff({})).then([backOnP1]);
    const refused: [Partial<SplitOffPerson>, string][] = [
      [{ splitFrom: 'p-5' }, IDENTITY_RULES.restoreMergedPerson],
      [{ caseIds: ['c-7'] }, IDENTITY_RULES.restoreSplitOff],
      [{ recordIds: ['r-2', 'r-8'] }, IDENTITY_RULES.restoreSplitOff],
      // A later MARAC referral named the same man and its perpetrator record joined p-9: not p-1's.
      [{ recordIds: ['r-2', 'r-8'], perpetratorRecordIds: ['r-2', 'r-8'] }, IDENTITY_RULES.restoreSplitOff],
    ];
    for (const [changes, rule] of refused) spec.given().when(restoreSplitOff(changes)).thenRejects('invalid', rule);
    // Restored already: nothing to restore, said the same way to every caller.
    spec
      .given()
      .when(restoreSplitOff({ recordIds: [], perpetratorRecordIds: [] }))
      .thenRejects('conflict', IDENTITY_RULES.personHoldsNothing);
  });

  describe('restoring a person split off with records and cases', () => {
    // p-9 was split off p-1 with the record r-2 and the case c-2.
    const moved = { recordIds: ['r-2'], caseIds: ['c-2'] };
    const holding = { recordIds: ['r-2'], caseIds: ['c-2'], perpetratorRecordIds: [] };
    const restore = (changes: Partial<SplitOffPerson>, identifiers?: RestoreSplitOffData['identifiers']) =>
      restoreSplitOff({ ...holding, ...changes }, -1, moved, identifiers);

    it('moves back exactly what the split moved, as a person-split from p-9 back onto p-1', () => {
      spec
        .given()
        .when(restore({}))
        .then([{ type: 'person-split', data: { ...backOnP1.data, recordIds: ['r-2'], caseIds: ['c-2'] } }]);
    });

    it('refuses once p-9 holds anything the split did not give them, or lost some of it', () => {
      const refused: Partial<SplitOffPerson>[] = [
        { recordIds: ['r-2', 'r-8'], caseIds: ['c-2', 'c-8'] }, // a later referral linked to p-9
        { caseIds: ['c-2', 'c-8'] }, // a case referred about p-9
        { mergedPersonIds: ['p-4'] }, // someone merged into p-9
        { recordIds: ['r-2', 'r-3'] }, // split moved r-3 off p-9 and it came back with more
        { caseIds: [] }, // c-2 split off p-9 since
      ];
      for (const changes of refused)
        spec.given().when(restore(changes)).thenRejects('invalid', IDENTITY_RULES.restoreWhatSplitMoved);
      spec
        .given()
        .when(restore({ recordIds: [], caseIds: [] }))
        .thenRejects('conflict', IDENTITY_RULES.personHoldsNothing);
    });

    const from = (kind: 'record' | 'case', id: string, home: string, homeNow = home) => ({ kind, id, home, homeNow });

    it('puts each back under the id it was held under, which stands for p-1 now through a merge since', () => {
      // The split was of p-5, merged into p-1 since: r-2 and c-2 go back to p-5, and with p-5 if unmerged.
      const merged = restoreSplitOff({ ...holding, splitFrom: 'p-1' }, -1, moved, undefined, [
        from('record', 'r-2', 'p-5', 'p-1'),
        from('case', 'c-2', 'p-5', 'p-1'),
      ]);
      spec
        .given()
        .when(merged)
        .then([{ type: 'person-split', data: { ...backOnP1.data, intoPersonId: 'p-5', caseIds: ['c-2'] } }]);
      // r-2 was p-3's, merged into p-1 when the split took it: it goes back to p-3, c-2 to p-1.
      const twoHomes = restoreSplitOff(holding, -1, moved, undefined, [
        from('record', 'r-2', 'p-3', 'p-1'),
        from('case', 'c-2', 'p-1'),
      ]);
      spec
        .given()
        .when(twoHomes)
        .then([
          { type: 'person-split', data: { ...backOnP1.data, intoPersonId: 'p-3', recordIds: ['r-2'], caseIds: [] } },
          { type: 'person-split', data: { ...backOnP1.data, intoPersonId: 'p-1', recordIds: [], caseIds: ['c-2'] } },
        ]);
    });

    it('puts back on whom it came from what an unmerge since has parted from p-1, never on p-1', () => {
      // r-2 and c-2 were p-3's, merged into p-1 when the split took them; p-3 was unmerged since.
      const parted = [from('record', 'r-2', 'p-3'), from('case', 'c-2', 'p-3')];
      spec
        .given()
        .when(restoreSplitOff(holding, -1, moved, undefined, parted))
        .then([{ type: 'person-split', data: { ...backOnP1.data, intoPersonId: 'p-3', caseIds: ['c-2'] } }]);
      // What p-3 holds now is what a conflict is judged against, not what p-1 holds.
      const pnc = (value: string) => ({ pnc: value });
      const heldByP1Only = { held: { 'p-1': [pnc('02/1234567A')] }, going: { 'r-2': pnc('79/163001B') } };
      spec
        .given()
        .when(restoreSplitOff(holding, -1, moved, heldByP1Only, parted))
        .thenEvents((events) => expect(events[0]?.data).toMatchObject({ intoPersonId: 'p-3' }));
      const heldByP3 = { held: { 'p-3': [pnc('02/1234567A')] }, going: { 'r-2': pnc('79/163001B') } };
      spec
        .given()
        .when(restoreSplitOff(holding, -1, moved, heldByP3, parted))
        .thenRejects('conflict', IDENTITY_RULES.identifierConflict);
    });

    it('never puts two valid values of one identifier kind on p-1 (409 identifier-conflict)', () => {
      const pnc = (value: string) => ({ pnc: value });
      spec
        .given()
        .when(restore({}, { held: { 'p-1': [pnc('79/163001B')] }, going: { 'r-2': pnc('02/1234567A') } }))
        .thenRejects('conflict', IDENTITY_RULES.identifierConflict);
      spec
        .given()
        .when(
          restore(
            {},
            { held: { 'p-1': [pnc('79/163001B')] }, going: { 'r-2': { pnc: '1979/0163001B', nhs: '9434765919' } } },
          ),
        )
        .thenEvents((events) => expect(events[0]?.data).toMatchObject({ intoPersonId: 'p-1', caseIds: ['c-2'] }));
    });
  });

  describe('a case and the record its referral brought in', () => {
    // c-1's referral registered p-1; c-2's linked r-2 (and c-2's perpetrator's record); c-3's is held by
    // someone else already; r-upload came with no referral.
    const paired: SplitFacts = {
      ...now,
      recordIds: ['p-1', 'r-2', 'p-2', 'r-upload', 'r-perpetrator'],
      caseIds: ['c-1', 'c-2', 'c-3'],
      perpetratorRecordIds: ['r-perpetrator'],
      casesWithTheirRecords: [
        { caseId: 'c-1', recordId: 'p-1' },
        { caseId: 'c-2', recordId: 'r-2' },
      ],
    };
    const splitPaired = (
      recordIds: string[],
      caseIds: string[],
      into: { restore: string; takesBack: RecordsAndCases } | { newPersonId: string } = { newPersonId: 'p-9' },
    ): PersonLinksCommand => ({
      type: 'split-person',
      data: {
        personId: 'p-1',
        into,
        recordIds,
        caseIds,
        reason: 'sisters',
        now: paired,
        factsAtRevision: -1,
        occurredAt: AT,
      },
    });
    const refusal = (command: PersonLinksCommand) => {
      try {
        personLinksDecider.decide(command, personLinksDecider.initialState());
      } catch (error) {
        return error;
      }
      throw new Error('not refused');
    };

    it('refuses a case without its record, naming recordIds and the record to add', () => {
      spec
        .given()
        .when(splitPaired(['p-1'], ['c-2']))
        .thenRejects('invalid', IDENTITY_RULES.caseWithItsRecord);
      expect(refusal(splitPaired(['p-1'], ['c-2']))).toMatchObject({
        details: [
          expect.objectContaining({
            field: 'recordIds',
            rule: 'case-with-its-record',
            message: expect.stringContaining('add r-2 to recordIds'),
          }),
          expect.objectContaining({
            field: 'caseIds',
            rule: 'case-with-its-record',
            message: expect.stringContaining('add c-1 to caseIds'),
          }),
        ],
      });
    });

    it('refuses a record without its case, naming caseIds and the case to add', () => {
      expect(refusal(splitPaired(['r-2', 'r-upload'], ['c-3']))).toMatchObject({
        rule: 'case-with-its-record',
        details: [
          expect.objectContaining({ field: 'caseIds', message: expect.stringContaining('add c-2 to caseIds') }),
        ],
      });
    });

    it('moves the two together, and a record no referral of theirs brought in, or a case whose record is elsewhere, alone', () => {
      spec
        .given()
        .when(splitPaired(['r-2'], ['c-2']))
        .thenEvents((events) => expect(events[0]?.data).toMatchObject({ recordIds: ['r-2'], caseIds: ['c-2'] }));
      spec
        .given()
        .when(splitPaired(['r-upload'], ['c-3']))
        .thenEvents((events) => expect(events[0]?.data).toMatchObject({ recordIds: ['r-upload'], caseIds: ['c-3'] }));
    });

    it("keeps a MARAC perpetrator's record apart from the victim's case", () => {
      spec
        .given()
        .when(splitPaired(['r-perpetrator'], []))
        .thenEvents((events) => expect(events[0]?.data).toMatchObject({ recordIds: ['r-perpetrator'], caseIds: [] }));
    });

    it('counts what a restore takes back as moving with what it names', () => {
      const restoreWithR2 = { restore: 'p-2', takesBack: { recordIds: ['r-2'], caseIds: [] } };
      spec
        .given()
        .when(splitPaired([], ['c-2'], restoreWithR2))
        .thenEvents((events) => expect(events[0]?.data).toMatchObject({ intoPersonId: 'p-2', caseIds: ['c-2'] }));
      spec
        .given()
        .when(splitPaired([], ['c-1'], restoreWithR2))
        .thenRejects('invalid', IDENTITY_RULES.caseWithItsRecord);
    });
  });

  it('counts a record or case named twice once', () => {
    spec
      .given()
      .when(split({ newPersonId: 'p-9' }, ['r-2', 'r-2', 'p-2', 'p-2'], ['c-1', 'c-1']))
      .thenEvents((events) => expect(events[0]?.data).toMatchObject({ recordIds: ['r-2', 'p-2'], caseIds: ['c-1'] }));
  });

  it('refuses an unmerge that would also carry off everything the person has left', () => {
    spec
      .given()
      .when(split(restoreP2, ['p-1', 'r-2']))
      .thenRejects('invalid', IDENTITY_RULES.keepOneRecord);
    spec
      .given()
      .when(split(restoreP2, [], ['c-1']))
      .thenRejects('invalid', IDENTITY_RULES.keepOneCase);
  });

  it('refuses splits that name nothing, someone else, or leave the person empty, and one without a reason', () => {
    spec
      .given()
      .when(split({ restore: 'p-7', takesBack: { recordIds: [], caseIds: [] } }))
      .thenRejects('invalid', IDENTITY_RULES.restoreMergedPerson);
    spec
      .given()
      .when(split({ newPersonId: 'p-9' }))
      .thenRejects('invalid', IDENTITY_RULES.somethingToSplit);
    spec
      .given()
      .when(split({ newPersonId: 'p-9' }, ['r-x']))
      .thenRejects('invalid', IDENTITY_RULES.recordOfPerson);
    spec
      .given()
      .when(split({ newPersonId: 'p-9' }, [], ['c-x']))
      .thenRejects('invalid', IDENTITY_RULES.caseOfPerson);
    spec
      .given()
      .when(split({ newPersonId: 'p-9' }, ['p-1', 'r-2', 'p-2'], ['c-1']))
      .thenRejects('invalid', IDENTITY_RULES.keepOneRecord);
    spec
      .given()
      .when(split({ newPersonId: 'p-9' }, ['r-2'], ['c-1', 'c-2']))
      .thenRejects('invalid', IDENTITY_RULES.keepOneCase);
    spec
      .given()
      .when(split(restoreP2, [], [], ' '))
      .thenRejects('invalid', IDENTITY_RULES.reasonRequired);
  });

  describe('facts read from the person index before this stream moved on', () => {
    // p-2 restored once already, as the first of two reviewers' splits recorded it.
    const [restored] = personLinksDecider.decide(split(restoreP2), personLinksDecider.initialState()) as [
      PersonLinkEvent,
    ];
    const decidedAt = (factsAtRevision: number, command: PersonLinksCommand): PersonLinksCommand =>
      ({ ...command, data: { ...command.data, factsAtRevision } }) as PersonLinksCommand;

    it('refuses a split decided before a split recorded since (409 person-changed): p-2 was restored once already', () => {
      spec
        .given(restored)
        .when(decidedAt(-1, split(restoreP2)))
        .thenRejects('conflict', IDENTITY_RULES.personChanged);
      spec
        .given(restored)
        .when(decidedAt(-1, split({ newPersonId: 'p-9' }, ['r-2'], ['c-1'])))
        .thenRejects('conflict', IDENTITY_RULES.personChanged);
    });

    it('refuses a split decided before a record was linked here, and splits on facts that include it', () => {
      const linked = { type: 'person-record-linked', data: link.data } as PersonLinkEvent;
      spec
        .given(linked, restored)
        .when(decidedAt(0, split({ newPersonId: 'p-9' }, ['r-2'], ['c-1'])))
        .thenRejects('conflict', IDENTITY_RULES.personChanged);
      spec
        .given(linked, restored)
        .when(decidedAt(1, split({ newPersonId: 'p-9' }, ['r-2'], ['c-1'])))
        .thenEvents((events) => expect(events[0]?.data).toMatchObject({ intoPersonId: 'p-9', recordIds: ['r-2'] }));
    });

    it('refuses to restore a split-off person onto whom they came from twice', () => {
      spec.given(backOnP1).when(restoreSplitOff({}, -1)).thenRejects('conflict', IDENTITY_RULES.personChanged);
    });
  });

  describe('a restore in two steps, beside links to the people it gives back to', () => {
    const linked = { type: 'person-record-linked', data: link.data } as PersonLinkEvent;
    const going = { personId: 'p-1', splitOffPersonId: 'p-9', splitOffRevision: 0, recordIds: ['r-2'], caseIds: [] };
    const begin = (factsAtRevision: number): PersonLinksCommand => ({
      type: 'begin-restore',
      data: { ...going, factsAtRevision, occurredAt: AT },
    });
    const withdraw: PersonLinksCommand = {
      type: 'withdraw-restore',
      data: { personId: 'p-9', splitOffRevision: 0, cause: 'failed', occurredAt: AT },
    };

    it('begins on the facts read, naming what goes back and the revision the restore expects', () => {
      spec
        .given(linked)
        .when(begin(0))
        .then([{ type: 'restore-begun', data: { ...going, occurredAt: AT } }]);
    });

    it('refuses to begin once a record was linked to the person after the facts were read (409 person-changed)', () => {
      spec.given(linked).when(begin(-1)).thenRejects('conflict', IDENTITY_RULES.personChanged);
    });

    it('withdraws a restore only while nothing was recorded after the revision it expects', () => {
      spec
        .given(linked)
        .when(withdraw)
        .then([{ type: 'restore-withdrawn', data: { personId: 'p-9', cause: 'failed', occurredAt: AT } }]);
      spec.given(linked, backOnP1).when(withdraw).thenNothingHappens();
    });
  });

  describe('a merge in two steps, beside links to the two people it makes one', () => {
    const linked = { type: 'person-record-linked', data: link.data } as PersonLinkEvent;
    const merging = { personId: 'p-1', proposalId: 'm-1', personIds: ['p-1', 'p-2'] as const, reviewRevision: 0 };
    const begin = (factsAtRevision: number): PersonLinksCommand => ({
      type: 'begin-merge',
      data: { ...merging, factsAtRevision, occurredAt: AT },
    });

    it('begins on the facts read, naming the review and the revision its confirmation expects', () => {
      spec
        .given(linked)
        .when(begin(0))
        .then([{ type: 'merge-begun', data: { ...merging, occurredAt: AT } }]);
    });

    it('refuses to begin once a record was linked to the person after the facts were read (409 person-changed)', () => {
      spec.given(linked).when(begin(-1)).thenRejects('conflict', IDENTITY_RULES.personChanged);
    });
  });

  describe('a MARAC case naming someone, begun on the stream of the person it is about', () => {
    const linked = { type: 'person-record-linked', data: link.data } as PersonLinkEvent;
    const naming = { personId: 'p-1', caseId: 'c-9', panelCode: 'MARAC', namedRecordId: 'r-7', occurredAt: AT };
    const begun = { type: 'case-naming-begun', data: naming } as PersonLinkEvent;

    it('is recorded before the case, naming the case and the record brought in for the person it names', () => {
      spec
        .given(linked)
        .when({ type: 'begin-case-naming', data: naming })
        .then([{ type: 'case-naming-begun', data: naming }]);
    });

    it('refuses a merge of her decided on facts read before it (409 person-changed)', () => {
      const merging = { personId: 'p-1', proposalId: 'm-1', personIds: ['p-1', 'p-2'] as const, reviewRevision: 0 };
      spec
        .given(linked, begun)
        .when({ type: 'begin-merge', data: { ...merging, factsAtRevision: 0, occurredAt: AT } })
        .thenRejects('conflict', IDENTITY_RULES.personChanged);
    });
  });
});
