// A canary: a local HTTP server (127.0.0.1 only) that counts every request it gets. Hostile answers
// point images, links and markup at it; any hit means something was fetched that should not be.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Canary {
  /** e.g. http://127.0.0.1:40123 */
  readonly origin: string;
  /** Paths (with query) requested so far, in order. */
  readonly hits: readonly string[];
  close(): Promise<void>;
}

// A 1×1 transparent PNG, so an image request that does get through would also "succeed".
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export async function startCanary(): Promise<Canary> {
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(request.url ?? '/');
    if ((request.url ?? '').includes('.png')) response.writeHead(200, { 'content-type': 'image/png' }).end(PIXEL);
    else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><title>canary</title><p>canary');
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
