import type { Response } from 'express';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { HealthController } from './health.controller';
import type { ProjectionLag } from './projection-lag';
import { ReadinessComponents, type ComponentReadiness } from './readiness-components';
import { ShutdownState } from './shutdown-state';

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

describe('/ready under ordinary load', () => {
  const behind = (lagSeconds: number, capped = false): ProjectionLag => ({
    ...lag('panel_cohort', 14, 'catching-up'),
    lagEvents: capped ? 10_000 : 3,
    ...(capped ? { lagEventsCapped: true as const } : {}),
    lagSeconds,
  });
  const degradedWith = async (projection: ProjectionLag) =>
    (
      (await new HealthController(store, { lag: () => Promise.resolve([projection]) }).ready(response)) as {
        degraded: unknown[];
      }
    ).degraded;

  it('does not name a view that is a moment behind after a command, so an alert on degraded does not flap', async () => {
    expect(await degradedWith(behind(0.02))).toEqual([]);
    expect(await degradedWith(behind(4.9))).toEqual([]);
  });

  it('names a view whose oldest unprocessed event has waited 5 s, or whose lag is past the count', async () => {
    expect(await degradedWith(behind(5))).toEqual([{ name: 'panel_cohort', version: 14, state: 'catching-up' }]);
    expect(await degradedWith(behind(0.1, true))).toEqual([
      { name: 'panel_cohort', version: 14, state: 'catching-up' },
    ]);
  });

  it('names a view still reading live whose oldest unprocessed event has waited 5 s: nothing is moving it', async () => {
    const live = (lagSeconds: number): ProjectionLag => ({
      ...lag('audit_trail', 9, 'live'),
      lagEvents: 51,
      lagSeconds,
    });
    expect(await degradedWith(live(4.9))).toEqual([]);
    expect(await degradedWith(live(11.1))).toEqual([{ name: 'audit_trail', version: 9, state: 'live' }]);
  });

  it('always names a failed view, however little it lags', async () => {
    expect(await degradedWith({ ...lag('person_index', 7, 'failed'), lagSeconds: 0 })).toHaveLength(1);
  });
});

describe('/ready while the person matcher reads the log after a restart', () => {
  const withMatcher = (matcher: ComponentReadiness) => {
    const components = new ReadinessComponents();
    components.add({ readiness: () => matcher });
    return new HealthController(
      store,
      { lag: () => Promise.resolve([lag('person_index', 7, 'live')]) },
      null,
      components,
    );
  };

  it('lists it with the events read and the position reached, and names it under degraded until it is live', async () => {
    const reading = { name: 'person_matcher', state: 'catching-up', eventsRead: 420_000, position: '419999' } as const;

    expect(await withMatcher(reading).ready(response)).toMatchObject({
      status: 'ready',
      eventStore: { headPosition: '2100000' },
      components: [reading],
      degraded: [{ name: 'person_matcher', state: 'catching-up' }],
    });
  });

  it('names nothing once it has read the log whole', async () => {
    const live = { name: 'person_matcher', state: 'live', eventsRead: 2_100_001, position: '2100000' } as const;

    expect(await withMatcher(live).ready(response)).toMatchObject({ components: [live], degraded: [] });
  });
});

describe('/ready once the process is asked to stop', () => {
  it('answers 503 shutting-down with Retry-After, so a load balancer sends nothing new', async () => {
    const stopping = new ShutdownState();
    stopping.begin();
    const reply = { status: jest.fn().mockReturnThis(), setHeader: jest.fn() } as unknown as Response;

    const ready = await new HealthController(store, null, stopping).ready(reply);

    expect(ready).toEqual({ status: 'shutting-down' });
    expect(reply.status).toHaveBeenCalledWith(503);
    expect(reply.setHeader).toHaveBeenCalledWith('Retry-After', expect.stringMatching(/^[1-9]\d*$/));
  });
});
