/**
 * A part of the process, other than the projections, that reads the log before it can serve (the
 * person matcher's index): `/ready` lists it and, until it is `live`, names it under `degraded`.
 */
export interface ComponentReadiness {
  readonly name: string;
  readonly state: 'catching-up' | 'live' | 'failed';
  /** Events it has read since the process started. */
  readonly eventsRead: number;
  /** The position of the last event it read ("-1" before the first), to set against the head. */
  readonly position: string;
  readonly error?: string;
}

export interface ReadinessComponent {
  readiness(): ComponentReadiness;
}

/**
 * Where such parts make themselves known to `/ready`. Provided by the platform (global) so that a
 * feature module can add its own without the platform knowing it.
 */
export class ReadinessComponents {
  private readonly components: ReadinessComponent[] = [];

  add(component: ReadinessComponent): void {
    this.components.push(component);
  }

  list(): ComponentReadiness[] {
    return this.components.map((component) => component.readiness());
  }
}
