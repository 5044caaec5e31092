import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../../event-store/src/port/event-store';

/** Who another process's command acted for, as its events' metadata names them. */
interface Actor {
  readonly id: string;
  readonly name: string;
  readonly agency: string;
  readonly roles: readonly string[];
}

/**
 * Events as another process's command appends them, for specs of commands racing it: whatever
 * the racing command read, each lands (`expected: 'any'`). `store` is looked up at each append, as
 * a spec's log is made afresh before each test.
 */
export const recordedElsewhere =
  (store: () => EventStore, actor: Actor, at: string) => (stream: string, type: string, data: object) =>
    store().append(
      stream,
      [
        {
          id: randomUUID(),
          type,
          data,
          metadata: { actor, correlationId: randomUUID(), causationId: randomUUID(), occurredAt: at },
        },
      ].map((event) => ({ ...event, metadata: { ...event.metadata, recordedAt: at, schemaVersion: 1 } })),
      { expected: 'any' },
    );
