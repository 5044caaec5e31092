import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { MaracRepeatRateReport } from '../domain/marac-repeat-rate-report';
import { PersonProfiles } from '../domain/person-profiles';
import { maracReferralsFeed } from './case-feeds';

let position = 0n;
/** A MARAC referral as the log holds it, with no referral of the victim here before it. Synthetic ids. */
const referralMade = (caseId: string, details: Record<string, unknown>): RecordedEvent => ({
  id: `00000000-0000-4000-8000-00000000000${position}`,
  type: 'referral-made',
  stream: `case-${caseId}`,
  revision: 0n,
  position: position++,
  metadata: {} as RecordedEvent['metadata'],
  data: {
    caseId,
    panelCode: 'MARAC',
    personId: `victim-${caseId}`,
    occurredAt: '2026-02-10T09:00:00Z',
    referrer: { agency: 'Metropolitan Police' },
    details: {
      kind: 'marac',
      incident: { occurredAt: '2026-02-09T21:00:00Z' },
      thresholdsApplied: { repeatWindowMonths: 12 },
      previousMaracDateReported: '2025-11-20',
      ...details,
    },
  },
});

describe("the repeat-rate report's feed of MARAC referrals", () => {
  it("counts the form's previous MARAC date only for referrals judged with it, so older ones replay as judged", () => {
    const report = new MaracRepeatRateReport();
    const feed = maracReferralsFeed(report);
    feed.apply(referralMade('judged-with-it', { repeat: true, repeatFrom: 'reported' }));
    feed.apply(referralMade('recorded-before', { repeat: false }));
    expect(report.result({ from: '2026-02-01', to: '2026-02-28' }, new PersonProfiles())).toMatchObject({
      referrals: 2,
      repeats: 1,
      repeatsFlaggedAtReferral: 1,
      repeatsFromReportedDate: 1,
    });
  });
});
