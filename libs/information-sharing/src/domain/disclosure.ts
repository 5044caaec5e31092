/**
 * One sharing decision, stream `disclosure-<id>`: information shared (with its lawful basis,
 * DSA and consent) or a decision not to share, recorded just as carefully. A shared disclosure
 * stays open until it is revoked or its `expiresAt` passes (or its DSA stops being in force).
 */
import type { Decider, DomainEvent } from '../../../command-handling/src/decider';
import {
  conflict,
  forbidden,
  invalid,
  notFound,
  Rejection,
  ruleRefused,
  type RejectionDetail,
} from '../../../command-handling/src/rejections';
import {
  isCaseField,
  isPersonField,
  type DisclosableField,
  type PersonField,
  DISCLOSABLE_FIELDS,
} from './disclosable-fields';
import { consentBasisProblems } from './consent-basis';
import { canonicalLawfulBasis, lawfulBasisProblems, type LawfulBasis } from './lawful-basis';
import { agencyKey, momentOf, notLaterThanNow, referralDayProblem, refuseFirst } from './moments';
import { dsaInForceAt, wasPartyAt, type DsaRecord, type DsaState } from './sharing-agreement';
import type { DisclosureState } from './disclosure-state';
import { correctPanel, type CorrectDisclosurePanel, type DisclosurePanelCorrected } from './panel-correction';

export const DISCLOSURE_STREAM_PREFIX = 'disclosure-';
export const disclosureStream = (disclosureId: string): string => {
  if (disclosureId.length === 0) throw new Error('disclosure-<id>: the id must not be empty');
  return `${DISCLOSURE_STREAM_PREFIX}${disclosureId}`;
};

/** Consent to share: given, or not given with why sharing without it is justified. */
export type DisclosureConsent = { readonly given: true } | { readonly given: false; readonly justification: string };

/**
 * Consent as a decision not to share records it. Her refusal is often the very reason for not
 * sharing, so nothing has to justify it; a note given with it is kept as written.
 */
export type WithholdingConsent = { readonly given: true } | { readonly given: false; readonly justification?: string };

/** A named user of the receiving agency, when the disclosure is to one person only. */
export interface DisclosureRecipient {
  readonly id: string;
  readonly name?: string;
}

interface SharingFacts {
  readonly disclosureId: string;
  readonly personId: string | null;
  readonly caseId: string | null;
  /**
   * The panel the discloser acted for: the case's, or the one they named for a person alone. Who
   * may know of an entry about a person alone follows it. Absent on entries recorded before it
   * was kept: the register takes the case's, or infers it for a person alone where only one fits.
   */
  readonly panel?: string;
  /**
   * About a person alone: the person index's records whose details it passed on, as its panel saw
   * the person when it was recorded. A later split, or an undone merge, can part those records
   * between people; the register follows them, where the id names only one. Absent on entries
   * about a case (they follow the case) and on those recorded before it was kept.
   */
  readonly personRecordIds?: readonly string[];
  /**
   * For each person field disclosed, the person index's records its value came from, as the
   * panel it acted for saw the person (a case entry: the case's person, as the case's panel saw
   * them). The entry opens each field from those records only, on whoever holds them now, so a
   * split or an undone merge never shows its recipient a value it was not given. Absent on
   * entries recorded before it was kept, and while the index did not know the person.
   */
  readonly recordsBehindFields?: RecordsBehindFields;
  readonly fromAgency: string;
  readonly toAgency: string;
  readonly toUser: DisclosureRecipient | null;
  readonly fields: readonly DisclosableField[];
  readonly documents: readonly string[];
  readonly purpose: string;
  readonly occurredAt: string;
}

/** Person field name to the ids of the records its disclosed value came from (none: no record gave one). */
export type RecordsBehindFields = Readonly<Partial<Record<PersonField, readonly string[]>>>;

