import { randomUUID } from 'node:crypto';
import { InvalidAppendError } from '../../port/errors';
import type { EventToAppend } from '../../port/event-envelope';
import type { ExpectedRevision } from '../../port/expected-revision';
import { anEvent, streamIn, uniqueCategory } from '../event-fixtures';
import type { ContractContext } from './contract-context';

export function validationContract({ store }: ContractContext): void {
  describe('malformed appends are refused with InvalidAppendError and write nothing', () => {
    const category = uniqueCategory();
    const id = randomUUID();

    it.each(['Case-1', 'case', 'case-', `$${category}-1`, `${category}-a b`, `-${id}`, `${category}-1/2`, ''])(
      'stream name %p',
      async (stream) => {
        await expect(store().append(stream, [anEvent()], { expected: 'any' })).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
      },
    );

    it.each(['ReferralMade', 'referral_made', 'referral-', '-made', '$metadata', 'referral--made', ''])(
      'event type %p',
      async (type) => {
        const stream = streamIn(category);
        await expect(store().append(stream, [anEvent({ type })], { expected: 'any' })).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        expect(await store().readStream(stream)).toEqual([]);
      },
    );

    it.each<[string, () => EventToAppend]>([
      ['a non-UUID id', () => anEvent({ id: 'job-42-0' })],
      ['an upper-case UUID id', () => anEvent({ id: randomUUID().toUpperCase() })],
      ['data that is not an object', () => anEvent({ data: 42 })],
      ['data that is an array', () => anEvent({ data: [{ note: 'a list, not an object' }] as unknown as object })],
      ['data JSON cannot carry', () => anEvent({ data: { amount: 10n } })],
      [
        'metadata without an actor',
        () => ({ ...anEvent(), metadata: { ...anEvent().metadata, actor: undefined } }) as unknown as EventToAppend,
      ],
      [
        'metadata without a correlationId',
        () => ({ ...anEvent(), metadata: { ...anEvent().metadata, correlationId: '' } }),
      ],
      [
        'a non-integer schemaVersion',
        () => ({ ...anEvent(), metadata: { ...anEvent().metadata, schemaVersion: 1.5 } }),
      ],
    ])('an event with %s', async (_, event) => {
      const stream = streamIn(category);
      await expect(store().append(stream, [event()], { expected: 'any' })).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('an empty batch', async () => {
      await expect(store().append(streamIn(category), [], { expected: 'any' })).rejects.toBeInstanceOf(
        InvalidAppendError,
      );
    });

    it.each<[unknown]>([[-1n], [3], ['no_stream'], [2n ** 63n], [2n ** 64n - 1n]])(
      'expected revision %p',
      async (expected) => {
        await expect(
          store().append(streamIn(category), [anEvent()], { expected: expected as ExpectedRevision }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
      },
    );

    it('a batch with one bad event among good ones', async () => {
      const stream = streamIn(category);
      await expect(
        store().append(stream, [anEvent(), anEvent({ type: 'Bad' }), anEvent()], { expected: 'any' }),
      ).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await store().readStream(stream)).toEqual([]);
    });
  });
}
