import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../libs/event-store/src/port/event-store';

/**
 * Appends to agreement `dsaId` an event as the code before changes dated ahead were refused
 * recorded it: the API now refuses such dates, so the specs of the logs it left write them here.
 */
export async function writtenAhead(
  store: EventStore,
  dsaId: string,
  type: string,
  data: Record<string, unknown>,
): Promise<void> {
  const stream = `dsa-${dsaId}`;
  const before = await store.readStream(stream);
  const metadata = {
    actor: { id: 'ig-earlier', name: 'IG', agency: 'Partnership Information Governance', roles: ['admin'] },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: data.occurredAt as string,
    recordedAt: new Date().toISOString(),
    schemaVersion: 1,
  };
  await store.append(stream, [{ id: randomUUID(), type, data, metadata }], { expected: BigInt(before.length - 1) });
}
