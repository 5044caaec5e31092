import type { InterventionStatus } from '../domain';
import { idvaSupport, isIdvaSupport } from './cohort-idva';

function orderings(statuses: readonly InterventionStatus[]): InterventionStatus[][] {
  if (statuses.length <= 1) return [[...statuses]];
  return statuses.flatMap((first, i) =>
    orderings([...statuses.slice(0, i), ...statuses.slice(i + 1)]).map((rest) => [first, ...rest]),
  );
}

describe('IDVA support on the MARAC tracker', () => {
  it('is an intervention whose type names an IDVA as a word, in any case', () => {
    const named = (type: string) => isIdvaSupport(type);
    expect(['IDVA support', 'idva', 'Outreach (Idva)', 'Refuge-based IDVA'].filter(named)).toHaveLength(4);
    expect(['ISVA support', 'Tenancy support', 'Kidvantage mentoring', 'IDVASS'].filter(named)).toEqual([]);
  });

  it('recognises the plural, as a referrer types it', () => {
    expect(['Referred to Idvas', 'IDVAs', 'idvas outreach'].map((type) => isIdvaSupport(type))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("recognises SafeLives' adviser, spelled either way, beside the advocate and advocacy", () => {
    const spelled = [
      'Independent Domestic Violence Adviser',
      'Independent Domestic Violence Advisor',
      'independent domestic abuse adviser',
      'Independent Domestic Violence Advocate',
      'Independent Domestic Violence Advocacy',
    ];
    expect(spelled.filter((type) => !isIdvaSupport(type))).toEqual([]);
    expect(
      ['Independent Domestic Violence Advisory board', 'Independent Sexual Violence Adviser'].filter((type) =>
        isIdvaSupport(type),
      ),
    ).toEqual([]);
  });

  it('recognises the name spelled out, as older events recorded it', () => {
    const named = (type: string) => isIdvaSupport(type);
    expect(
      ['Independent Domestic Violence Advocate', 'independent domestic abuse advocacy service'].filter(named),
    ).toHaveLength(2);
    expect(named('Independent Sexual Violence Advocate')).toBe(false);
  });

  it('is any intervention of kind idva, whatever its type says', () => {
    expect(isIdvaSupport('Advocacy', 'idva')).toBe(true);
    expect(isIdvaSupport('Advocacy')).toBe(false);
  });

  it('shows support under way, then to come, then had, then refused, whatever order they were recorded in', () => {
    const cases: [InterventionStatus[], InterventionStatus][] = [
      [['declined', 'completed', 'arranged', 'started'], 'started'],
      [['declined', 'completed', 'arranged'], 'arranged'],
      [['declined', 'completed'], 'completed'],
      [['declined', 'declined'], 'declined'],
    ];
    for (const [statuses, shown] of cases)
      for (const ordering of orderings(statuses)) expect(idvaSupport(ordering)).toBe(shown);
  });

  it('is null when no IDVA support is recorded', () => {
    expect(idvaSupport([])).toBeNull();
  });
});
