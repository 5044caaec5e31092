import { eventAttributes, type AttributeContext } from './event-attributes';

const context: AttributeContext = {
  pseudonym: (kind, id) => `pseudo(${kind}:${id})`,
  date: (value) => value.slice(0, 7),
};

describe('export attributes of the later Alliance facts', () => {
  it('keeps the known-to-YOS answer and the one it replaced, never the reason', () => {
    const record = eventAttributes(
      'alliance-known-to-yos-recorded',
      {
        engagementId: 'eng-1',
        knownToYos: true,
        previous: null,
        reason: 'Checked with Kit Synthetic at YOS; on a referral order',
        occurredAt: '2024-05-06T10:00:00Z',
      },
      context,
    );
    expect(record).toEqual({
      item: 'pseudo(item:eng-1)',
      alliance_known_to_yos: 'yes',
      alliance_previous_known_to_yos: 'not-checked',
    });
    expect(JSON.stringify(record)).not.toMatch(/Kit|referral order|Checked/);
  });

  it('codes a corrected residence as the engagement’s is coded, never the reason or the text typed', () => {
    const record = eventAttributes(
      'alliance-residence-recorded',
      {
        engagementId: 'eng-1',
        residenceBorough: '14 Synthetic Close, Barnet',
        previous: 'LB Haringey',
        reason: 'Kit Synthetic moved to an aunt in Barnet',
        occurredAt: '2024-05-06T10:00:00Z',
      },
      context,
    );
    expect(record).toEqual({ item: 'pseudo(item:eng-1)', alliance_residence: 'other' });
    expect(JSON.stringify(record)).not.toMatch(/Kit|Synthetic|Barnet|aunt|Haringey/);
  });

  it('gives the follow-up due time of a custody release, coarsened as the export coarsens dates', () => {
    const record = eventAttributes(
      'alliance-custody-release-recorded',
      { engagementId: 'eng-1', occurredAt: '2024-05-31T10:00:00Z', followUpDueAt: '2024-06-02T10:00:00Z' },
      context,
    );
    expect(record).toEqual({ item: 'pseudo(item:eng-1)', alliance_follow_up_due_at: '2024-06' });
  });

  it.each([
    [10, '10-15'],
    [15, '10-15'],
    [16, '16-17'],
    [18, '18-24'],
  ])('gives age %i at engagement as the export band %s, never the whole years', (age, band) => {
    const record = eventAttributes(
      'alliance-engagement-recorded',
      { engagementId: 'eng-1', custodySuite: 'Wood Green', ageAtEngagement: age, residenceBorough: 'enfield ' },
      context,
    );
    expect(record).toEqual({
      item: 'pseudo(item:eng-1)',
      alliance_residence: 'Enfield',
      alliance_age_band: band,
    });
  });
});
