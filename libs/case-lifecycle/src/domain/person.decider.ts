/**
 * The person decider (`person-<id>`): a person's details as referrals gave them. Matching,
 * linking, merging and splitting belong to the identity context; this keeps only what a
 * referral said, so that a later merge or split has the original facts to work from.
 */
import type { Decider } from '../../../command-handling/src/decider';
import { Rejection, conflict, invalid, notFound } from '../../../command-handling/src/rejections';
import { PERSON_RULES } from './rule-names';
import { requireCorrectionReason } from './rules/correction-reason';
import { optionalText, requireDate, requireId, requireInstant, requireName, requireOneOf } from './input-checks';
import {
  IDENTIFIER_FIELDS,
  SEXES,
  type IdentifierField,
  type PersonDetails,
  type PersonEvent,
  type PersonIdentifiers,
  type PersonName,
  type RecordedChanges,
} from './events/person-events';
import type { PersonCommand, RecordPersonDetails, RegisterPerson } from './commands/person-commands';

export type PersonState =
  | { readonly exists: false }
  | { readonly exists: true; readonly personId: string; readonly details: PersonDetails; readonly updatedAt: string };

export const initialPersonState = (): PersonState => ({ exists: false });

/**
 * Applies a change on top of the details; identifiers merge key by key (a new NOMS does not erase
 * the PNC), and only a removal takes one off. Every fold of recorded details goes through this, so
 * a removed value is gone for the matcher, the person index and every view alike.
 */
