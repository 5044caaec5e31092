import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { applyPersonChanges, personDecider } from './person.decider';
import type { PersonCommand } from './commands/person-commands';
import type { PersonDetails } from './events/person-events';
import { PERSON_RULES } from './rule-names';
import { historyOf } from './testing/case-fixtures';

const spec = deciderSpecification(personDecider);
const details: PersonDetails = {
  forenames: 'Testa',
  surname: 'Examplewoman',
  aliases: [{ forenames: 'Tess', surname: 'Example' }],
  dateOfBirth: '1990-01-31',
  sex: 'female',
  postcode: 'N1 1AA',
  identifiers: { nhs: '9990000018' },
};
const register: PersonCommand = {
  type: 'register-person',
  data: { personId: 'p-1', details, occurredAt: '2024-03-04T10:00:00Z' },
};
const record = (changes: Partial<PersonDetails>, reason?: string): PersonCommand => ({
  type: 'record-person-details',
  data: {
    personId: 'p-1',
    changes,
    ...(reason === undefined ? {} : { reason }),
    source: 'case-test-0001',
    occurredAt: '2024-03-10T10:00:00Z',
  },
});

describe('person decider', () => {
  it('registers a person with the details a referral gave', () => {
    spec
      .given()
      .when(register)
      .then([{ type: 'person-registered', data: { personId: 'p-1', details, occurredAt: '2024-03-04T10:00:00Z' } }]);
  });

  it('refuses a second registration, a blank surname and an impossible date of birth', () => {
    spec
      .given(...historyOf(personDecider, register))
      .when(register)
      .thenRejects('conflict', PERSON_RULES.registeredOnce);
    spec
      .given()
      .when({ ...register, data: { ...register.data, details: { ...details, surname: ' ' } } } as PersonCommand)
      .thenRejects('invalid', 'required');
    spec
      .given()
      .when({
        ...register,
        data: { ...register.data, details: { ...details, dateOfBirth: '1990-02-30' } },
      } as PersonCommand)
      .thenRejects('invalid', 'iso-date');
  });

  it('refuses a name part without a letter of any script, and accepts one in any script', () => {
    const named = (changes: Partial<PersonDetails>) =>
      ({ ...register, data: { ...register.data, details: { ...details, ...changes } } }) as PersonCommand;
    for (const changes of [
      { surname: "'-" },
      { forenames: '123' },
      { aliases: [{ forenames: 'Jo', surname: '.' }] },
    ] satisfies Partial<PersonDetails>[]) {
      spec.given().when(named(changes)).thenRejects('invalid', PERSON_RULES.nameHasLetter);
    }
    spec
      .given(...historyOf(personDecider, register))
      .when(record({ surname: '--' }))
      .thenRejects('invalid', PERSON_RULES.nameHasLetter);
    expect(() =>
      personDecider.decide(
        named({ forenames: 'Zoë', surname: 'Ó Súilleabháin', aliases: [{ forenames: '小龙', surname: '李' }] }),
        personDecider.initialState(),
      ),
    ).not.toThrow();
  });

  it('takes a one-word alias as a name known by, without a surname, and still refuses a blank one', () => {
    const named = (aliases: PersonDetails['aliases']) =>
      ({ ...register, data: { ...register.data, details: { ...details, aliases } } }) as PersonCommand;
    spec
      .given()
      .when(named([{ forenames: 'Tiny', surname: '' }]))
      .then([
        {
          type: 'person-registered',
          data: {
            personId: 'p-1',
            details: { ...details, aliases: [{ forenames: 'Tiny', surname: '' }] },
            occurredAt: '2024-03-04T10:00:00Z',
          },
        },
      ]);
    spec
      .given()
      .when(named([{ forenames: ' ', surname: '' }]))
      .thenRejects('invalid', 'required');
    spec
      .given()
      .when(named([{ forenames: '', surname: 'Smith' }]))
      .thenRejects('invalid', 'required');
    spec
      .given(...historyOf(personDecider, register))
      .when(record({ aliases: [{ forenames: 'Tiny', surname: ' ' }] }))
      .then([
        {
          type: 'person-details-recorded',
          data: {
            changes: { aliases: [{ forenames: 'Tiny', surname: '' }] },
            source: 'case-test-0001',
            occurredAt: '2024-03-10T10:00:00Z',
          },
        },
      ]);
  });

  it('records every detail given, even one the person already holds (a value recorded again is the latest), merging identifiers', () => {
    spec
      .given(...historyOf(personDecider, register))
      .when(
        record(
          { postcode: 'N1 1AA', address: '1 Test Street', identifiers: { nhs: '9990000018', noms: 'A1234BC' } },
          'From the prison record',
        ),
      )
      .then([
        {
          type: 'person-details-recorded',
          data: {
            changes: {
              postcode: 'N1 1AA',
              address: '1 Test Street',
              identifiers: { nhs: '9990000018', noms: 'A1234BC' },
            },
            reason: 'From the prison record',
            source: 'case-test-0001',
            occurredAt: '2024-03-10T10:00:00Z',
          },
        },
      ]);
    const events = historyOf(personDecider, register, record({ identifiers: { noms: 'A1234BC' } }, 'From NOMIS'));
    expect(evolveAll(personDecider, events)).toMatchObject({
      details: { identifiers: { nhs: '9990000018', noms: 'A1234BC' } },
    });
  });

  it('records nothing when nothing is given, and refuses details for an unknown person', () => {
    spec
      .given(...historyOf(personDecider, register))
      .when(record({ postcode: undefined, identifiers: { nhs: undefined } }))
      .thenNothingHappens();
    spec
      .given()
      .when(record({ postcode: 'N1 1AA' }))
      .thenRejects('not-found', PERSON_RULES.personExists);
  });

  describe('identifiers removed as recorded in error', () => {
    const removing = (identifiersRemoved: readonly string[], reason?: string): PersonCommand =>
      ({
        type: 'record-person-details',
        data: {
          personId: 'p-1',
          changes: {},
          identifiersRemoved,
          ...(reason === undefined ? {} : { reason }),
          source: 'case-test-0001',
          occurredAt: '2024-03-10T10:00:00Z',
        },
      }) as PersonCommand;

    it('records the kinds removed and why, and the details no longer carry them', () => {
      spec
        .given(...historyOf(personDecider, register))
        .when(removing(['nhs'], ' Typed from her sister’s record '))
        .then([
          {
            type: 'person-details-recorded',
            data: {
              changes: {},
              identifiersRemoved: ['nhs'],
              reason: 'Typed from her sister’s record',
              source: 'case-test-0001',
              occurredAt: '2024-03-10T10:00:00Z',
            },
          },
        ]);
      const events = historyOf(personDecider, register, removing(['nhs'], 'Not hers'));
      const state = evolveAll(personDecider, events);
      expect(state.exists && state.details.identifiers).toEqual({});
    });

    it('refuses a removal without a reason, a kind that is none, and one kind both set and removed', () => {
      const given = historyOf(personDecider, register);
      spec
        .given(...given)
        .when(removing(['nhs']))
        .thenRejects('invalid', PERSON_RULES.reasonWithIdentifiers);
      spec
        .given(...given)
        .when(removing(['nhs'], '   '))
        .thenRejects('invalid', PERSON_RULES.reasonWithIdentifiers);
      spec
        .given(...given)
        .when(removing(['passport'], 'Not hers'))
        .thenRejects('invalid', 'identifier-kind');
      spec
        .given(...given)
        .when({
          type: 'record-person-details',
          data: {
            personId: 'p-1',
            changes: { identifiers: { nhs: '9990000018' } },
            identifiersRemoved: ['nhs'],
            reason: 'Not hers',
            occurredAt: '2024-03-10T10:00:00Z',
          },
        })
        .thenRejects('invalid', 'set-or-removed');
    });

    it('refuses to remove a kind the record does not hold, naming it: nothing would be removed', () => {
      spec
        .given(...historyOf(personDecider, register))
        .when(removing(['nhs', 'crn'], 'Not hers'))
        .thenRejects('conflict', PERSON_RULES.identifierNotOnRecord);
      expect(() =>
        personDecider.decide(
          removing(['crn'], 'Not hers'),
          evolveAll(personDecider, historyOf(personDecider, register)),
        ),
      ).toThrow(expect.objectContaining({ details: [expect.objectContaining({ field: 'identifiers.crn' })] }));
    });

    it('refuses an identifier set without a reason, or with only blanks', () => {
      const setting = (reason?: string): PersonCommand => ({
        type: 'record-person-details',
        data: {
          personId: 'p-1',
          changes: { identifiers: { pnc: '1979/0000001X' } },
          ...(reason === undefined ? {} : { reason }),
          occurredAt: '2024-03-10T10:00:00Z',
        },
      });
      const given = historyOf(personDecider, register);
      spec
        .given(...given)
        .when(setting())
        .thenRejects('invalid', PERSON_RULES.reasonWithIdentifiers);
      spec
        .given(...given)
        .when(setting(' '))
        .thenRejects('invalid', PERSON_RULES.reasonWithIdentifiers);
    });

    it('folds details recorded before removals existed exactly as before: identifiers merge key by key', () => {
      const before = { ...details, identifiers: { nhs: '9990000018', pnc: '1979/0000001X' } };
      expect(applyPersonChanges(before, { changes: { identifiers: { noms: 'A1234BC' } } }).identifiers).toEqual({
        nhs: '9990000018',
        pnc: '1979/0000001X',
        noms: 'A1234BC',
      });
      expect(
        applyPersonChanges(before, { changes: { identifiers: { crn: 'X482201' } }, identifiersRemoved: ['pnc'] })
          .identifiers,
      ).toEqual({ nhs: '9990000018', crn: 'X482201' });
    });
  });
});
