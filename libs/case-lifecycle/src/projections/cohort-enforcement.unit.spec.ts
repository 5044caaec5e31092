import { dueFrom, enforcementDue } from './cohort-enforcement';

const runs = (nonEngagementSince: string | null, unlocatedSince: string | null) => ({
  non_engagement_since: nonEngagementSince,
  unlocated_since: unlocatedSince,
});

describe('IOM enforcement due on a UK day', () => {
  it('is a media appeal once unlocated six calendar months to the day, not the day before', () => {
    expect(enforcementDue(runs(null, '2024-01-15'), '2024-07-15')).toEqual(['media-appeal']);
    expect(enforcementDue(runs(null, '2024-01-16'), '2024-07-15')).toEqual([]);
  });

  it('reads a shorter month the way a person does: six months before 31 August is 29 February', () => {
    expect(dueFrom('media-appeal', '2024-08-31')).toBe('2024-02-29');
    expect(dueFrom('background-checks', '2024-05-31')).toBe('2024-02-29');
  });

  it('keeps both when both are due, background checks first; none when neither run is open', () => {
    expect(enforcementDue(runs('2024-01-01', '2024-01-01'), '2024-07-01')).toEqual([
      'background-checks',
      'media-appeal',
    ]);
    expect(enforcementDue(runs('2024-04-01', '2024-04-01'), '2024-07-01')).toEqual(['background-checks']);
    expect(enforcementDue(runs(null, null), '2024-07-01')).toEqual([]);
  });
});
