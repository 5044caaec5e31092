/** `<position>:<sha256 hex>`, as printed by verify: a head hash kept outside the system. */
export function parseAnchor(text: string): { position: bigint; hash: string } | undefined {
  const match = /^(\d{1,20}):([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
  if (match === null) return undefined;
  return { position: BigInt(match[1] as string), hash: match[2] as string };
}
