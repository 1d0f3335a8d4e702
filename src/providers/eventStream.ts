// The streaming parse path: body chunks → SSE items → a protocol's decoder → StreamEvents.
// Shared by the engine and the benchmark, so the benchmark measures what users run.

import type { ResponseDecoder } from './chatProtocol';
import { SseReader, type SseItem } from './sse';
import type { StreamEvent } from './types';

export interface ChunkSource {
  /** The next chunk, or undefined at the end. */
  next(): Promise<Uint8Array | undefined>;
}

function decodeItem(decoder: ResponseDecoder, item: SseItem, atEnd: boolean): readonly StreamEvent[] {
  if (item.type === 'event') return decoder.event(item, atEnd);
  if (item.type === 'invalid') return decoder.invalidLine(item.line);
  return NONE;
}

const NONE: readonly StreamEvent[] = [];

/**
 * Yields the events of an SSE body. `onActivity` is called for every SSE item, comments
 * included (keep-alives prove the server is alive), so the caller can reset an idle timer.
 * `first` is a chunk already read (when the content type had to be sniffed).
 */
export async function* decodeEventStream(
  source: ChunkSource,
  decoder: ResponseDecoder,
  onActivity?: () => void,
  first?: Uint8Array,
): AsyncGenerator<StreamEvent, void, undefined> {
  const reader = new SseReader();
  for (let chunk = first ?? (await source.next()); chunk; chunk = await source.next()) {
    const items = reader.feed(chunk);
    for (const item of items) {
      onActivity?.();
      for (const ev of decodeItem(decoder, item, false)) yield ev;
      // The end marker arrived: what follows (if anything) is not part of the answer.
      if (decoder.done) break;
    }
    if (decoder.done) break;
  }
  if (!decoder.done) {
    for (const item of reader.end()) {
      for (const ev of decodeItem(decoder, item, true)) yield ev;
      if (decoder.done) break;
    }
  }
  for (const ev of decoder.end()) yield ev;
}
