/**
 * How large one append may be, the same on every adapter, so an append the embedded store takes
 * is one EventStoreDB takes too. EventStoreDB refuses an append whose events add up to more than
 * its `MaxAppendSize` (1,048,576 bytes unless the server is configured otherwise), counting for
 * each event the bytes of its data and metadata plus twice the length of its type; the
 * embedded store would take any size, and answer "unavailable, retry" only once the disk fills.
 */
export const MAX_APPEND_BYTES = 1_048_576;

/** What one event adds to an append's size: as EventStoreDB counts it, on the JSON texts it is sent as. */
export function eventSize(type: string, dataJson: string, metadataJson: string): number {
  return Buffer.byteLength(dataJson, 'utf8') + Buffer.byteLength(metadataJson, 'utf8') + type.length * 2;
}
