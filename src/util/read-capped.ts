/**
 * Reads a byte stream to its end into one array, or calls `tooLarge` (which must throw) as soon
 * as it passes `limit` bytes: the guard against oversized answers and decompression bombs.
 */
export async function readCapped(stream: ReadableStream<Uint8Array>, limit: number, tooLarge: () => never): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
