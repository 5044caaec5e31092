export {
  recordedLast,
  valueRecordedAt,
  type FieldRecordedAt,
  type RecordVersion,
  type VersionBefore,
} from './recorded-last';
