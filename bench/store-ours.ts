import type { EventToAppend } from '../libs/event-store/src/port/event-envelope';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import type { StoreSubject } from './store-subject';

export async function ourStore(filename: string): Promise<StoreSubject> {
  const store = new SqliteEventStore({ filename, synchronous: 'FULL' });
  return {
    name: 'SqliteEventStore (ours)',
    async append(stream: string, streamLength: number, events: readonly EventToAppend[]): Promise<void> {
      await store.append(stream, events, { expected: streamLength === 0 ? 'no-stream' : BigInt(streamLength - 1) });
    },
    async readAll(pageSize: number): Promise<number> {
      let read = 0;
      let from = -1n;
      for (;;) {
        const page = await store.readAll({ fromPosition: from, maxCount: pageSize });
        const last = page[page.length - 1];
        if (last === undefined) return read;
        read += page.length;
        from = last.position;
      }
    },
    close: () => store.close(),
  };
}