export type InformationShared = DomainEvent<
  'information-shared',
  SharingFacts & {
    readonly lawfulBasis: LawfulBasis;
    readonly dsaId: string;
    readonly consent: DisclosureConsent;
    /** When the disclosed fields close again by themselves; null: until revoked. */
    readonly expiresAt: string | null;
  }
>;

export type InformationWithheld = DomainEvent<
  'information-withheld',
  SharingFacts & {
    readonly reason: string;
    /** Shape kept alike with `information-shared` so one reader serves both. */
    readonly lawfulBasis: null;
    /** Null on decisions recorded before an agreement was required. */
    readonly dsaId: string | null;
    readonly consent: WithholdingConsent | null;
  }
>;

export type DisclosureRevoked = DomainEvent<
  'disclosure-revoked',
  {
    readonly disclosureId: string;
    /**
     * Whom the entry is about, so the audit trail files the revocation under its case and person
     * and her subject access report shows it. Absent on revocations recorded before they were
     * kept: the trail takes them from the entry's first event.
     */
    readonly caseId?: string | null;
    readonly personId?: string | null;
    readonly reason: string;
    readonly occurredAt: string;
  }
>;

export type DisclosureEvent = InformationShared | InformationWithheld | DisclosureRevoked | DisclosurePanelCorrected;
export const DISCLOSURE_EVENT_TYPES: readonly DisclosureEvent['type'][] = [
  'information-shared',
  'information-withheld',
  'disclosure-revoked',
  'disclosure-panel-corrected',
];

interface DisclosureRequest {
  readonly disclosureId: string;
  readonly personId: string | null;
  readonly caseId: string | null;
  /** Checked by the application against the case and the discloser's panels. */
  readonly panel: string;
  /** About a person alone: the records behind what is disclosed, found by the application in the person index. */
  readonly personRecordIds?: readonly string[];
  /** The records behind each person field disclosed, found by the application in the person index. */
  readonly recordsBehindFields?: RecordsBehindFields;
  readonly fromAgency: string;
  readonly toAgency: string;
  readonly toUser: DisclosureRecipient | null;
  readonly fields: readonly string[];
  readonly documents: readonly string[];
  readonly purpose: string;
  readonly occurredAt: string;
  /**
   * The server clock when the command was received (`CommandContext.now`): deciders have no
   * clock, and a decision is recorded once made, so `occurredAt` may not be later.
   */
  readonly recordedAt: string;
  /**
   * When the case named was referred, or about a person alone the earliest referral behind the
   * records it passes on, loaded by the application; null when not known. A decision dated on an
   * earlier UK day would tell the register, and the recipient's view, that the information was
   * given out before anyone had referred it.
   */
  readonly referredAt: string | null;
}

export interface ShareInformation extends DisclosureRequest {
  readonly type: 'share-information';
  readonly lawfulBasis: unknown;
  readonly dsaId: string;
  readonly consent: { readonly given: boolean; readonly justification?: string };
  readonly expiresAt: string | null;
  /** The agreement as recorded, loaded by the application so the decision stays pure. */
  readonly dsa: DsaState;
}

export interface WithholdInformation extends DisclosureRequest {
  readonly type: 'withhold-information';
  readonly reason: string;
  /**
   * The agreement the decision is made under, if any: the would-be recipient's name is then checked
   * against it (requireAgreementNamesRecipient). Null when none is cited, as when no agreement names
   * the agency that asked: the entry is then kept from every agency but the discloser's
   * (register-visibility.ts), so no spelling of the recipient can carry the reason to it.
   */
  readonly dsaId: string | null;
  readonly consent: { readonly given: boolean; readonly justification?: string } | null;
  /** The agreement named by `dsaId` as recorded, loaded by the application; null when none is cited. */
  readonly dsa: DsaState | null;
}

