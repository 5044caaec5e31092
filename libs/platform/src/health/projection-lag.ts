export interface ProjectionLag {
  readonly name: string;
  readonly version: number;
  readonly position: string;
  readonly lagEvents: number;
  readonly lagSeconds: number;
  readonly state: string;
}

/** Supplied by the projector runtime; /ready reports what it says. */
export interface ProjectionLagSource {
  lag(head: bigint): Promise<readonly ProjectionLag[]>;
}

export const PROJECTION_LAG_SOURCE = Symbol('ProjectionLagSource');
