/** A byte source: a web stream (fetch, Workers, DecompressionStream) or a Node stream. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Reads a byte stream to its end into one array, or calls `tooLarge` (which must throw) as soon
 * as it passes `limit` bytes: the guard against oversized answers and decompression bombs. The
 * rest of the stream is never read: it is cancelled (web) or destroyed (Node) at once.
 */
export async function readCapped(stream: ByteSource, limit: number, tooLarge: () => never): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const take = (value: Uint8Array): boolean => {
    size += value.length;
    chunks.push(value);
    return size <= limit;
  };
  if ('getReader' in stream) {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!take(value)) {
        await reader.cancel();
        tooLarge();
      }
    }
  } else {
    // Leaving a for-await early calls the iterator's return(), which destroys a Node stream.
    for await (const value of stream) {
      if (!take(value)) break;
    }
    if (size > limit) tooLarge();
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
