/** The one error body every 4xx/5xx uses, so clients parse failures the same way everywhere. */
export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export interface Problem {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly rule?: string;
  readonly errors?: readonly FieldProblem[];
  readonly correlationId?: string;
  readonly [extra: string]: unknown;
}

/** A refusal of one part of the request by one rule, in the shape every 4xx takes. */
export const fieldProblem = (
  statusCode: number,
  error: string,
  field: string,
  rule: string,
  message: string,
): Problem => ({ statusCode, error, message, rule, errors: [{ field, rule, message }] });
