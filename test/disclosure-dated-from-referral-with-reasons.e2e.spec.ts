import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { sharingUsers } from './support/sharing';
import { sharingSuite } from './support/sharing-suite';

const { ADMIN, MARAC_C, AUDITOR } = sharingUsers('referral-dates');

/**
 * A sharing decision about a case is dated from the case's referral, and says why it was made
 * (review s21-review-sharing, findings 3 and 4): the register and the recipient's view stated that
 * a case's details were given out years before anyone referred it, and recorded a purpose or a
 * revocation's reason made only of spaces. One about a person alone is dated from the referral
 * behind the records it gives out (review s21-review-sharing2, finding 3): the same details, the
 * same date, were refused about her case and recorded about her.
 */
describe('disclosures dated from the referral, with a purpose and a reason', () => {
  // The victim's MARAC case is referred at 10:00 BST on 2 May 2024 (the referral helper's default).
  const sharing = sharingSuite({
    admin: ADMIN,
    discloser: MARAC_C,
    purpose: 'Disclosure dates and reasons',
    readYourWrites: true,
    users: [ADMIN, MARAC_C, AUDITOR],
    victim: { forenames: 'Yaa', surname: 'Asante', dateOfBirth: '1993-08-19' },
  });
  const send = sharing.send;
  let dsaId = '';
  beforeAll(async () => {
    dsaId = await sharing.signed(['Metropolitan Police', 'Haringey Council']);
  });
  const share = (body: Record<string, unknown> = {}) => sharing.share(sharing.caseId(), dsaId, body);
  const withhold = (body: Record<string, unknown> = {}) =>
    send(MARAC_C, 'post', '/v1/disclosures/withheld', {
      toAgency: 'Haringey Council',
      caseId: sharing.caseId(),
      fields: ['address'],
      purpose: 'The council asked where she lives',
      reason: 'She is in refuge',
      dsaId,
      ...body,
    });
  const refusal = (r: request.Response) => ({
    status: r.status,
    errors: ((r.body.errors ?? []) as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`),
  });
  const register = async () => {
    const page = await send(AUDITOR, 'get', `/v1/disclosures?caseId=${sharing.caseId()}&limit=500`);
    expect(page.status).toBe(200);
    return page.body.items as { disclosureId: string; occurredAt: string; purpose: string; open: boolean }[];
  };

  it('refuses a share or a decision not to share dated on a UK day before the referral, and records none', async () => {
    const dayBefore = { occurredAt: '2024-05-01T22:30:00Z' }; // 23:30 BST on 1 May
    const before = {
      long: await share({ occurredAt: '2024-04-10T10:00:00Z' }),
      share: await share(dayBefore),
      withheld: await withhold(dayBefore),
    };
    const refused = { status: 400, errors: ['occurredAt:disclosure-from-referral'] };
    expect({
      long: refusal(before.long),
      share: refusal(before.share),
      withheld: refusal(before.withheld),
    }).toEqual({ long: refused, share: refused, withheld: refused });
    expect((await register()).filter((e) => Date.parse(e.occurredAt) < Date.parse('2024-05-01T23:00:00Z'))).toEqual([]);
  });

  it('records one dated on the referral’s UK day, even before its hour, as a case’s own steps are', async () => {
    const sameDay = { occurredAt: '2024-05-01T23:30:00Z' }; // 00:30 BST on 2 May
    expect({ share: (await share(sameDay)).status, withheld: (await withhold(sameDay)).status }).toEqual({
      share: 201,
      withheld: 201,
    });
  });

  it('dates one about her alone from the referral behind what it gives out, as one about her case', async () => {
    const personId = (await send(MARAC_C, 'get', `/v1/cases/${sharing.caseId()}`)).body.personId as string;
    const aboutHer = { caseId: undefined, personId, panel: 'MARAC', fields: ['address', 'name'] };
    const refused = { status: 400, errors: ['occurredAt:disclosure-from-referral'] };
    const dayBefore = { occurredAt: '2024-05-01T22:30:00Z' }; // 23:30 BST on 1 May
    expect({
      monthBefore: refusal(await share({ ...aboutHer, occurredAt: '2024-04-02T10:00:00Z' })),
      share: refusal(await share({ ...aboutHer, ...dayBefore })),
      withheld: refusal(await withhold({ ...aboutHer, ...dayBefore })),
    }).toEqual({ monthBefore: refused, share: refused, withheld: refused });
    const sameDay = { occurredAt: '2024-05-01T23:30:00Z' }; // 00:30 BST on 2 May
    expect({
      share: (await share({ ...aboutHer, ...sameDay })).status,
      withheld: (await withhold({ ...aboutHer, ...sameDay })).status,
    }).toEqual({ share: 201, withheld: 201 });
  });

  it('bounds one about her alone by when the panel first held her, whichever fields it names', async () => {
    // Her repeat referral a month later, at a new address, joins her: the address is on its record.
    const repeat = await send(
      MARAC_C,
      'post',
      '/v1/referrals',
      maracReferral(
        {
          person: person({ forenames: 'Yaa', surname: 'Asante', dateOfBirth: '1993-08-19', address: '9 New Road' }),
          referredAt: '2024-06-02T09:00:00Z',
        },
        { perpetrator: undefined, incidentAt: '2024-06-01T22:00:00Z' },
      ),
    );
    const personId = (await send(MARAC_C, 'get', `/v1/cases/${sharing.caseId()}`)).body.personId as string;
    expect({ status: repeat.status, personId: repeat.body.personId }).toEqual({ status: 201, personId });
    const aboutHer = (fields: string[], occurredAt: string) => ({
      caseId: undefined,
      personId,
      panel: 'MARAC',
      fields,
      occurredAt,
    });
    // After her first referral, before the repeat: one answer for the address alone or with her name.
    const midMay = '2024-05-15T10:00:00Z';
    expect({
      address: (await share(aboutHer(['address'], midMay))).status,
      nameAndAddress: (await share(aboutHer(['name', 'address'], midMay))).status,
    }).toEqual({ address: 201, nameAndAddress: 201 });
    // Before MARAC held her at all: refused whatever it names, a field with no value included.
    const refused = { status: 400, errors: ['occurredAt:disclosure-from-referral'] };
    const april = '2024-04-02T10:00:00Z';
    expect({
      address: refusal(await share(aboutHer(['address'], april))),
      language: refusal(await share(aboutHer(['language'], april))),
    }).toEqual({ address: refused, language: refused });
  });

  it('refuses a blank purpose and a blank revocation reason, and records them trimmed', async () => {
    const blankShare = await share({ purpose: '   ' });
    const blankWithheld = await withhold({ purpose: ' \t ' });
    const shared = await share({ purpose: '  Safety planning  ' });
    expect(shared.status).toBe(201);
    const revoke = `/v1/disclosures/${shared.body.disclosureId as string}/revoke`;
    const blankRevoke = await send(MARAC_C, 'post', revoke, { reason: '   ' });
    expect({
      share: refusal(blankShare),
      withheld: refusal(blankWithheld),
      revoke: refusal(blankRevoke),
    }).toEqual({
      share: { status: 400, errors: ['purpose:purpose-required'] },
      withheld: { status: 400, errors: ['purpose:purpose-required'] },
      revoke: { status: 400, errors: ['reason:reason-required'] },
    });
    const entry = (await register()).find((e) => e.disclosureId === shared.body.disclosureId);
    expect(entry).toMatchObject({ purpose: 'Safety planning', open: true });
    expect((await register()).filter((e) => e.purpose.trim() === '')).toEqual([]);
    expect((await send(MARAC_C, 'post', revoke, { reason: '  Plan agreed  ' })).status).toBe(200);
    const one = await send(AUDITOR, 'get', `/v1/disclosures/${shared.body.disclosureId as string}`);
    expect(one.body).toMatchObject({ revokeReason: 'Plan agreed', open: false });
  });
});
