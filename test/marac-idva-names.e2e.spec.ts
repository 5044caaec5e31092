import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * The tracker's IDVA column: SafeLives and the Home Office call the role "Independent Domestic
 * Violence Adviser" (or Advisor), and referrers type "Idvas"; a victim supported by one must not
 * be listed by `idva=none`. Synthetic victims only.
 */
describe('MARAC IDVA support under the names practitioners type', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  const idvaByCase = async (query = '') => {
    const items = (await client.get(`/v1/panels/MARAC/cohort?limit=500${query}`, tokens.coordinator).expect(200)).body
      .items as { caseId: string; marac: { idva: unknown } }[];
    return new Map(items.map((item) => [item.caseId, item.marac.idva]));
  };

  const types = ['Independent Domestic Violence Adviser', 'Independent Domestic Violence Advisor', 'Referred to Idvas'];

  it('stores the intervention as IDVA support, says so, and shows it on the tracker', async () => {
    const arranged: [string, string][] = [];
    for (const [index, type] of types.entries()) {
      const referred = await client.post(
        '/v1/referrals',
        tokens.coordinator,
        maracReferral({
          person: person({ forenames: 'Tamsin', surname: `Adviser${'ABC'[index]}`, dateOfBirth: `198${index}-02-14` }),
        }),
      );
      expect(referred.status).toBe(201);
      const caseId = referred.body.caseId as string;
      const intervention = await client.post(`/v1/cases/${caseId}/interventions`, tokens.coordinator, {
        type,
        provider: 'Synthetic IDVA service',
      });
      expect({ type, status: intervention.status, kind: intervention.body.kind }).toEqual({
        type,
        status: 201,
        kind: 'idva',
      });
      arranged.push([caseId, type]);
    }
    const shown = await idvaByCase();
    expect(arranged.map(([caseId, type]) => [type, shown.get(caseId)])).toEqual(
      types.map((type) => [type, 'arranged']),
    );
    const none = await idvaByCase('&idva=none');
    expect(arranged.filter(([caseId]) => none.has(caseId))).toEqual([]);
  });

  it('leaves an intervention that names no IDVA without a kind', async () => {
    const referred = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      maracReferral({ person: person({ forenames: 'Tamsin', surname: 'Housed', dateOfBirth: '1979-09-09' }) }),
    );
    const intervention = await client.post(`/v1/cases/${referred.body.caseId}/interventions`, tokens.coordinator, {
      type: 'Tenancy support',
      provider: 'Synthetic housing',
    });
    expect({ status: intervention.status, kind: intervention.body.kind }).toEqual({ status: 201, kind: null });
  });
});
