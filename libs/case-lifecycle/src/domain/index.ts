/**
 * The case-lifecycle domain: pure deciders, events, commands, rules and the panel registry.
 * No framework, no I/O, no clock: time and ids arrive on commands.
 */
export * from './stream-names';
export * from './calendar';
export * from './panel-registry';
export * from './rule-names';
export { asOfReach, CLOCK_SKEW_MS, requireInstant, requireNotInFuture } from './input-checks';

export * from './vocabulary/common';
export * from './vocabulary/iom';
export * from './vocabulary/marac';
export * from './vocabulary/alliance';

export * from './events/referral-details';
export * from './events/case-events';
export * from './events/meeting-events';
export * from './events/person-events';

export * from './commands/command';
export * from './commands/case-commands';
export * from './commands/meeting-commands';
export * from './commands/person-commands';

export * from './rules/marac-repeat';
export * from './rules/marac-criteria';
export * from './rules/marac-thresholds';
export * from './rules/iom-eligibility';
export * from './rules/iom-eligible-now';
export * from './rules/iom-policy-configuration';
export * from './rules/iom-whereabouts';
export * from './rules/alliance-engagement';
export * from './rules/one-open-case';
export * from './rules/correction-reason';

export * from './case-state';
export * from './case.decider';
export * from './meeting.decider';
export * from './person.decider';
export * from './rules/marac-referral-dates';
export * from './rules/referred-by-now';
export * from './rules/recorded-by-now';
export * from './rules/person-details-dates';
