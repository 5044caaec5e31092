export { recordedLast, valueRecordedAt, type RecordVersion, type VersionBefore } from './recorded-last';
