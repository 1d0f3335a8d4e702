// Pull-based reading of a response body. Reads go through one iterator that is never returned
// early: leaving a for-await loop would destroy the stream and with it a reusable connection.

export interface ResponseBody extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): void;
  on?(event: 'error', listener: (err: Error) => void): unknown;
}

export class BodyReader {
  private readonly it: AsyncIterator<Uint8Array>;
  private finished = false;

  constructor(private readonly body: ResponseBody) {
    // Destroying a body that was never read emits 'error' with nobody listening, which would crash
    // the process. Read errors still reach us through the iterator.
    body.on?.('error', () => undefined);
    this.it = body[Symbol.asyncIterator]();
  }

  /** True once the whole body was read. */
  get ended(): boolean {
    return this.finished;
  }

  /** The next chunk, or undefined at the end of the body. */
  async next(): Promise<Uint8Array | undefined> {
    if (this.finished) return undefined;
    const r = await this.it.next();
    if (r.done) {
      this.finished = true;
      return undefined;
    }
    return r.value;
  }

  /** The rest of the body as text, up to `limit` bytes (the rest is discarded). */
  async text(limit: number, first?: Uint8Array, onChunk?: () => void): Promise<string> {
    const parts: Uint8Array[] = first ? [first] : [];
    let size = first?.byteLength ?? 0;
    for (let chunk = await this.next(); chunk; chunk = await this.next()) {
      onChunk?.();
      if (size < limit) {
        parts.push(chunk);
        size += chunk.byteLength;
      }
    }
    return Buffer.concat(parts).subarray(0, limit).toString('utf8');
  }

  /**
   * The answer is complete but the server has not ended the body (e.g. right after [DONE]):
   * read the rest in the background so the connection can be reused, and give up after `ms`.
   */
  release(ms = 5000): void {
    if (this.finished) return;
    const timer = setTimeout(() => this.destroy(), ms);
    timer.unref();
    void (async () => {
      try {
        while (await this.next());
      } catch {
        // The connection closed; nothing to keep.
      } finally {
        clearTimeout(timer);
      }
    })();
  }

  /** Stop reading and close the connection. */
  destroy(): void {
    if (this.finished) return;
    this.finished = true;
    this.body.destroy();
  }
}