export function applyPersonChanges(
  details: PersonDetails,
  { changes, identifiersRemoved = [] }: RecordedChanges,
): PersonDetails {
  const identifiers: { -readonly [K in IdentifierField]?: string } = { ...details.identifiers, ...changes.identifiers };
  for (const field of identifiersRemoved) delete identifiers[field];
  return { ...details, ...changes, identifiers };
}

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'person-registered':
      return state.exists
        ? state
        : {
            exists: true,
            personId: event.data.personId,
            details: event.data.details,
            updatedAt: event.data.occurredAt,
          };
    case 'person-details-recorded':
      return state.exists
        ? { ...state, details: applyPersonChanges(state.details, event.data), updatedAt: event.data.occurredAt }
        : state;
    default: {
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

function checkedName(name: PersonName, field: string): PersonName {
  return {
    forenames: requireName(name.forenames, `${field}forenames`),
    surname: requireName(name.surname, `${field}surname`),
  };
}

/** An alias needs forenames; its surname may be empty: one word a person is known by ("Tiny"). */
function checkedAlias(alias: PersonName, index: number): PersonName {
  const field = `aliases[${index}].`;
  const forenames = requireName(alias.forenames, `${field}forenames`);
  // Imports and jobs send parts no DTO has checked: a missing surname is an empty one, not a crash.
  const surname = (alias.surname as string | undefined)?.trim() ?? '';
  return { forenames, surname: surname === '' ? '' : requireName(surname, `${field}surname`) };
}

/** Checks the fields present; identifiers are kept as given (their check characters are identity's concern). */
function checkedChanges(changes: Partial<PersonDetails>): Partial<PersonDetails> {
  const checked: { -readonly [K in keyof PersonDetails]?: PersonDetails[K] } = { ...changes };
  if (changes.forenames !== undefined) checked.forenames = requireName(changes.forenames, 'forenames');
  if (changes.surname !== undefined) checked.surname = requireName(changes.surname, 'surname');
  if (changes.aliases !== undefined) checked.aliases = changes.aliases.map(checkedAlias);
  if (changes.dateOfBirth !== undefined) checked.dateOfBirth = requireDate(changes.dateOfBirth, 'dateOfBirth');
  if (changes.sex !== undefined) checked.sex = requireOneOf(SEXES, changes.sex, 'sex');
  for (const field of ['ethnicity', 'postcode', 'address', 'disability', 'language', 'safeContactNumber'] as const) {
    if (changes[field] === undefined) continue;
    const text = optionalText(changes[field]);
    if (text === undefined) throw invalid(field, 'required', `${field} must not be blank when given`);
    checked[field] = text;
  }
  return checked;
}

function registerPerson(command: RegisterPerson, state: PersonState): PersonEvent[] {
  const { data } = command;
  if (state.exists) throw conflict(PERSON_RULES.registeredOnce, `person ${state.personId} is already registered`);
  requireId(data.personId, 'personId');
  const details: PersonDetails = {
    ...checkedChanges(data.details),
    ...checkedName(data.details, ''),
    aliases: (data.details.aliases ?? []).map(checkedAlias),
    identifiers: data.details.identifiers ?? {},
  };
  return [
    {
      type: 'person-registered',
      data: { personId: data.personId, details, occurredAt: requireInstant(data.occurredAt, 'occurredAt') },
    },
  ];
}

/**
 * What `changes` records, checked: every field given, identifiers key by key, even one the record
 * already holds. A value recorded again is the one recorded last: her first record may
 * hold the safe number a repeat referral's newer one replaced, and recording it again because the
 * newer one is compromised must make it hers again. Empty when nothing is given. Any record of a
 * person takes its changes through this, so the same change is judged alike on a registration and
 * on a record another referral brought in.
 */
export function recordedDetails(changes: Partial<PersonDetails>): Partial<PersonDetails> {
  const checked = checkedChanges(changes);
  const given = Object.fromEntries(
    Object.entries(checked).filter(([key, value]) => key !== 'identifiers' && value !== undefined),
  ) as Partial<PersonDetails>;
  const identifiers = Object.fromEntries(
    Object.entries(checked.identifiers ?? {}).filter(([, value]) => value !== undefined),
  );
  return Object.keys(identifiers).length > 0 ? { ...given, identifiers } : given;
}

/**
 * The identifiers a change removes, each once, and the reason it gives. Setting or removing an
 * identifier on a record says why, in more than blanks (400 `reason-with-identifiers` naming
 * `reason`): an auditor must be able to tell a correction from a lost number. Referrals and uploads
 * bring identifiers in on registering or linking a record, never through these commands. One kind
 * both set and removed is no change anyone can mean (400 naming it). A kind the record does not hold
 * is 409 `identifier-not-on-record` (`requireHeld`).
 */
export function recordedRemoval(
  { identifiersRemoved = [], reason }: { readonly identifiersRemoved?: readonly string[]; readonly reason?: string },
  changes: Partial<PersonDetails>,
  held: PersonIdentifiers,
): { readonly identifiersRemoved?: readonly IdentifierField[]; readonly reason?: string } {
  const removed = [...new Set(identifiersRemoved)];
  for (const field of removed) {
    if (!(IDENTIFIER_FIELDS as readonly string[]).includes(field)) {
      throw invalid('identifiersRemoved', 'identifier-kind', `${field} is not one of ${IDENTIFIER_FIELDS.join(', ')}`);
    }
    if (changes.identifiers?.[field as IdentifierField] !== undefined) {
      throw invalid(`identifiers.${field}`, 'set-or-removed', `identifiers.${field} is both given and removed`);
    }
  }
  const setsIdentifiers = Object.keys(changes.identifiers ?? {}).length > 0;
  const why = removed.length > 0 || setsIdentifiers ? requireCorrectionReason(reason) : optionalText(reason);
  requireHeld(removed as IdentifierField[], held);
  return {
    ...(removed.length === 0 ? {} : { identifiersRemoved: removed as IdentifierField[] }),
    ...(why === undefined ? {} : { reason: why }),
  };
}

/**
 * A removal takes a value off this record only. Recording one of a kind the record does not hold
 * would tell the coordinator, and the audit trail, that a number was taken off the person while it
 * stays on another of their records and goes on matching. The message names neither that value
 * nor whose record holds it: the caller may not see that record's panel.
 */
export function requireHeld(removed: readonly IdentifierField[], held: PersonIdentifiers): void {
  const missing = removed.filter((field) => optionalText(held[field]) === undefined);
  if (missing.length === 0) return;
  const message = (field: string) =>
    `identifiers.${field}: no record this case reaches holds one, so nothing was removed. If the person holds one, it is on a record another referral brought in: correct it through that referral's case, by a coordinator of its panel (a record a monthly cohort upload row brought in, through the case that row was listed against)`;
  throw new Rejection(
    'conflict',
    PERSON_RULES.identifierNotOnRecord,
    missing.map(message).join('; '),
    missing.map((field) => ({
      field: `identifiers.${field}`,
      rule: PERSON_RULES.identifierNotOnRecord,
      message: message(field),
    })),
  );
}

/** Records every field given, changed or not; details that give nothing record nothing. */
function recordPersonDetails(command: RecordPersonDetails, state: PersonState): PersonEvent[] {
  const { data } = command;
  if (!state.exists) throw notFound(PERSON_RULES.personExists, `person ${data.personId} is not registered`);
  if (state.personId !== data.personId) {
    throw invalid(
      'personId',
      'person-id-matches-stream',
      `details for ${data.personId} sent to person ${state.personId}`,
    );
  }
  const occurredAt = requireInstant(data.occurredAt, 'occurredAt');
  const allChanges = recordedDetails(data.changes);
  const removal = recordedRemoval(data, allChanges, state.details.identifiers);
  if (Object.keys(allChanges).length === 0 && removal.identifiersRemoved === undefined) return [];
  const source = optionalText(data.source);
  const namedOn = optionalText(data.namedOn);
  return [
    {
      type: 'person-details-recorded',
      data: {
        changes: allChanges,
        ...removal,
        ...(source === undefined ? {} : { source }),
        ...(namedOn === undefined ? {} : { namedOn }),
        occurredAt,
      },
    },
  ];
}

export type PersonDecider = Decider<PersonState, PersonCommand, PersonEvent>;

export const personDecider: PersonDecider = {
  initialState: initialPersonState,
  evolve: evolvePerson,
  decide: (command, state) => {
    switch (command.type) {
      case 'register-person':
        return registerPerson(command, state);
      case 'record-person-details':
        return recordPersonDetails(command, state);
      default: {
        const unexpected: never = command;
        throw new Error(`unknown person command ${JSON.stringify(unexpected)}`);
      }
    }
  },
};
