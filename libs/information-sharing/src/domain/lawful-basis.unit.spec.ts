import { canonicalLawfulBasis, lawfulBasisProblems, type LawfulBasis } from './lawful-basis';

const rules = (value: unknown) => lawfulBasisProblems(value).map((p) => `${p.field}:${p.rule}`);

describe('lawful basis vocabulary', () => {
  it('accepts a UK GDPR public task with special-category data under a Schedule 1 condition', () => {
    expect(
      rules({
        regime: 'uk-gdpr',
        article6: 'e-public-task',
        article9: 'g-substantial-public-interest',
        schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'],
      }),
    ).toEqual([]);
  });

  it('needs a Schedule 1 condition for criminal-offence data and for Art. 9(2)(g), but not for explicit consent', () => {
    expect(rules({ regime: 'uk-gdpr', article6: 'e-public-task', article10: true })).toEqual([
      'lawfulBasis.schedule1:schedule-1-condition-required',
    ]);
    expect(rules({ regime: 'uk-gdpr', article6: 'e-public-task', article9: 'g-substantial-public-interest' })).toEqual([
      'lawfulBasis.schedule1:schedule-1-condition-required',
    ]);
    expect(rules({ regime: 'uk-gdpr', article6: 'a-consent', article9: 'a-explicit-consent' })).toEqual([]);
  });

  it('names every value outside the vocabulary, and fields of the other regime', () => {
    expect(rules({ regime: 'uk-gdpr', article6: 'because', schedule1: ['para-99'], section35: 'consent' })).toEqual([
      'lawfulBasis.article6:article-6-condition',
      'lawfulBasis.schedule1:schedule-1-condition',
      'lawfulBasis.section35:not-for-regime',
    ]);
    expect(rules({ regime: 'common-law' })).toEqual(['lawfulBasis.regime:lawful-basis-regime']);
    expect(rules(null)).toEqual(['lawfulBasis:lawful-basis-required']);
  });

  it('asks DPA 2018 Part 3 sensitive processing without consent for a Schedule 8 condition', () => {
    expect(rules({ regime: 'dpa-2018-part-3', section35: 'law-enforcement-task', sensitiveProcessing: true })).toEqual([
      'lawfulBasis.schedule8:schedule-8-condition-required',
    ]);
    expect(
      rules({
        regime: 'dpa-2018-part-3',
        section35: 'law-enforcement-task',
        sensitiveProcessing: true,
        schedule8: 'para-4-safeguarding-children-and-individuals-at-risk',
      }),
    ).toEqual([]);
    expect(rules({ regime: 'dpa-2018-part-3', section35: 'consent', sensitiveProcessing: true })).toEqual([]);
  });

  it('stores only the fields of its regime, Schedule 1 conditions once each', () => {
    const basis = {
      regime: 'uk-gdpr',
      article6: 'e-public-task',
      article10: true,
      schedule1: ['para-10-preventing-or-detecting-unlawful-acts', 'para-10-preventing-or-detecting-unlawful-acts'],
    } as LawfulBasis;
    expect(canonicalLawfulBasis(basis)).toEqual({
      regime: 'uk-gdpr',
      article6: 'e-public-task',
      article10: true,
      schedule1: ['para-10-preventing-or-detecting-unlawful-acts'],
    });
  });

  it('asks the Schedule 1 condition to come from the Part DPA 2018 s10 names for the Art. 9 condition', () => {
    const gdpr = { regime: 'uk-gdpr', article6: 'e-public-task' };
    expect(
      rules({ ...gdpr, article9: 'g-substantial-public-interest', schedule1: ['para-2-health-or-social-care'] }),
    ).toEqual(['lawfulBasis.schedule1:schedule-1-fits-article-9']);
    expect(
      rules({
        ...gdpr,
        article9: 'h-health-or-social-care',
        schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'],
      }),
    ).toEqual(['lawfulBasis.schedule1:schedule-1-fits-article-9']);
    expect(
      rules({ ...gdpr, article9: 'h-health-or-social-care', schedule1: ['para-2-health-or-social-care'] }),
    ).toEqual([]);
    expect(rules({ ...gdpr, article9: 'i-public-health', schedule1: ['para-3-public-health'] })).toEqual([]);
    expect(
      rules({
        ...gdpr,
        article9: 'j-archiving-research-statistics',
        schedule1: ['para-4-archiving-research-statistics'],
      }),
    ).toEqual([]);
  });

  it('keeps Schedule 1 Part 3 conditions for criminal-offence data, which may use any Part', () => {
    const gdpr = { regime: 'uk-gdpr', article6: 'e-public-task' };
    expect(rules({ ...gdpr, schedule1: ['para-36-extension-of-part-2-conditions'] })).toEqual([
      'lawfulBasis.schedule1:schedule-1-part-3-needs-article-10',
    ]);
    expect(rules({ ...gdpr, article10: true, schedule1: ['para-36-extension-of-part-2-conditions'] })).toEqual([]);
    expect(rules({ ...gdpr, article10: true, schedule1: ['para-10-preventing-or-detecting-unlawful-acts'] })).toEqual(
      [],
    );
  });

  it('refuses a Schedule 1 condition with neither an Art. 9 condition nor Art. 10 data', () => {
    const gdpr = { regime: 'uk-gdpr', article6: 'e-public-task' };
    expect(rules({ ...gdpr, schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'] })).toEqual([
      'lawfulBasis.schedule1:schedule-1-needs-article-9-or-10',
    ]);
    expect(rules({ ...gdpr, article10: false, schedule1: ['para-10-preventing-or-detecting-unlawful-acts'] })).toEqual([
      'lawfulBasis.schedule1:schedule-1-needs-article-9-or-10',
    ]);
    expect(rules({ ...gdpr, schedule1: [] })).toEqual([]);
  });

  it('refuses a Schedule 8 condition unless the processing is declared sensitive', () => {
    const part3 = {
      regime: 'dpa-2018-part-3',
      section35: 'law-enforcement-task',
      schedule8: 'para-4-safeguarding-children-and-individuals-at-risk',
    };
    expect(rules({ ...part3, sensitiveProcessing: false })).toEqual([
      'lawfulBasis.schedule8:schedule-8-needs-sensitive-processing',
    ]);
    expect(rules(part3)).toEqual(['lawfulBasis.schedule8:schedule-8-needs-sensitive-processing']);
    expect(rules({ ...part3, section35: 'consent', sensitiveProcessing: true })).toEqual([]);
  });

  it('records the Crime and Disorder Act 1998 s115 gateway beside either regime, and nothing outside the list', () => {
    const gateway = 'crime-and-disorder-act-1998-s115';
    expect(rules({ regime: 'uk-gdpr', article6: 'e-public-task', statutoryGateway: gateway })).toEqual([]);
    expect(rules({ regime: 'dpa-2018-part-3', section35: 'law-enforcement-task', statutoryGateway: gateway })).toEqual(
      [],
    );
    expect(rules({ regime: 'uk-gdpr', article6: 'e-public-task', statutoryGateway: 's17' })).toEqual([
      'lawfulBasis.statutoryGateway:statutory-gateway',
    ]);
    expect(
      canonicalLawfulBasis({ regime: 'dpa-2018-part-3', section35: 'law-enforcement-task', statutoryGateway: gateway }),
    ).toEqual({ regime: 'dpa-2018-part-3', section35: 'law-enforcement-task', statutoryGateway: gateway });
  });
});
