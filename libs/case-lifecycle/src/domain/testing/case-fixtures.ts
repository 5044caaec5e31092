/**
 * Synthetic test data for the case-lifecycle specs. Every name, id and date here is invented.
 */
import type { Decider, DomainEvent } from '../../../../command-handling/src/decider';
import { Rejection } from '../../../../command-handling/src/rejections';
import type {
  CaseCommand,
  CaseCommandType,
  IomReferralInput,
  MakeReferral,
  MaracReferralInput,
  ReferralInput,
} from '../commands/case-commands';
import type { CaseEvent } from '../events/case-events';
import { caseDecider } from '../case.decider';

export const CASE_ID = 'case-test-0001';
export const PERSON_ID = 'person-test-victim';
export const PERPETRATOR_ID = 'person-test-perpetrator';
export const REFERRED_AT = '2024-03-04T10:00:00Z';
export const LATER = '2024-03-20T14:30:00Z';

export const referrer = { name: 'Test Referrer', agency: 'police', email: 'referrer@example.invalid' };

export function referral(panelCode: string, details: ReferralInput, occurredAt = REFERRED_AT): MakeReferral {
  return {
    type: 'make-referral',
    data: {
      caseId: CASE_ID,
      panelCode,
      personId: PERSON_ID,
      referrer,
      reason: 'Synthetic referral for tests',
      occurredAt,
      details,
    },
  };
}

export function maracInput(overrides: Partial<MaracReferralInput> = {}): MaracReferralInput {
  return {
    kind: 'marac',
    consent: { given: true },
    perpetrator: { personId: PERPETRATOR_ID, relationshipToVictim: 'ex-partner' },
    children: [{ name: 'Test Child', dateOfBirth: '2018-06-01' }],
    incident: { occurredAt: '2024-03-02T22:15:00Z', summary: 'Synthetic incident' },
    dashScore: 15,
    policeCallouts12m: 1,
    criteriaTicked: ['visible-high-risk'],
    ...overrides,
  };
}

export function iomInput(
  scores: Partial<IomReferralInput['scores']> = {},
  overrides: Partial<IomReferralInput> = {},
): IomReferralInput {
  return {
    kind: 'iom',
    route: 'probation-core-cohort-upload',
    scores: { ogrs2y: 80, ovp2y: 35, robberyOrBurglaryInLast2Years: false, ...scores },
    statusAtReferral: 'licence',
    ...overrides,
  };
}

type CaseCommandOfType<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

/** A command on the test case with the common fields filled in (occurredAt defaults to LATER). */
export function on<T extends CaseCommandType>(
  type: T,
  data: Omit<CaseCommandOfType<T>['data'], 'caseId' | 'occurredAt'> & { readonly occurredAt?: string },
): CaseCommandOfType<T> {
  return { type, data: { caseId: CASE_ID, occurredAt: LATER, ...data } } as unknown as CaseCommandOfType<T>;
}

/** The events a sequence of commands produces, each decided on the state the previous ones left. */
export function historyOf<S, C, E extends DomainEvent>(decider: Decider<S, C, E>, ...commands: C[]): E[] {
  const events: E[] = [];
  let state = decider.initialState();
  for (const command of commands) {
    const produced = decider.decide(command, state);
    events.push(...produced);
    state = produced.reduce(decider.evolve, state);
  }
  return events;
}

export const caseHistory = (...commands: CaseCommand[]): CaseEvent[] => historyOf(caseDecider, ...commands);

export const accepted = (): CaseCommand => on('accept-referral', {});

/** The Rejection a call throws; fails the test when it throws nothing or something else. */
export function rejectionFrom(run: () => unknown): Rejection {
  try {
    run();
  } catch (error) {
    if (error instanceof Rejection) return error;
    throw error;
  }
  throw new Error('expected a Rejection, nothing was thrown');
}
