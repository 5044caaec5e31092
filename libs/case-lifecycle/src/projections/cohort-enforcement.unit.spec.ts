import { addCalendarMonths, compareDates, formatDate, parseDateOnly } from '../domain';
import { dueFrom, ENFORCEMENT_FILTERS, ENFORCEMENT_RULES, enforcementDue } from './cohort-enforcement';

const runs = (nonEngagementSince: string | null, unlocatedSince: string | null) => ({
  non_engagement_since: nonEngagementSince,
  unlocated_since: unlocatedSince,
});

const DAY_MS = 86_400_000;
const dayAfter = (day: string, days = 1): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

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

  describe('at the end of a month, counting forward from the run as a person does', () => {
    it('is due background checks on 28 February for runs from 29 and 30 November, not the day before', () => {
      for (const since of ['2024-11-29', '2024-11-30']) {
        expect(enforcementDue(runs(since, null), '2025-02-27')).toEqual([]);
        expect(enforcementDue(runs(since, null), '2025-02-28')).toEqual(['background-checks']);
      }
      expect(dueFrom('background-checks', '2025-02-28')).toBe('2024-11-30');
    });

    it('is due a media appeal on 28 February for a run unlocated from 31 August', () => {
      expect(enforcementDue(runs(null, '2024-08-31'), '2025-02-27')).toEqual([]);
      expect(enforcementDue(runs(null, '2024-08-31'), '2025-02-28')).toEqual(['media-appeal']);
      expect(dueFrom('media-appeal', '2025-02-28')).toBe('2024-08-31');
    });

    it('is due on 29 February in a leap year, and not on the 28th', () => {
      expect(enforcementDue(runs('2023-11-30', null), '2024-02-28')).toEqual([]);
      expect(enforcementDue(runs('2023-11-30', null), '2024-02-29')).toEqual(['background-checks']);
      expect(enforcementDue(runs(null, '2023-08-31'), '2024-02-28')).toEqual([]);
      expect(enforcementDue(runs(null, '2023-08-29'), '2024-02-28')).toEqual([]);
      expect(enforcementDue(runs(null, '2023-08-29'), '2024-02-29')).toEqual(['media-appeal']);
      expect(enforcementDue(runs(null, '2023-08-31'), '2024-02-29')).toEqual(['media-appeal']);
    });

    it('is due on 30 June for a run from 31 March, a 30-day month after a 31-day one', () => {
      expect(enforcementDue(runs('2024-03-31', null), '2024-06-29')).toEqual([]);
      expect(enforcementDue(runs('2024-03-31', null), '2024-06-30')).toEqual(['background-checks']);
    });
  });

  it('gives the filter the same cases as the items, every day of two years (a leap day among them)', () => {
    // The SQL filter asks `since <= dueFrom(today)`; an item says due when the months counted
    // forward from `since` reach today. Every start a few days either side of the boundary is compared.
    const disagreements: string[] = [];
    for (let today = '2023-06-01'; today <= '2025-06-30'; today = dayAfter(today)) {
      const day = parseDateOnly(today);
      for (const enforcement of ENFORCEMENT_FILTERS) {
        const { months } = ENFORCEMENT_RULES[enforcement];
        const bound = dueFrom(enforcement, today);
        for (let back = months * 28 - 5; back <= months * 31 + 5; back++) {
          const since = dayAfter(today, -back);
          const start = parseDateOnly(since);
          if (day === undefined || start === undefined) throw new Error(`not a date: ${since}`);
          const reached = compareDates(addCalendarMonths(start, months), day) <= 0;
          const listed = enforcementDue(runs(since, since), today).includes(enforcement);
          if (reached !== since <= bound || reached !== listed)
            disagreements.push(`${enforcement} from ${since} on ${formatDate(day)}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
