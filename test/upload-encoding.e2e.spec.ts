import request from 'supertest';
import { apiForSuite } from './support/api-suite';
import { iomReferral, person } from './support/referrals';

/**
 * Text that reaches an immutable event must be what was typed: a body in another encoding than
 * the one read is refused with the rule, never stored with `�` or `Ã«` for good. An X-Purpose is
 * UTF-8 when its bytes are and Latin-1, the header's historical charset, when they are not.
 */
const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
/** Synthetic rows; `Zoë` as Excel's plain "CSV (Comma delimited)" saves it: Windows-1252, ë = 0xEB. */
const windows1252File = (crn: string, surname: string) =>
  Buffer.from([HEADER, `${crn},,Zoë,${surname},1990-01-01,,80,40,N`].join('\r\n'), 'latin1');

describe('bodies and X-Purpose are read in the encoding they are in', () => {
  const { api, tokens } = apiForSuite({
    coordinator: { sub: 'coord-encoding', roles: ['coordinator'], panels: ['IOM'] },
    auditor: { sub: 'auditor-encoding', roles: ['auditor'] },
  });

  const http = () => request(api.app.getHttpServer());
  const upload = (body: Buffer, month: string, type: string) =>
    http()
      .post(`/v1/jobs/iom-import?month=${month}`)
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .set('Content-Type', type)
      .send(body);
  const finished = async (id: string) => {
    for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      const job = await http().get(`/v1/jobs/${id}`).set('Authorization', `Bearer ${tokens.coordinator}`);
      if (['completed', 'failed', 'cancelled'].includes(job.body.state)) return job.body;
    }
    throw new Error(`job ${id} did not finish`);
  };
  /** The names awaiting adoption, waiting a little for `name` should the view still be catching up. */
  const awaitingAdoption = async (name = ''): Promise<string[]> => {
    let names: string[] = [];
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      const res = await http()
        .get('/v1/panels/IOM/eligible-not-adopted?limit=200')
        .set('Authorization', `Bearer ${tokens.coordinator}`)
        .set('X-Purpose', 'core cohort review');
      names = (res.body.items ?? []).map((i: { displayName: string }) => i.displayName);
      if (name === '' || names.includes(name)) break;
    }
    return names;
  };
  const importJobs = async (): Promise<number> =>
    (await http().get('/v1/jobs?kind=iom-import').set('Authorization', `Bearer ${tokens.coordinator}`)).body.items
      .length;

  it('refuses an upload that is not UTF-8 and declares no charset, telling the uploader what to send', async () => {
    const before = await importJobs();
    const answer = await upload(windows1252File('F310001', 'Winansi'), '2023-01', 'text/csv');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { field: 'body', rule: 'utf-8', message: expect.stringMatching(/CSV UTF-8.*charset=windows-1252/) },
    ]);
    expect(await importJobs()).toBe(before);
  });

  it('reads the same bytes as Windows-1252 when the upload says so, and UTF-16LE too', async () => {
    const declared = await upload(windows1252File('F310002', 'Declared'), '2023-02', 'text/csv; charset=windows-1252');
    expect(declared.status).toBe(202);
    expect((await finished(declared.body.id)).result.summary).toMatchObject({ imported: 1, bad: 0 });
    expect(await awaitingAdoption('Zoë Declared')).toContain('Zoë Declared');
    const sixteen = Buffer.from([HEADER, 'F310003,,Zoë,Sixteen,1990-01-01,,80,40,N'].join('\r\n'), 'utf16le');
    const utf16 = await upload(sixteen, '2023-03', 'text/csv; charset=utf-16le');
    expect(utf16.status).toBe(202);
    expect((await finished(utf16.body.id)).result.summary).toMatchObject({ imported: 1, bad: 0 });
    expect(await awaitingAdoption('Zoë Sixteen')).toContain('Zoë Sixteen');
  });

  it('refuses a JSON command whose bytes are not UTF-8, and records nothing', async () => {
    const bytes = Buffer.from(
      JSON.stringify(iomReferral({}, { person: person({ forenames: 'ZoX', surname: 'Jsonbytes', identifiers: {} }) })),
    );
    bytes[bytes.indexOf('ZoX') + 2] = 0xeb;
    const answer = await http()
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .set('Content-Type', 'application/json')
      // As bytes: superagent would otherwise serialise the Buffer itself as JSON.
      .serialize((body: unknown) => body as string)
      .send(bytes as unknown as object);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'body', rule: 'utf-8', message: expect.stringMatching(/UTF-8/) }]);
    expect((await awaitingAdoption()).filter((name) => name.includes('Jsonbytes'))).toEqual([]);
  });

  describe('X-Purpose', () => {
    let caseId = '';
    const view = (purpose: string) =>
      http().get(`/v1/cases/${caseId}`).set('Authorization', `Bearer ${tokens.coordinator}`).set('X-Purpose', purpose);
    /** The purposes of this coordinator's case views, once the trail has them all. */
    const recordedPurposes = async (count: number): Promise<string[]> => {
      let purposes: string[] = [];
      for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
        const trail = await http()
          .get('/v1/audit/trail?actor=coord-encoding&action=case-viewed&limit=100')
          .set('Authorization', `Bearer ${tokens.auditor}`);
        purposes = trail.body.items.map((i: { purpose: string }) => i.purpose);
        if (purposes.length >= count) break;
      }
      return purposes;
    };

    beforeAll(async () => {
      const referral = await http()
        .post('/v1/referrals')
        .set('Authorization', `Bearer ${tokens.coordinator}`)
        .send(iomReferral({}, { person: person({ forenames: 'Purpose', surname: 'Reader', identifiers: {} }) }));
      expect(referral.status).toBe(201);
      caseId = referral.body.caseId;
    });

    it("records the text typed, whether sent as UTF-8 bytes or percent-encoded after UTF-8''", async () => {
      // Node's client writes a header string as Latin-1, one byte a character: these are UTF-8's bytes.
      expect((await view(Buffer.from('naïve Zoë check', 'utf8').toString('latin1'))).status).toBe(200);
      expect((await view("UTF-8''%C5%81ucja%20review")).status).toBe(200);
      expect(await recordedPurposes(2)).toEqual(expect.arrayContaining(['naïve Zoë check', 'Łucja review']));
    });

    it('records bytes that are not UTF-8 as Latin-1, as Python http.client, requests and Java send them', async () => {
      // One byte a character on the wire: `é` goes as 0xE9 and `ï` as 0xEF, neither of them UTF-8.
      expect((await view('Revue caf\u00e9')).status).toBe(200);
      expect((await view('na\u00efve Zo\u00eb')).status).toBe(200);
      expect(await recordedPurposes(4)).toEqual(expect.arrayContaining(['Revue café', 'naïve Zoë']));
    });

    it('reads Windows-1252 punctuation and the euro sign, and a tab as a space', async () => {
      // Windows-1252's bytes: curly quotes 0x93/0x94, en dash 0x96, euro 0x80; none of them UTF-8.
      expect((await view('\u0093Review\u0094 \u0096 \u00805 fee')).status).toBe(200);
      expect((await view('tab\tseparated')).status).toBe(200);
      expect(await recordedPurposes(6)).toEqual(
        expect.arrayContaining(['\u201cReview\u201d \u2013 \u20ac5 fee', 'tab separated']),
      );
    });

    it('refuses control characters and broken percent-encoding, naming X-Purpose', async () => {
      const refusals: [string, string][] = [
        ["UTF-8''na%EFve", 'utf-8'],
        ["UTF-8''forged%0Aline", 'no-control-characters'],
        // 0x81 alone is not UTF-8, and Windows-1252 leaves it unassigned: a C1 control either way.
        ['next\u0081line', 'no-control-characters'],
      ];
      for (const [purpose, rule] of refusals) {
        const answer = await view(purpose);
        expect({ purpose, status: answer.status, errors: answer.body.errors }).toEqual({
          purpose,
          status: 400,
          errors: [{ field: 'X-Purpose', rule, message: expect.stringMatching(/X-Purpose/) }],
        });
      }
    });
  });
});
