// HTTP errors in every body shape become typed errors whose message names the provider, the status
// or code, the provider's words and what to do, and never contains the key.

import * as assert from 'node:assert/strict';
import { classifyError, kindFromStatus, ProviderError, toProviderError } from '../../../src/providers/errors';
import { errorFromBody } from '../../../src/providers/errorShapes';
import { createProvider } from '../../../src/providers/provider';
import { internlmPreset } from '../../../src/providers/presets/internlm';
import { redactText, redactUrl } from '../../../src/providers/redact';
import {
  fastapiErrorReply,
  jsonReply,
  lmdeployErrorReply,
  openaiErrorReply,
  sseReply,
  type FakeProvider,
  type Reply,
} from '../../fixtures/fakeProvider';
import { ask, collect, failed, RecordingLogger, signal, withFakeProvider } from './helpers';

const KEY = 'eyJ0eXBlIjoiSldUIn0.sEcReT-KeY-1234567890abcdef';

describe('providers/errors: HTTP errors', () => {
  let server: FakeProvider;
  const cleanup = withFakeProvider((started) => {
    server = started;
  }, { basePath: '/api/v1' });

  const provider = (logger?: RecordingLogger) =>
    cleanup.add(createProvider(internlmPreset, { baseUrl: server.baseUrl, apiKey: KEY, requestsPerMinute: 0, retry: { maxRetries: 0 }, logger }));

  async function errorFor(reply: Reply): Promise<ProviderError> {
    server.enqueue(reply);
    return failed(await collect(provider().stream(ask(), { signal: signal() })));
  }

  const cases: Array<{ status: number; kind: string; advice: RegExp }> = [
    { status: 401, kind: 'auth', advice: /Set a valid API key for InternLM/ },
    { status: 403, kind: 'forbidden', advice: /Check that the key may use model "internlm3-latest"/ },
    { status: 404, kind: 'notFound', advice: /Check the model name "internlm3-latest" and the base URL/ },
    { status: 429, kind: 'rateLimited', advice: /Wait a minute and try again/ },
    { status: 500, kind: 'server', advice: /Try again in a moment/ },
    { status: 502, kind: 'server', advice: /Try again in a moment/ },
    { status: 503, kind: 'server', advice: /Try again in a moment/ },
  ];
  const shapes: Array<{ name: string; reply: (status: number, message: string) => Reply; code?: string }> = [
    { name: 'OpenAI {"error":{...}}', reply: (s, m) => openaiErrorReply(s, m, { code: 'some_code' }), code: 'some_code' },
    { name: 'LMDeploy {"object":"error"}', reply: (s, m) => lmdeployErrorReply(s, m) },
    { name: 'FastAPI {"detail":...}', reply: (s, m) => fastapiErrorReply(s, m) },
  ];

  for (const c of cases) {
    for (const shape of shapes) {
      it(`HTTP ${c.status} with an ${shape.name} body → ${c.kind}`, async () => {
        const e = await errorFor(shape.reply(c.status, `provider says ${c.status}`));
        assert.equal(e.kind, c.kind);
        assert.equal(e.status, c.status);
        assert.equal(e.providerId, 'internlm');
        assert.equal(e.providerName, 'InternLM');
        assert.equal(e.providerMessage, `provider says ${c.status}`);
        if (shape.code) assert.equal(e.code, shape.code);
        assert.match(e.message, new RegExp(`^InternLM: .*\\(HTTP ${c.status}`));
        assert.ok(e.message.includes(`InternLM said: "provider says ${c.status}"`), e.message);
        assert.match(e.message, c.advice);
      });
    }
  }

  it('429 with Retry-After: the wait is structured and in the message', async () => {
    const e = await errorFor(openaiErrorReply(429, 'Rate limit reached', { code: 'rate_limit_exceeded', headers: { 'retry-after': '20' } }));
    assert.equal(e.retryAfterMs, 20_000);
    assert.match(e.message, /Wait 20 s and try again/);
  });

  it('an HTML error page from a gateway: status and its words', async () => {
    const e = await errorFor({ status: 502, headers: { 'content-type': 'text/html' }, body: ['<html><body><h1>502 Bad Gateway</h1></body></html>'] });
    assert.equal(e.kind, 'server');
    assert.equal(e.providerMessage, '502 Bad Gateway');
  });

  it('FastAPI validation errors (422) are listed readably', async () => {
    const e = await errorFor(fastapiErrorReply(422, [{ loc: ['body', 'temperature'], msg: 'Input should be less than or equal to 1', type: 'less_than_equal' }]));
    assert.equal(e.kind, 'badRequest');
    assert.equal(e.providerMessage, 'body.temperature: Input should be less than or equal to 1');
  });

  it('a 200 JSON body that is an LMDeploy error is an error (InternLM rate limit wording counts as rate limiting)', async () => {
    const e = await errorFor(jsonReply({ object: 'error', message: '请求过于频繁,超出流控限制', code: 'A0202' }));
    assert.equal(e.kind, 'rateLimited');
    assert.equal(e.code, 'A0202');
  });

  it('400 with context-length wording → contextTooLong ("shorten")', async () => {
    const e = await errorFor(openaiErrorReply(400, "This model's maximum context length is 8192 tokens.", { code: 'context_length_exceeded' }));
    assert.equal(e.kind, 'contextTooLong');
    assert.match(e.message, /Shorten the conversation/);
  });

  it('a redirect is reported with where it points (usually http vs https in the base URL)', async () => {
    const e = await errorFor({ status: 301, headers: { location: 'https://elsewhere.example/api/v1/chat/completions' }, body: [] });
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /redirected to https:\/\/elsewhere\.example/);
  });

  describe('the key never appears', () => {
    const echo = `Incorrect API key provided: ${KEY}. Header was "Authorization: Bearer ${KEY}". See https://x.example/?access_token=${KEY}&client_secret=s3cr3t-value`;

    it('in messages, provider messages and JSON of errors whose body echoes it', async () => {
      const logger = new RecordingLogger();
      for (const reply of [openaiErrorReply(401, echo), lmdeployErrorReply(401, echo), fastapiErrorReply(401, echo)]) {
        server.enqueue(reply);
        const e = failed(await collect(provider(logger).stream(ask(), { signal: signal() })));
        for (const text of [e.message, e.providerMessage ?? '', JSON.stringify(e), String(e.stack)]) {
          assert.ok(!text.includes(KEY), text);
          assert.ok(!text.includes('sEcReT'), text);
          assert.ok(!text.includes('s3cr3t-value'), text);
        }
        assert.match(e.providerMessage ?? '', /Incorrect API key provided: \*\*\*/);
      }
      assert.ok(logger.lines.length > 0);
      assert.ok(!logger.text.includes('sEcReT'), logger.text);
    });

    it('in mid-stream error events that echo it', async () => {
      server.enqueue(sseReply([{ error: { message: echo, type: 'invalid_request_error' } }], { done: false }));
      const e = failed(await collect(provider().stream(ask(), { signal: signal() })));
      assert.ok(!e.message.includes('sEcReT'), e.message);
    });

    it('in a base URL that carries it', async () => {
      const p = cleanup.add(createProvider(internlmPreset, { baseUrl: `http://user:${KEY}@127.0.0.1:1/api/v1?key=${KEY}`, apiKey: KEY, requestsPerMinute: 0, retry: { maxRetries: 0 } }));
      const e = failed(await collect(p.stream(ask(), { signal: signal() })));
      assert.ok(!JSON.stringify(e).includes('sEcReT'), JSON.stringify(e));
      assert.ok(!e.message.includes('sEcReT'));
    });
  });
});

