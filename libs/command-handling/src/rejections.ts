/**
 * Expected failures of a command. Each kind maps to exactly one HTTP status in one place
 * (the API's rejection filter), so deciders never know about HTTP.
 */
export type RejectionKind =
  /** The input is malformed (400). */
  | 'invalid'
  /** The target does not exist (404). */
  | 'not-found'
  /** The command conflicts with the current state, e.g. closing a closed case (409). */
  | 'conflict'
  /** A panel rule refuses the command, e.g. a MARAC referral meeting no criterion (422). */
  | 'rule-refused'
  /** The caller may not do this (403). */
  | 'forbidden';

export interface RejectionDetail {
  readonly field?: string;
  readonly rule: string;
  readonly message: string;
}

export class Rejection extends Error {
  override readonly name = 'Rejection';
  constructor(
    readonly kind: RejectionKind,
    readonly rule: string,
    message: string,
    readonly details: readonly RejectionDetail[] = [],
  ) {
    super(message);
  }
}

export const invalid = (field: string, rule: string, message: string): Rejection =>
  new Rejection('invalid', rule, message, [{ field, rule, message }]);
export const notFound = (rule: string, message: string): Rejection => new Rejection('not-found', rule, message);
export const conflict = (rule: string, message: string): Rejection => new Rejection('conflict', rule, message);
export const ruleRefused = (rule: string, message: string, field?: string): Rejection =>
  new Rejection('rule-refused', rule, message, [{ ...(field === undefined ? {} : { field }), rule, message }]);
export const forbidden = (rule: string, message: string): Rejection => new Rejection('forbidden', rule, message);