export interface RevokeDisclosure {
  readonly type: 'revoke-disclosure';
  readonly reason: string;
  readonly occurredAt: string;
  /** The server's clock when the revocation is recorded: it may not be dated later. */
  readonly recordedAt: string;
  readonly byAgency: string;
  /**
   * Whether the caller may know of the entry at all (`mayKnowOfEntry`, judged by the application,
   * which knows the case's panel): a disclosing-agency officer off the panel does not.
   */
  readonly knowsOfEntry: boolean;
  /** Admins (information governance) may revoke any agency's disclosure. */
  readonly mayRevokeAny: boolean;
}

export type DisclosureCommand = ShareInformation | WithholdInformation | RevokeDisclosure | CorrectDisclosurePanel;

export type { DisclosureState } from './disclosure-state';

export const initialDisclosureState = (): DisclosureState => ({ exists: false });

export function evolveDisclosure(state: DisclosureState, event: DisclosureEvent): DisclosureState {
  switch (event.type) {
    case 'information-shared':
    case 'information-withheld':
      return {
        exists: true,
        disclosureId: event.data.disclosureId,
        kind: event.type === 'information-shared' ? 'shared' : 'withheld',
        fromAgency: event.data.fromAgency,
        toAgency: event.data.toAgency,
        personId: event.data.personId,
        caseId: event.data.caseId,
        panel: event.data.panel?.toUpperCase() ?? null,
        occurredAt: event.data.occurredAt,
        revokedAt: null,
      };
    case 'disclosure-revoked':
      return state.exists ? { ...state, revokedAt: event.data.occurredAt } : state;
    case 'disclosure-panel-corrected':
      return state.exists ? { ...state, panel: event.data.panel } : state;
  }
}

