import { eventAttributes, type AttributeContext } from './event-attributes';

const context: AttributeContext = {
  pseudonym: (kind, id) => `pseudo(${kind}:${id})`,
  date: (value) => value.slice(0, 7),
};
/** The scores as the case events hold them (`IomScores`). */
const scores = { ogrs2y: 80, ovp2y: 35, robberyOrBurglaryInLast2Years: true };

describe('export attributes of IOM scores', () => {
  it('gives the scores a referral recorded, and none for a referral form that came without them', () => {
    const referral = (details: object) =>
      eventAttributes('referral-made', { details: { kind: 'iom', statusAtReferral: 'licence', ...details } }, context);
    expect(referral({ route: 'core-partner', scores })).toEqual({
      iom_route: 'core-partner',
      iom_status_at_referral: 'licence',
      iom_ogrs2: 80,
      iom_ovp2: 35,
      iom_robbery_or_burglary_2y: true,
    });
    expect(referral({ route: 'referral-form' })).toEqual({
      iom_route: 'referral-form',
      iom_status_at_referral: 'licence',
    });
  });

  it('gives the scores an evaluation judged, with its policy and answer', () => {
    const record = eventAttributes(
      'iom-eligibility-evaluated',
      { policy: { id: 'london-2021', version: 1 }, inputs: scores, eligible: true, source: 're-assessment' },
      context,
    );
    expect(record).toEqual({
      iom_policy: 'london-2021@1',
      iom_eligible: true,
      iom_ogrs2: 80,
      iom_ovp2: 35,
      iom_robbery_or_burglary_2y: true,
    });
  });
});
