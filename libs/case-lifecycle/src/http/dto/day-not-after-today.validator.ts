import { registerDecorator, type ValidationOptions } from 'class-validator';
import { ukDateAt } from '../../domain/calendar';
import { isCalendarDate } from './calendar-date.validator';

/** As the deciders allow a recorded fact: a client's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A UK calendar day no later than today. A past day is answered from history; a day still to come
 * has no history yet, and answering it as of now would pass today's picture off as that day's.
 * Only real dates are judged here (`IsCalendarDate` names the others).
 */
export function IsDayNotAfterToday(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'dayNotAfterToday',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message: `${String(propertyKey)} must be today (UK) or an earlier day`, ...options },
      validator: {
        validate: (value: unknown) => !isCalendarDate(value) || value <= ukDateAt(new Date(Date.now() + CLOCK_SKEW_MS)),
      },
    });
}
