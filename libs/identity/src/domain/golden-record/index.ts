export { recordedLast, type FieldRecordedAt, type RecordVersion, type VersionBefore } from './recorded-last';
