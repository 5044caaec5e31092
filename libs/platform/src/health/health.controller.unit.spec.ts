import type { Response } from 'express';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { HealthController } from './health.controller';
import type { ProjectionLag } from './projection-lag';

const store = { headPosition: () => Promise.resolve(2_100_000n) } as unknown as EventStore;
const response = { status: jest.fn() } as unknown as Response;
const lag = (name: string, version: number, state: string): ProjectionLag => ({
  name,
  version,
  position: '2100000',
  lagEvents: 0,
  lagSeconds: 0,
  state,
});

describe('/ready during a rebuild after a version bump', () => {
  it('stays ready and names, at the top, each projection version that is not live', async () => {
    const projections = [
      lag('audit_trail', 3, 'live'),
      lag('panel_cohort', 9, 'frozen'),
      lag('panel_cohort', 12, 'rebuilding'),
    ];
    const ready = await new HealthController(store, { lag: () => Promise.resolve(projections) }).ready(response);
    expect(ready).toMatchObject({
      status: 'ready',
      projections,
      degraded: [
        { name: 'panel_cohort', version: 9, state: 'frozen' },
        { name: 'panel_cohort', version: 12, state: 'rebuilding' },
      ],
    });
  });

  it('names none when every projection is live', async () => {
    const ready = await new HealthController(store, {
      lag: () => Promise.resolve([lag('person_index', 7, 'live')]),
    }).ready(response);
    expect(ready).toMatchObject({ status: 'ready', degraded: [] });
  });
});
