import { UploadExpiries } from './upload-expiries';

const at = (personId: string, occurredAt = '2024-02-03T09:00:00Z') => ({ personId, occurredAt });

describe("the monthly upload's expiries, as the counterfactual reads them", () => {
  it('counts a file’s words once it completes, not before', () => {
    const uploads = new UploadExpiries();
    uploads.heard('2024-02', 'file-1', at('a'));
    uploads.heard('2024-02', 'file-1', at('b'));
    expect(uploads.completed('2024-02', 'file-1')).toEqual([at('a'), at('b')]);
    expect(uploads.completed('2024-02', 'file-1')).toEqual([]);
  });

  it('drops the words of an upload a user cancelled', () => {
    const uploads = new UploadExpiries();
    uploads.heard('2024-02', 'file-1', at('a'));
    uploads.cancelled('2024-02', 'file-1');
    uploads.heard('2024-02', 'file-2', at('b'));
    expect(uploads.completed('2024-02', 'file-1')).toEqual([]);
    expect(uploads.completed('2024-02', 'file-2')).toEqual([at('b')]);
  });

  it('drops a late earlier-month file once a later month completed: the later month has the word', () => {
    const uploads = new UploadExpiries();
    expect(uploads.completed('2024-03', 'march')).toEqual([]);
    uploads.heard('2024-02', 'late-february', at('a', '2024-03-10T09:00:00Z'));
    expect(uploads.completed('2024-02', 'late-february')).toEqual([]);
    // A corrected file for the same month still counts.
    uploads.heard('2024-03', 'march-corrected', at('b', '2024-03-11T09:00:00Z'));
    expect(uploads.completed('2024-03', 'march-corrected')).toEqual([at('b', '2024-03-11T09:00:00Z')]);
  });
});
