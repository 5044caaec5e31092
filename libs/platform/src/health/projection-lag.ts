export interface ProjectionLag {
  readonly name: string;
  readonly version: number;
  readonly position: string;
  /** Events after `position`, counted up to a cap: see `lagEventsCapped`. */
  readonly lagEvents: number;
  /** Present (true) when there are more than `lagEvents` events to go: counting stopped at the cap. */
  readonly lagEventsCapped?: true;
  readonly lagSeconds: number;
  readonly state: string;
}

/** Supplied by the projector runtime; /ready reports what it says. */
export interface ProjectionLagSource {
  lag(head: bigint): Promise<readonly ProjectionLag[]>;
}

export const PROJECTION_LAG_SOURCE = Symbol('ProjectionLagSource');
