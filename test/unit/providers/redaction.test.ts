// A key echoed back in another encoding, under another query name or inside a URL path is still a
// key: every form is masked, and the engine logs only where a request went (scheme, host, port).

import * as assert from 'node:assert/strict';
import { createProvider } from '../../../src/providers/provider';
import { openaiPreset } from '../../../src/providers/presets/openai';
import { redactText, redactUrl, urlForLog } from '../../../src/providers/redact';
import { startFakeProvider } from '../../fixtures/fakeProvider';
import { ask, collect, RecordingLogger, signal } from './helpers';

const KEY = 'my key/with+odd&chars="é"\\x';

describe('providers/redaction: encoded forms, query names, paths, logged URLs', () => {
  const forms: Array<[string, string]> = [
    ['raw', KEY],
    ['URL-encoded (encodeURIComponent)', encodeURIComponent(KEY)],
    ['form-encoded (+ for spaces)', encodeURIComponent(KEY).replace(/%20/g, '+')],
    ['JSON-escaped', JSON.stringify(KEY).slice(1, -1)],
    ['\\uXXXX-escaped', Array.from(KEY, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
    ['base64', Buffer.from(KEY).toString('base64')],
  ];
  for (const [name, form] of forms) {
    it(`masks the key echoed ${name}`, () => {
      const out = redactText(`server said: ${form} (end)`, [KEY]);
      assert.equal(out, 'server said: *** (end)');
    });
  }

  it('masks credential query values under every usual name', () => {
    const names = ['api-key', 'ak', 'sk', 'access-token', 'x-api-key', 'accesskey', 'secretkey', 'access_key', 'secret_key', 'secret'];
    for (const n of names) {
      const url = redactUrl(`https://h.example/v1/chat?${n}=S3CRETVALUE99&model=m`);
      assert.ok(!url.includes('S3CRETVALUE99'), url);
      assert.match(url, /model=m/);
      const text = redactText(`GET /v1/chat?${n}=S3CRETVALUE99&model=m`);
      assert.ok(!text.includes('S3CRETVALUE99'), text);
    }
  });

  it('masks a secret or a token-shaped segment in a URL path', () => {
    assert.ok(!redactUrl('https://h.example/v1/k3y-from-settings/chat', ['k3y-from-settings']).includes('k3y-from-settings'));
    const url = redactUrl('https://h.example/v1/a8F3kQ9zL2mN7pR4tV6wX1yB5cD0eG/chat/completions');
    assert.equal(url, 'https://h.example/v1/***/chat/completions');
    assert.equal(redactUrl('https://h.example/api/v1/chat/completions'), 'https://h.example/api/v1/chat/completions');
  });

  it('urlForLog keeps scheme, host and port only', () => {
    assert.equal(urlForLog('https://u:p@h.example:8443/v1/SECRET/chat?key=x'), 'https://h.example:8443');
    assert.equal(urlForLog(new URL('http://127.0.0.1/v1')), 'http://127.0.0.1');
    assert.equal(urlForLog('not a url'), '(invalid URL)');
  });

  it('the engine logs requests by scheme and host, never their path or query', async () => {
    const server = await startFakeProvider({ basePath: '/v1/PathSecret0123456789abcdef' });
    const logger = new RecordingLogger();
    const p = createProvider(openaiPreset, { baseUrl: server.baseUrl, model: 'm', logger, retry: { maxRetries: 0 } });
    try {
      await collect(p.stream(ask(), { signal: signal() }));
      assert.ok(logger.lines.some((l) => l.includes(`POST ${server.origin}`)), logger.text);
      assert.ok(!/PathSecret|chat\/completions/.test(logger.text), logger.text);
    } finally {
      await p.dispose();
      await server.close();
    }
  });
});
