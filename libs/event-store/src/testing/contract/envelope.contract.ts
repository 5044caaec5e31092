import { randomUUID } from 'node:crypto';
import type { EventToAppend, RecordedEvent } from '../../port/event-envelope';
import { someMetadata, streamIn, uniqueCategory } from '../event-fixtures';
import { take } from '../subscription-helpers';
import type { ContractContext } from './contract-context';

/** An event using every part of the envelope, including extra metadata and awkward text. */
function richEvent(): EventToAppend {
  return {
    id: randomUUID(),
    type: 'meeting-held',
    data: {
      panel: 'marac',
      attendees: [
        { agency: 'police', present: true },
        { agency: 'health', present: false },
      ],
      notes: 'Zoë’s “risk” – reviewed ✓ \u0000 end',
      score: 12.5,
      flags: null,
      empty: {},
    },
    metadata: someMetadata({
      actor: { id: 'user-19', name: 'Sam Example', agency: 'probation', roles: ['coordinator', 'chair'] },
      occurredAt: '2026-03-01T09:30:00.000Z',
      recordedAt: '2026-03-02T10:00:00.000Z',
      schemaVersion: 2,
      lawfulBasis: 'public-task',
      dsa: { id: 'dsa-3', version: 4 },
    }),
  };
}

export function envelopeContract({ store, deliveryTimeoutMs }: ContractContext): void {
  describe('envelope round trip', () => {
    const category = uniqueCategory();

    it('readStream, readAll and subscribeAll return what was appended plus stream, revision and position', async () => {
      const checkpoint = await store().headPosition();
      const stream = streamIn(category);
      const event = richEvent();
      const { position } = await store().append(stream, [event], { expected: 'no-stream' });
      const expected: RecordedEvent = { ...event, stream, revision: 0n, position };

      const [fromStream] = await store().readStream(stream);
      expect(fromStream).toEqual(expected);
      expect(typeof fromStream?.revision).toBe('bigint');
      expect(typeof fromStream?.position).toBe('bigint');

      const fromLog = (await store().readAll({ fromPosition: checkpoint })).find(
        (recorded) => recorded.id === event.id,
      );
      expect(fromLog).toEqual(expected);

      const subscription = store().subscribeAll({ fromPosition: checkpoint, filter: { streamPrefixes: [stream] } });
      try {
        const [delivered] = await take(subscription[Symbol.asyncIterator](), 1, deliveryTimeoutMs);
        expect(delivered).toEqual(expected);
      } finally {
        await subscription.close();
      }
    });
  });
}
