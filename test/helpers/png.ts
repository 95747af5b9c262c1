const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What a PNG's header says, or undefined for bytes that are not a PNG (signature, then the IHDR chunk). */
export function pngHeader(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(SIGNATURE)) return undefined;
  if (bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A chart PNG as floodwatch draws it: 960×540, and neither empty nor bloated. */
export function isChartPng(bytes: Buffer | undefined): boolean {
  if (!bytes) return false;
  const header = pngHeader(bytes);
  return header?.width === 960 && header.height === 540 && bytes.length > 5_000 && bytes.length < 400_000;
}
