/**
 * A lawful basis that *is* the data subject's consent cannot stand when the disclosure records
 * that consent was not given: the register would then show a disclosure resting on nothing.
 */
import type { RejectionDetail } from '../../../command-handling/src/rejections';
import type { LawfulBasis } from './lawful-basis';

const RULE = 'consent-basis-needs-consent';

/** Each part of the basis that relies on consent, named by its field, when consent was not given. */
export function consentBasisProblems(
  basis: LawfulBasis,
  consent: { readonly given: boolean },
  prefix = 'lawfulBasis',
): RejectionDetail[] {
  if (consent.given === true) return [];
  const onConsent: [field: string, what: string][] = [];
  if (basis.regime === 'dpa-2018-part-3') {
    if (basis.section35 === 'consent') onConsent.push(['section35', 'DPA 2018 s35(2)(a) consent']);
  } else {
    if (basis.article6 === 'a-consent') onConsent.push(['article6', 'UK GDPR Art. 6(1)(a) consent']);
    if (basis.article9 === 'a-explicit-consent') onConsent.push(['article9', 'UK GDPR Art. 9(2)(a) explicit consent']);
    if (basis.schedule1?.includes('para-29-consent'))
      onConsent.push(['schedule1', 'DPA 2018 Schedule 1 paragraph 29 (consent)']);
  }
  return onConsent.map(([field, what]) => ({
    field: `${prefix}.${field}`,
    rule: RULE,
    message: `${what} needs consent.given = true; record the basis the disclosure really rests on`,
  }));
}
