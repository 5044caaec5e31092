import type { ArgumentMetadata } from '@nestjs/common';
import { uuidParam } from './uuid-param';
import { RequestValidationError } from './validation.pipe';

const PARAM: ArgumentMetadata = { type: 'param', data: 'meetingId' };

describe('uuidParam', () => {
  const pipe = uuidParam('meetingId');

  it('passes UUIDs of any version through unchanged (random v4, name-based v5)', async () => {
    const random = '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';
    const nameBased = '8c5e0a3b-1f2d-5e4c-a7b6-9d8c7b6a5f4e';
    await expect(pipe.transform(random, PARAM)).resolves.toBe(random);
    await expect(pipe.transform(nameBased, PARAM)).resolves.toBe(nameBased);
  });

  it.each(['not-a-uuid', '3f1c2a4e-8b7d-4c6e-9a1b', ''])(
    'refuses %p with a 400 naming the parameter and the isUuid rule',
    async (value) => {
      const refusal = (await pipe.transform(value, PARAM).catch((error: unknown) => error)) as RequestValidationError;
      expect(refusal).toBeInstanceOf(RequestValidationError);
      expect(refusal.getStatus()).toBe(400);
      expect(refusal.problems).toEqual([{ field: 'meetingId', rule: 'isUuid', message: 'meetingId must be a UUID' }]);
    },
  );
});
