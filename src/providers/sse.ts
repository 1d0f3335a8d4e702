// Bytes → server-sent events. A streaming TextDecoder keeps UTF-8 characters that are split across
// network chunks intact; eventsource-parser does the framing (CRLF, comments, multi-line data).
// Lines that are not SSE at all (the InternLM seed's client raises on them) are reported, not dropped.

import { createParser, type EventSourceParser, type ParseError } from 'eventsource-parser';

export type SseItem =
  | { readonly type: 'event'; readonly event?: string; readonly data: string; readonly id?: string }
  | { readonly type: 'comment'; readonly text: string }
  /** A line that is not SSE, e.g. a bare JSON error or an HTML page from a gateway. */
  | { readonly type: 'invalid'; readonly line: string };

/** Guards memory against a peer that never ends a line or an event. */
const MAX_BUFFER_CHARS = 16 * 1024 * 1024;

export class SseReader {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;
  private out: SseItem[] = [];

  constructor() {
    this.parser = createParser({
      maxBufferSize: MAX_BUFFER_CHARS,
      onEvent: (e) => {
        this.out.push({ type: 'event', event: e.event, data: e.data, id: e.id });
      },
      onComment: (text) => {
        this.out.push({ type: 'comment', text });
      },
      onError: (err: ParseError) => {
        if (err.type === 'unknown-field') {
          this.out.push({ type: 'invalid', line: err.line ?? err.field ?? '' });
        } else if (err.type === 'max-buffer-size-exceeded') {
          this.out.push({ type: 'invalid', line: err.message });
        }
        // invalid-retry only concerns reconnection, which we do not do.
      },
    });
  }

  /** Feeds one network chunk; returns the items it completed. */
  feed(chunk: Uint8Array): readonly SseItem[] {
    const text = this.decoder.decode(chunk, { stream: true });
    if (text.length > 0) this.parser.feed(text);
    return this.drain();
  }

  /** Feeds already-decoded text (tests and benchmarks). */
  feedText(text: string): readonly SseItem[] {
    this.parser.feed(text);
    return this.drain();
  }

  /**
   * End of body: flushes a partial UTF-8 sequence and a last event that lacked its blank line
   * (some servers end with `data: [DONE]\n`), and reports a trailing non-SSE line.
   */
  end(): readonly SseItem[] {
    const rest = this.decoder.decode();
    if (rest.length > 0) this.parser.feed(rest);
    this.parser.feed('\n\n');
    return this.drain();
  }

  private drain(): readonly SseItem[] {
    if (this.out.length === 0) return EMPTY;
    const items = this.out;
    this.out = [];
    return items;
  }
}

const EMPTY: readonly SseItem[] = [];
