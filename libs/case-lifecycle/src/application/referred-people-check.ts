import { Rejection, type RejectionDetail } from '../../../command-handling/src/rejections';
import { personDecider } from '../domain';
import { PERSON_RULES } from '../domain/rule-names';
import type { PersonDetails } from '../domain/events/person-events';
import type { MakeReferralDto } from '../http/dto/referral.dto';
import { toPersonDetails } from './person-resolution/person-details';
import type { ReferredPerson } from './person-resolution/person-resolver';

/** Stands in for the person id not yet assigned: only the details are judged. */
const PENDING = 'pending';

/** The form gives an alias as one text (`aliases[0]`), which the record keeps as its parts. */
const ALIAS_PART = /^(aliases\[\d+\])\./;

/** The refusal as the form names it: the field's full path, in the message too. */
function onTheForm(detail: RejectionDetail, prefix: string): RejectionDetail {
  const field = detail.field ?? '';
  const alias = ALIAS_PART.exec(field)?.[1];
  if (alias !== undefined) {
    const named = `${prefix}${alias}`;
    const message =
      detail.rule === PERSON_RULES.nameHasLetter
        ? `${named} must be a name whose forenames and surname each contain a letter`
        : `${named} must not be blank: give a full name, or one word for a name the person is known by`;
    return { ...detail, field: named, message };
  }
  const named = `${prefix}${field}`;
  const message = detail.message.startsWith(field) ? `${named}${detail.message.slice(field.length)}` : detail.message;
  return { ...detail, field: named, message };
}

/**
 * Judges one person's details as their registration would be judged, refusing with the form's
 * field path (`marac.perpetrator.address`). Registration is the strictest path a person's details
 * take (a link to a known person keeps them as given), so passing it passes every path.
 */
function checkPerson(person: ReferredPerson, extra: Partial<PersonDetails>, prefix: string, at: string): void {
  try {
    personDecider.decide(
      {
        type: 'register-person',
        data: { personId: PENDING, details: { ...toPersonDetails(person), ...extra }, occurredAt: at },
      },
      personDecider.initialState(),
    );
  } catch (error) {
    if (!(error instanceof Rejection)) throw error;
    const details = error.details.map((detail) => onTheForm(detail, prefix));
    throw new Rejection(error.kind, error.rule, details[0]?.message ?? error.message, details);
  }
}

/**
 * Every person a referral names, judged before anything is written. The victim is resolved before
 * the perpetrator, and her disability and language are recorded only once the case is open, so a
 * refusal from the person decider at those points left the earlier writes behind (review s9 H1, H2).
 */
export function checkReferredPeople(dto: MakeReferralDto): void {
  const { disability, language, safeContactNumber } = dto.person;
  const recordedLater = {
    ...(disability === undefined ? {} : { disability }),
    ...(language === undefined ? {} : { language }),
    ...(safeContactNumber === undefined ? {} : { safeContactNumber }),
  };
  checkPerson(dto.person, recordedLater, 'person.', dto.referredAt);
  if (dto.marac?.perpetrator !== undefined) {
    checkPerson(dto.marac.perpetrator, {}, 'marac.perpetrator.', dto.referredAt);
  }
}
