import { registerDecorator, type ValidationOptions } from 'class-validator';

/** `YYYY-MM-DD` that names a real calendar day (2023-02-29 is refused). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message: `${String(propertyKey)} must be a real date in the form YYYY-MM-DD`, ...options },
      validator: { validate: isCalendarDate },
    });
}

/** ISO-8601 date or date-time (with offset when a time is given), the way clients send world time. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: {
        message: `${String(propertyKey)} must be an ISO-8601 date (YYYY-MM-DD) or date-time with offset (2024-05-01T10:30:00Z)`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          isCalendarDate(value) ||
          (typeof value === 'string' &&
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
            !Number.isNaN(Date.parse(value)) &&
            isCalendarDate(value.slice(0, 10))),
      },
    });
}
