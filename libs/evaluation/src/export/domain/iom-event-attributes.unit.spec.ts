import { eventAttributes, type AttributeContext } from './event-attributes';

const context: AttributeContext = {
  pseudonym: (kind, id) => `pseudo(${kind}:${id})`,
  date: (value) => value.slice(0, 7),
};
const TYPED = 'Lives with victim Efua Quaye at 12 Elm Rd';

describe('export attributes of IOM panel decisions', () => {
  it('gives a rejection and a discretionary adoption by category, never the typed reason', () => {
    const rejected = eventAttributes(
      'iom-case-rejected',
      {
        category: 'managed-under-mappa',
        reason: TYPED,
        eligibleWhenRejected: true,
        occurredAt: '2024-05-06T10:00:00Z',
      },
      context,
    );
    const discretion = eventAttributes(
      'iom-discretionary-adoption',
      { category: 'domestic-abuse', reason: TYPED, occurredAt: '2024-05-06T10:00:00Z' },
      context,
    );
    expect([rejected, discretion]).toEqual([
      { iom_decision_category: 'managed-under-mappa' },
      { iom_decision_category: 'domestic-abuse' },
    ]);
    expect(JSON.stringify([rejected, discretion])).not.toMatch(/elm rd|quaye/i);
  });

  it('gives a decision recorded before categories, or with a value off its list, as not-categorised', () => {
    for (const data of [{ reason: TYPED }, { category: TYPED, reason: TYPED }, { category: 'domestic-abuse' }]) {
      expect(eventAttributes('iom-case-rejected', data, context)).toEqual({ iom_decision_category: 'not-categorised' });
    }
    expect(eventAttributes('iom-case-adopted', { reason: TYPED }, context)).toEqual({});
  });
});
