import { createHash } from 'node:crypto';
import type { CommandContext } from '../../../../../command-handling/src/command-context';

/** As a job gives it: every id derived from the row, so a retried row names its writes alike. */
export const rowContext = (row: string): CommandContext => ({
  actor: { id: 'u-coord', name: 'Test Coordinator', agency: 'Probation', roles: ['coordinator'] },
  correlationId: 'job-2024-02',
  causationId: 'job-2024-02',
  occurredAt: '2024-02-05T09:00:00.000Z',
  now: '2024-02-05T09:00:00.000Z',
  eventId: (index) => {
    const hex = createHash('sha256').update(`${row}/${index}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  },
  deterministicIds: true,
});
