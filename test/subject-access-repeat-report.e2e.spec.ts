import { apiForSuite } from './support/api-suite';
import { iomReferral, person } from './support/referrals';
import type { TestUser } from './support/tokens';

// Synthetic people only.
const IOM_COORDINATOR: TestUser = {
  sub: 'sar-repeat-iom',
  agency: 'Probation',
  roles: ['coordinator'],
  panels: ['IOM'],
};
const IOM_AUDITOR: TestUser = { sub: 'sar-repeat-auditor', roles: ['auditor'], panels: ['IOM'] };

interface Report {
  readonly reads: readonly { action: string; parameters?: Record<string, unknown> }[];
  readonly manualReview: readonly { path: string; reason: string }[];
}

/**
 * A second subject access report lists the first among the reads of the man's data. The first
 * report's `redactMarac` is how it was asked for, named in the API: not a MARAC field to drop.
 */
describe('a subject access report after an earlier one', () => {
  const { client, tokens } = apiForSuite({ coordinator: IOM_COORDINATOR, auditor: IOM_AUDITOR });

  it("keeps the earlier report's redactMarac parameter and lists nothing of it for review", async () => {
    const { personId } = await client.refer(
      tokens.coordinator,
      iomReferral(
        {},
        { person: person({ forenames: 'Howell', surname: 'Penhallow', dateOfBirth: '1983-03-03', sex: 'male' }) },
      ),
    );
    const reportOf = async () =>
      (await client.get(`/v1/audit/subject-access/${personId}`, tokens.auditor, null).expect(200)).body as Report;
    await reportOf();

    const second = await reportOf();

    const earlier = second.reads.filter((read) => read.parameters !== undefined && 'redactMarac' in read.parameters);
    expect(earlier).toHaveLength(1);
    // The first report was redacted, as an auditor off MARAC always gets it.
    expect(earlier[0]?.parameters?.['redactMarac']).toBe(true);
    expect(second.manualReview.filter((note) => note.path.includes('redactMarac'))).toEqual([]);
  });
});
