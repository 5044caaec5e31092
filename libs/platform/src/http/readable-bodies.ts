/**
 * The bodies the API reads, shared by the parsers create-api installs and the 415 that names
 * them: the two must not drift apart, or a client is told to send what is then refused.
 */
export const JSON_BODY_TYPE = 'application/json';

/** Job kinds that take an upload (the IOM core-cohort CSV) receive it as a string. */
export const JOB_UPLOAD_TYPES = ['text/csv', 'text/plain'] as const;
export const JOB_UPLOAD_PATH = '/v1/jobs';

export const READABLE_BODIES = `${JSON_BODY_TYPE} (job uploads: ${JOB_UPLOAD_TYPES.join(' or ')})`;
