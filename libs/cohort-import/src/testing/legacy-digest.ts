import type { EventStore } from '../../../event-store/src/port/event-store';

/**
 * Copies every event of `from` into the empty store `to` (same ids, streams, order), with the
 * `fileDigest` of import events renamed: a store as an earlier version, which named uploads
 * otherwise, left it.
 */
export async function copyRenamingFileDigest(
  from: EventStore,
  to: EventStore,
  rename: (digest: string) => string,
): Promise<void> {
  for (const event of await from.readAll({})) {
    const data = event.data as { fileDigest?: unknown };
    const renamed =
      event.stream.startsWith('iomimport-') && typeof data.fileDigest === 'string'
        ? { ...data, fileDigest: rename(data.fileDigest) }
        : event.data;
    await to.append(event.stream, [{ id: event.id, type: event.type, data: renamed, metadata: event.metadata }], {
      expected: 'any',
    });
  }
}
