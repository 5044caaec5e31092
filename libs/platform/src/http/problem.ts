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
