import { forbidden } from '../../../command-handling/src/rejections';
import type { Principal } from '../../../platform/src/auth/principal';
import type { JobFile, JobKind } from '../job-kind';
import type { JobView } from '../job-view';

/**
 * Refuses (403) a reader the kind keeps its files from: anyone but the starter, for a kind whose
 * files are the starter's alone. Checked before the file is looked up, so its name tells nothing.
 */
export function requireFileReaderOfKind(kind: JobKind | undefined, job: JobView, reader: Principal): void {
  if (kind?.filesForStarterOnly === true && job.ownerId !== reader.id) {
    throw forbidden(
      'job-files-starter-only',
      `the files of a ${job.kind} job are downloaded only by the user who started it; an admin sees its state only`,
    );
  }
}

/**
 * Refuses (403) a reader who does not sit, now, on every panel whose content the file holds in
 * full: membership when the job ran is not enough, as the GET route would not give it them now.
 */
export function requirePanelsOfFile(file: JobFile, reader: Principal): void {
  const sits = new Set(reader.panels.map((panel) => panel.toUpperCase()));
  const missing = (file.readerPanels ?? []).filter((panel) => !sits.has(panel.toUpperCase()));
  if (missing.length > 0) {
    throw forbidden(
      'job-file-panel-member',
      `${file.name} holds the content of ${missing.join(', ')} in full, for members only; you do not sit on ${missing.join(', ')}`,
    );
  }
}
