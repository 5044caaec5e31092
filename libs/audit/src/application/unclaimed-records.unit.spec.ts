import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { WITHHELD } from './third-party';
import { withoutUnclaimedResidence } from './unclaimed-records';

// Synthetic records and addresses only.
const event = (stream: string, type: string, data: Record<string, unknown>): RecordedEvent =>
  ({ stream, type, data, metadata: {} }) as unknown as RecordedEvent;
const newDetails = (recordId: string) =>
  event('identity-p-him', 'person-record-details-recorded', {
    personId: 'p-him',
    recordId,
    changes: { address: '8 Quay Synthetic Yard', postcode: 'E1 9QQ', forenames: 'Lowen' },
  });

describe('withoutUnclaimedResidence', () => {
  it('withholds the address and postcode that new details give an unclaimed record', () => {
    const { data, paths } = withoutUnclaimedResidence(
      newDetails('r-failed'),
      newDetails('r-failed').data,
      new Set(['r-failed']),
    );
    expect(data).toMatchObject({ changes: { address: WITHHELD, postcode: WITHHELD, forenames: 'Lowen' } });
    expect(paths).toEqual(['.changes.address', '.changes.postcode']);
  });

  it('leaves a claimed record as recorded', () => {
    const claimed = newDetails('r-iom');
    expect(withoutUnclaimedResidence(claimed, claimed.data, new Set(['r-failed']))).toEqual({
      data: claimed.data,
      paths: [],
    });
  });
});
