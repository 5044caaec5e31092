import { RequestValidationError } from './validation.pipe';

describe('RequestValidationError', () => {
  it('names each failing field once in its message, however many of its rules failed, and keeps every rule', () => {
    const error = new RequestValidationError([
      { field: 'address', rule: 'isString', message: 'address must be a string' },
      { field: 'address', rule: 'maxLength', message: 'address must be shorter than or equal to 200 characters' },
      { field: 'postcode', rule: 'isString', message: 'postcode must be a string' },
    ]);
    expect((error.getResponse() as { message: string }).message).toBe('request is invalid: address, postcode');
    expect(error.problems).toHaveLength(3);
  });
});
