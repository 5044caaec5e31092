import { sharingUsers } from './support/sharing';
import { sharingSuite } from './support/sharing-suite';
import type { TestUser } from './support/tokens';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../libs/platform/src/http/read-model-progress';

const { ADMIN, MARAC_C, AUDITOR } = sharingUsers('d2');
const MET_ON_MARAC: TestUser = {
  sub: 'met-d2',
  agency: 'Metropolitan Police',
  roles: ['practitioner'],
  panels: ['MARAC'],
};
const COUNCIL_ON_MARAC: TestUser = {
  sub: 'council-d2',
  agency: 'Haringey Council',
  roles: ['practitioner'],
  panels: ['MARAC'],
};
const YJS_ON_MARAC: TestUser = { sub: 'yjs-d2', agency: 'Hackney YJS', roles: ['practitioner'], panels: ['MARAC'] };

/**
 * Reviews s14-review-diff2-sharing and s14-review-diff3-sharing: a decision not to share with an
 * agency no agreement names is recordable, and kept from every other agency (diff2 D1); a change of
 * an agreement waits only for the register to hold the shares this process appended under it, so
 * lagging read models hold neither it nor the agreement's shares (diff2 D3); odd input is never a
 * 500; a change dated before the agreement came into force is 400, one dated before it was entered
 * in the system is not (diff2 D4, diff3 D3).
 */
