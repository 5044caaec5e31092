import { rejectionFrom } from '../testing/case-fixtures';
import { requireReferredByNow } from './referred-by-now';

/** The server's clock when the referral arrives; device clocks up to five minutes ahead are tolerated. */
const NOW = '2026-11-24T10:00:00Z';

describe('a referral is recorded once it has been made, for every kind of panel', () => {
  it.each([
    ['iom', 'referral-not-in-future'],
    ['generic', 'referral-not-in-future'],
    ['marac', 'marac-referral-not-in-future'],
    ['alliance', 'alliance-not-in-future'],
  ] as const)(
    'refuses a referral to a panel of kind %s dated after now beyond skew, naming referredAt and %s',
    (kind, rule) => {
      for (const at of ['2026-11-25T22:00:00Z', '2026-11-24T10:05:01Z']) {
        const refused = rejectionFrom(() => requireReferredByNow(at, NOW, kind));
        expect({ kind: refused.kind, rule: refused.rule, details: refused.details }).toEqual({
          kind: 'invalid',
          rule,
          details: [expect.objectContaining({ field: 'referredAt', rule })],
        });
      }
      expect(() => requireReferredByNow('2026-11-24T10:05:00Z', NOW, kind)).not.toThrow();
      expect(() => requireReferredByNow('2019-01-01T00:00:00Z', NOW, kind)).not.toThrow();
    },
  );
});
