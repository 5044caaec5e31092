import request from 'supertest';
import { apiForSuite } from './support/api-suite';
import { uploadedToIom } from './support/iom-upload';
import { tokenFor, type TestUser } from './support/tokens';

/**
 * An upload's files list IOM's nominals with their CRNs, person and case ids: they are read by who
 * sits on IOM when downloading, not by whoever started the upload once, and only a member uploads.
 */
const UPLOAD = [
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years',
  'F330001,,Ann,Iomfiles,1990-01-01,,80,40,N',
].join('\r\n');

describe('IOM upload files are for IOM members', () => {
  const COORDINATOR: TestUser = { sub: 'coord-iom-files', roles: ['coordinator'], panels: ['IOM'] };
  const { api, tokens } = apiForSuite({
    coordinator: COORDINATOR,
    admin: { sub: 'admin-iom-files', roles: ['admin'], panels: ['MARAC'] },
  });
  const http = () => request(api.app.getHttpServer());

  const download = (href: string, token: string) =>
    http().get(href).set('Authorization', `Bearer ${token}`).set('X-Purpose', 'upload report');

  it('a coordinator who has left IOM is refused the files of an upload she started', async () => {
    const upload = await uploadedToIom(api, tokens.coordinator, '2024-03', UPLOAD);
    const { files } = upload.result;
    const rows = files.find((file) => file.name === 'rows.csv')!;
    expect((await download(rows.href, tokens.coordinator).expect(200)).text).toContain('F330001');

    const afterLeaving = await tokenFor({ ...COORDINATOR, panels: ['MARAC'] });
    for (const file of files) {
      const refused = await download(file.href, afterLeaving).expect(403);
      expect([file.name, refused.body.rule]).toEqual([file.name, 'job-file-panel-member']);
    }
    // The job itself stays hers to see: only the files are IOM's.
    await http().get(`/v1/jobs/${upload.id}`).set('Authorization', `Bearer ${afterLeaving}`).expect(200);
  });

  it('an admin whose token does not list IOM cannot upload to IOM', async () => {
    const refused = await http()
      .post('/v1/jobs/iom-import?month=2024-03')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .set('Content-Type', 'text/csv')
      .send(UPLOAD)
      .expect(403);
    expect(refused.body.rule).toBe('panel-membership');
  });
});