/** Problems common to sharing and withholding: who to, about whom, what. */
function requestProblems(command: DisclosureRequest): RejectionDetail[] {
  const problems: RejectionDetail[] = [];
  problems.push(...notLaterThanNow(command.occurredAt, command.recordedAt, 'disclosure-not-in-future', 'decision'));
  problems.push(...fromReferral(command));
  if (command.purpose.trim() === '')
    problems.push({
      field: 'purpose',
      rule: 'purpose-required',
      message: 'purpose must say why the information is shared or asked for, not be blank',
    });
  if (command.personId === null && command.caseId === null)
    problems.push({ field: 'personId', rule: 'person-or-case-required', message: 'name a personId or a caseId' });
  if (agencyKey(command.toAgency) === agencyKey(command.fromAgency))
    problems.push({
      field: 'toAgency',
      rule: 'another-agency',
      message: 'a disclosure goes to another agency; your own agency is ' + command.fromAgency,
    });
  const unknown = command.fields.filter((f) => !(DISCLOSABLE_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0)
    problems.push({
      field: 'fields',
      rule: 'disclosable-field',
      message: `not disclosable fields: ${unknown.join(', ')}`,
    });
  if (command.caseId === null && command.fields.some((f) => isCaseField(f) && !isPersonField(f)))
    problems.push({
      field: 'fields',
      rule: 'case-field-needs-case',
      message: 'case fields can only be shared about a case',
    });
  return problems;
}

/** Compared by UK day, as a case's own steps are (`datedFromReferral`). */
function fromReferral(command: DisclosureRequest): RejectionDetail[] {
  if (command.referredAt === null) return [];
  const referred =
    command.caseId === null
      ? `the panel it acts for first held person ${command.personId ?? ''}: its earliest case about or naming them`
      : `case ${command.caseId}`;
  return referralDayProblem(command.occurredAt, command.referredAt, 'disclosure-from-referral', {
    referred,
    recordable: 'a decision about it',
  });
}

function consentProblems(
  consent: { readonly given: boolean; readonly justification?: string } | null,
): RejectionDetail[] {
  if (consent === null || consent.given) return [];
  return (consent.justification ?? '').trim() === ''
    ? [
        {
          field: 'consent.justification',
          rule: 'justification-required',
          message: 'sharing without consent needs a justification',
        },
      ]
    : [];
}

const canonicalConsent = (consent: { readonly given: boolean; readonly justification?: string }): DisclosureConsent =>
  consent.given ? { given: true } : { given: false, justification: (consent.justification ?? '').trim() };

function withholdingConsent(consent: { readonly given: boolean; readonly justification?: string }): WithholdingConsent {
  if (consent.given) return { given: true };
  const note = (consent.justification ?? '').trim();
  return note === '' ? { given: false } : { given: false, justification: note };
}

function throwIfAny(problems: readonly RejectionDetail[]): void {
  const first = problems[0];
  if (first !== undefined) throw new Rejection('invalid', first.rule, `request is invalid: ${first.message}`, problems);
}

function facts(command: DisclosureRequest): SharingFacts {
  return {
    disclosureId: command.disclosureId,
    personId: command.personId,
    caseId: command.caseId,
    panel: command.panel,
    ...(command.caseId === null && command.personRecordIds !== undefined
      ? { personRecordIds: [...new Set(command.personRecordIds)] }
      : {}),
    ...(command.recordsBehindFields === undefined
      ? {}
      : { recordsBehindFields: behindDisclosedFields(command.recordsBehindFields, command.fields) }),
    fromAgency: command.fromAgency,
    toAgency: command.toAgency.trim(),
    toUser: command.toUser,
    fields: [...new Set(command.fields)] as DisclosableField[],
    documents: [...new Set(command.documents)],
    purpose: command.purpose.trim(),
    occurredAt: command.occurredAt,
  };
}

/** The records behind the person fields the entry discloses, each field's once; none for another field. */
function behindDisclosedFields(behind: RecordsBehindFields, fields: readonly string[]): RecordsBehindFields {
  const kept: Partial<Record<PersonField, readonly string[]>> = {};
  for (const field of fields) if (isPersonField(field)) kept[field] = [...new Set(behind[field] ?? [])];
  return kept;
}

function share(command: ShareInformation): InformationShared {
  const basisProblems = lawfulBasisProblems(command.lawfulBasis);
  const problems = [
    ...requestProblems(command),
    ...basisProblems,
    ...(basisProblems.length === 0 ? consentBasisProblems(command.lawfulBasis as LawfulBasis, command.consent) : []),
    ...consentProblems(command.consent),
  ];
  if (command.fields.length === 0 && command.documents.length === 0)
    problems.push({ field: 'fields', rule: 'something-to-share', message: 'name the fields or documents shared' });
  if (command.expiresAt !== null && !(momentOf(command.expiresAt) > momentOf(command.occurredAt)))
    problems.push({ field: 'expiresAt', rule: 'after-occurred-at', message: 'expiresAt must be after occurredAt' });
  throwIfAny(problems);
  const dsa = command.dsa;
  if (!dsa.exists) throw ruleRefused('dsa-exists', `no data sharing agreement ${command.dsaId}`, 'dsaId');
  if (!dsaInForceAt(dsa, command.occurredAt))
    throw ruleRefused('dsa-in-force', `agreement ${command.dsaId} was not in force at ${command.occurredAt}`, 'dsaId');
  for (const [field, agency] of [
    ['fromAgency', command.fromAgency],
    ['toAgency', command.toAgency],
  ] as const) {
    if (!wasPartyAt(dsa, agency, command.occurredAt))
      throw ruleRefused(
        'dsa-includes-both-parties',
        `${agency} was not a party to agreement ${command.dsaId} at ${command.occurredAt}`,
        field,
      );
  }
  return {
    type: 'information-shared',
    data: {
      ...facts(command),
      lawfulBasis: canonicalLawfulBasis(command.lawfulBasis as LawfulBasis),
      dsaId: command.dsaId,
      consent: canonicalConsent(command.consent),
      expiresAt: command.expiresAt,
    },
  };
}

/**
 * A decision not to share is kept from the agency it was about by that agency's name, so when it
 * cites an agreement the name must be one the agreement knows: a variant spelling ("National
 * Probation Service" for a DSA's "Probation") would hand the reason to the very agency it was kept
 * from. Any spell of membership will do, and the agreement need not be in force: a refusal may
 * follow a lapse or the agency's leaving, and may be the reason for it. One citing no agreement is
 * not checked here: no agency but the discloser's may know of it at all (mayKnowOfEntry).
 */
function requireAgreementNamesRecipient(command: WithholdInformation): void {
  if (command.dsaId === null) return;
  const dsa = command.dsa;
  if (dsa === null || !dsa.exists)
    throw ruleRefused('dsa-exists', `no data sharing agreement ${command.dsaId}`, 'dsaId');
  if (!namesParty(dsa, command.toAgency))
    throw ruleRefused(
      'dsa-includes-both-parties',
      `${command.toAgency.trim()} is not a party to agreement ${command.dsaId}; name the agency as the agreement does`,
      'toAgency',
    );
}

const namesParty = (dsa: DsaRecord, agency: string): boolean =>
  dsa.memberships.some((m) => agencyKey(m.agency) === agencyKey(agency));

function withhold(command: WithholdInformation): InformationWithheld {
  // Consent is recorded, not judged: "she said no" is a reason not to share, not one to justify.
  const problems = requestProblems(command);
  if (command.reason.trim() === '')
    problems.push({ field: 'reason', rule: 'reason-required', message: 'say why the information is not shared' });
  throwIfAny(problems);
  requireAgreementNamesRecipient(command);
  return {
    type: 'information-withheld',
    data: {
      ...facts(command),
      reason: command.reason.trim(),
      lawfulBasis: null,
      dsaId: command.dsaId,
      consent: command.consent === null ? null : withholdingConsent(command.consent),
    },
  };
}

export function decideDisclosure(command: DisclosureCommand, state: DisclosureState): DisclosureEvent[] {
  switch (command.type) {
    case 'share-information':
    case 'withhold-information':
      if (state.exists) throw conflict('disclosure-new', `disclosure ${command.disclosureId} is already recorded`);
      return [command.type === 'share-information' ? share(command) : withhold(command)];
    case 'revoke-disclosure': {
      // A caller who may not know of the entry (the agency a decision not to share was about, an
      // officer off the case's panel) is answered as if there were none: a 403 would tell them.
      if (!state.exists || !(command.mayRevokeAny || command.knowsOfEntry))
        throw notFound('disclosure-exists', 'no such disclosure');
      if (!command.mayRevokeAny && agencyKey(command.byAgency) !== agencyKey(state.fromAgency))
        throw forbidden('disclosing-agency', `only ${state.fromAgency} (or an admin) may revoke this disclosure`);
      if (state.kind !== 'shared') throw conflict('shared-disclosure', 'a decision not to share has nothing to revoke');
      if (state.revokedAt !== null) throw conflict('disclosure-open', `revoked already at ${state.revokedAt}`);
      if (command.reason.trim() === '') throw invalid('reason', 'reason-required', 'say why the disclosure is revoked');
      // Dated ahead, it would read as closed while the recipient still has access: record it once made.
      refuseFirst(notLaterThanNow(command.occurredAt, command.recordedAt, 'revocation-not-in-future', 'revocation'));
      // Dated before the disclosure, it would say the recipient lost access before having it.
      if (momentOf(command.occurredAt) < momentOf(state.occurredAt))
        throw invalid(
          'occurredAt',
          'revoked-after-disclosure',
          `occurredAt ${command.occurredAt} is before the disclosure it revokes (${state.occurredAt})`,
        );
      return [
        {
          type: 'disclosure-revoked',
          data: {
            disclosureId: state.disclosureId,
            caseId: state.caseId,
            personId: state.personId,
            reason: command.reason.trim(),
            occurredAt: command.occurredAt,
          },
        },
      ];
    }
    case 'correct-disclosure-panel':
      return correctPanel(command, state);
  }
}

export const disclosureDecider: Decider<DisclosureState, DisclosureCommand, DisclosureEvent> = {
  initialState: initialDisclosureState,
  evolve: evolveDisclosure,
  decide: decideDisclosure,
};