describe('s14 diff2 sharing review', () => {
  const sharing = sharingSuite({
    admin: ADMIN,
    discloser: MARAC_C,
    purpose: 'd2',
    users: [ADMIN, MARAC_C, MET_ON_MARAC, COUNCIL_ON_MARAC, YJS_ON_MARAC, AUDITOR],
    victim: { forenames: 'Ama', surname: 'Owusu', dateOfBirth: '1991-02-03' },
  });

  const send = sharing.send;
  const sign = sharing.signed;
  const share = (dsaId: string, body: Record<string, unknown> = {}) => sharing.share(sharing.caseId(), dsaId, body);
  const timed = async <T>(p: Promise<T>) => {
    const t0 = Date.now();
    const r = await p;
    return { r, ms: Date.now() - t0 };
  };

  it('D1: a decision not to share with an agency no agreement names is recorded, and known only to the discloser’s side', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council']);
    const body = {
      toAgency: 'Hackney Youth Justice Service',
      caseId: sharing.caseId(),
      fields: ['address'],
      purpose: 'YJS asked for her address; there is no agreement with them',
      reason: 'No DSA with the YJS; she is in refuge',
    };
    const uncited = await send(MARAC_C, 'post', '/v1/disclosures/withheld', body);
    // Citing an agreement that does not name the agency is still refused: the name is checked against it.
    const cited = await send(MARAC_C, 'post', '/v1/disclosures/withheld', { ...body, dsaId });
    expect({ uncited: uncited.status, cited: [cited.status, cited.body.errors?.[0]?.field] }).toEqual({
      uncited: 201,
      cited: [422, 'toAgency'],
    });
    const id = uncited.body.disclosureId as string;
    const knows = async (user: TestUser) => {
      const one = await send(user, 'get', `/v1/disclosures/${id}`);
      const list = await send(user, 'get', `/v1/disclosures?caseId=${sharing.caseId()}&kind=withheld`);
      return [one.status, (list.body.items as { disclosureId: string }[]).some((i) => i.disclosureId === id)];
    };
    expect({
      recorder: await knows(MARAC_C),
      sameAgencyOnPanel: await knows(MET_ON_MARAC),
      auditor: await knows(AUDITOR),
      otherAgencyOnPanel: await knows(COUNCIL_ON_MARAC),
      recipientUnderAnotherName: await knows(YJS_ON_MARAC),
    }).toEqual({
      recorder: [200, true],
      sameAgencyOnPanel: [200, true],
      auditor: [200, true],
      otherAgencyOnPanel: [404, false],
      recipientUnderAnotherName: [404, false],
    });
  });

  it('D2: while the read models lag, a DSA change is judged at once on the shares under it, and holds none of them up', async () => {
    const progress = sharing.api().app.get<ReadModelProgress>(READ_MODEL_PROGRESS);
    const dsaA = await sign(['Metropolitan Police', 'Haringey Council', 'Probation', 'Haringey CCG']);
    const dsaB = await sign(['Metropolitan Police', 'Haringey Council']);
    // Simulate a read model that has not caught up (a projection retrying a failed batch, or one
    // rebuilding after projections:rebuild --force): the runtime then answers false after timeoutMs.
    const original = progress.waitUntilProcessed.bind(progress);
    (progress as { waitUntilProcessed: ReadModelProgress['waitUntilProcessed'] }).waitUntilProcessed = (
      _p,
      timeoutMs,
    ) => new Promise((resolve) => setTimeout(() => resolve(false), timeoutMs));
    try {
      const baseline = await timed(share(dsaB));
      const earlier = await timed(share(dsaA, { occurredAt: '2025-06-01T10:00:00Z' }));
      // The change still sees the share appended before it: removing its recipient before it is refused.
      const backDated = await timed(
        send(ADMIN, 'post', `/v1/sharing-agreements/${dsaA}/parties/remove`, {
          agency: 'Haringey Council',
          reason: 'Left',
          occurredAt: '2025-01-01T00:00:00Z',
        }),
      );
      // An admin's two clicks: remove Probation, then renew (each in A's turn).
      const removal = timed(
        send(ADMIN, 'post', `/v1/sharing-agreements/${dsaA}/parties/remove`, { agency: 'Probation', reason: 'Left' }),
      );
      const renewal = timed(send(ADMIN, 'post', `/v1/sharing-agreements/${dsaA}/renew`, { reviewDate: '2031-01-01' }));
      await new Promise((r) => setTimeout(r, 100));
      const [shareA, shareB, removed, renewed] = await Promise.all([
        timed(share(dsaA)),
        timed(share(dsaB)),
        removal,
        renewal,
      ]);
      expect([baseline, earlier, shareA, shareB, removed, renewed].map((t) => t.r.status)).toEqual([
        201, 201, 201, 201, 200, 200,
      ]);
      expect([backDated.r.status, backDated.r.body.rule]).toEqual([409, 'covers-recorded-disclosures']);
      // Before: each change waited READ_YOUR_WRITES_TIMEOUT_MS (5 s) for every view, then 503;
      // the share behind two of them took ~10 s.
      expect({
        backDated: backDated.ms < 1000,
        removed: removed.ms < 1000,
        renewed: renewed.ms < 1000,
        shareA: shareA.ms < 1000,
        shareB: shareB.ms < 1000,
      }).toEqual({ backDated: true, removed: true, renewed: true, shareA: true, shareB: true });
    } finally {
      (progress as { waitUntilProcessed: ReadModelProgress['waitUntilProcessed'] }).waitUntilProcessed = original;
    }
  }, 60_000);

  it('D3: odd input on renew / withheld never 500', async () => {
    const seen: string[] = [];
    const lapsed = await sign(['Metropolitan Police', 'Haringey Council'], { inForceTo: '2024-12-31' });
    for (const body of [
      { reviewDate: '2031-01-01', occurredAt: '0001-01-01T00:00:00Z', inForceTo: '2025-01-01' },
      { reviewDate: '2031-01-01', occurredAt: '9999-12-31T23:59:59+14:00', inForceTo: '9999-12-31' },
      { reviewDate: '2031-01-01', occurredAt: '2026-03-29T00:30:00+01:00', inForceTo: '2026-03-28' },
      { reviewDate: '9999-12-31', occurredAt: '2024-12-31', inForceTo: '2024-12-30' },
      { reviewDate: '2031-01-02', inForceTo: null },
      { reviewDate: '2031-01-03', occurredAt: '2025-06-01' },
    ]) {
      const r = await send(ADMIN, 'post', `/v1/sharing-agreements/${lapsed}/renew`, body);
      seen.push(`renew ${JSON.stringify(body)} -> ${r.status} ${r.body.rule ?? ''}`);
    }
    const ok = await sign(['Metropolitan Police', 'Probation']);
    const w = { toAgency: 'Probation', caseId: sharing.caseId(), fields: ['address'], purpose: 'x', reason: 'y' };
    for (const dsaId of [
      '00000000-0000-0000-0000-000000000000',
      ok.toUpperCase(),
      5,
      null,
      [ok],
      { id: ok },
      '',
      ' ' + ok,
    ]) {
      const r = await send(MARAC_C, 'post', '/v1/disclosures/withheld', { ...w, dsaId });
      seen.push(`withheld ${JSON.stringify(dsaId)} -> ${r.status} ${r.body.rule ?? ''}`);
    }
    expect(seen.filter((x) => / -> 5\d\d/.test(x))).toEqual([]);
  });

  it('D4: a renewal dated before the agreement came into force is 400 occurredAt and moves nothing', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council'], { inForceTo: '2024-12-31' });
    const inLapse = { occurredAt: '2025-03-01T10:00:00Z' };
    const before = await share(dsaId, inLapse);
    const renewed = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/renew`, {
      reviewDate: '2031-01-01',
      inForceTo: '2025-06-30',
      occurredAt: '2024-01-01T09:00:00Z',
    }); // signed 2026, in force from 2024-04-01
    const after = await share(dsaId, inLapse);
    const dsa = await send(ADMIN, 'get', `/v1/sharing-agreements/${dsaId}`);
    expect(dsa.body.inForce).toEqual([{ from: '2024-04-01', to: '2024-12-31' }]);
    expect(renewed.body.errors?.[0]).toMatchObject({ field: 'occurredAt', rule: 'dated-within-agreement' });
    expect({ before: before.status, renewed: renewed.status, shareInLapse: after.status }).toEqual({
      before: 422,
      renewed: 400,
      shareInLapse: 422,
    });
  });

  it('diff3 D3: an agreement entered after it came into force: its true history can still be recorded', async () => {
    // In force from 2024-04-01, entered now (signing occurredAt defaults to now).
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council', 'Probation']);
    const removal = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/parties/remove`, {
      agency: 'Probation',
      reason: 'Left',
      occurredAt: '2025-01-01T00:00:00Z',
    });
    const expiry = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/expire`, {
      reason: 'Replaced',
      occurredAt: '2025-03-01T00:00:00Z',
    });
    expect({ removal: removal.status, expiry: expiry.status }).toEqual({ removal: 200, expiry: 200 });
  });
});