describe('providers/errors: classification and redaction units', () => {
  it('maps statuses to kinds', () => {
    assert.deepEqual([400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 500, 503].map(kindFromStatus), [
      'badRequest', 'auth', 'quota', 'forbidden', 'notFound', 'timeout', 'badRequest', 'contextTooLong', 'badRequest', 'rateLimited', 'server', 'server',
    ]);
  });

  it('classifies by wording when the status says little', () => {
    assert.equal(classifyError({ status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota' }), 'quota');
    assert.equal(classifyError({ status: 400, message: '账户余额不足' }), 'quota');
    assert.equal(classifyError({ status: 400, code: 'rpm_rate_limit_exceeded' }), 'rateLimited');
    assert.equal(classifyError({ message: 'rate limit exceeded' }), 'rateLimited');
    assert.equal(classifyError({ code: '401', message: 'x' }), 'auth');
    assert.equal(classifyError({ type: 'authentication_error' }), 'auth');
    assert.equal(classifyError({ type: 'invalid_request_error', message: 'bad' }), 'badRequest');
    assert.equal(classifyError({ status: 401, message: 'rate limit' }), 'auth');
  });

  it('reads every error body shape', () => {
    assert.deepEqual(errorFromBody('{"error":{"message":"m","type":"t","code":"c"}}'), { message: 'm', type: 't', code: 'c' });
    assert.deepEqual(errorFromBody('{"object":"error","message":"m","code":400}'), { message: 'm', code: '400', type: undefined });
    assert.deepEqual(errorFromBody('{"detail":"Not Found"}'), { message: 'Not Found' });
    assert.deepEqual(errorFromBody('{"error":"invalid_client","error_description":"unknown client id"}'), { message: 'unknown client id', code: 'invalid_client', type: undefined });
    assert.deepEqual(errorFromBody('{"error_code":110,"error_msg":"Access token invalid or no longer valid"}'), { message: 'Access token invalid or no longer valid', code: '110' });
    assert.deepEqual(errorFromBody('plain words'), { message: 'plain words' });
    assert.deepEqual(errorFromBody(''), {});
  });

  it('redacts URLs: credentials in the query and user info', () => {
    const url = redactUrl('https://aip.baidubce.com/oauth/2.0/token?grant_type=client_credentials&client_id=AK123&client_secret=SK456&access_token=24.abc');
    assert.ok(!/AK123|SK456|24\.abc/.test(url), url);
    assert.match(url, /grant_type=client_credentials/);
    assert.ok(!redactUrl('http://u:pw123456@h.example/x').includes('pw123456'));
  });

  it('redacts known secrets and credential shapes in text', () => {
    const text = redactText('key my-secret-value, Bearer abc.def, bce-v3/ALTAK-xyz/123, sk-abcdefghijklmnop', ['my-secret-value']);
    assert.ok(!/my-secret-value|abc\.def|ALTAK-xyz|sk-abcdefghijklmnop/.test(text), text);
    assert.match(text, /Bearer \*\*\*/);
  });

  it('wraps network failures as network errors with their code; TLS failures mention proxyStrictSSL', () => {
    const ctx = { providerId: 'x', providerName: 'X', secrets: [] };
    const e = toProviderError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), ctx);
    assert.equal(e.kind, 'network');
    assert.equal(e.detail, 'ECONNREFUSED');
    assert.match(e.message, /^X: could not reach the server \(ECONNREFUSED\)\. .*proxy settings/);
    // The address tried is named (a base URL that did not apply is the usual cause), its credentials masked.
    const at = toProviderError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { ...ctx, baseUrl: 'http://user:secret-pass@127.0.0.1:23333/v1' });
    assert.match(at.message, /the base URL http:\/\/.*127\.0\.0\.1:23333\/v1 and the proxy settings/);
    assert.ok(!at.message.includes('secret-pass'), at.message);
    const tls = toProviderError(Object.assign(new Error('self signed'), { cause: { code: 'SELF_SIGNED_CERT_IN_CHAIN' } }), ctx);
    assert.match(tls.message, /proxyStrictSSL/);
  });

  it('marks what is worth a retry', () => {
    const ctx = { providerId: 'x', providerName: 'X', secrets: [] };
    const kinds = ['rateLimited', 'server', 'network', 'timeout', 'truncated', 'auth', 'badRequest', 'notFound', 'invalidParams', 'cancelled', 'protocol', 'quota'] as const;
    assert.deepEqual(
      kinds.filter((kind) => new ProviderError(ctx, { kind }).retryable),
      ['rateLimited', 'server', 'network', 'timeout', 'truncated'],
    );
    assert.ok(new ProviderError(ctx, { kind: 'badRequest', status: 409 }).retryable);
  });
});
