// Error text is one implementation (src/providers/userText.ts) said through a translation function:
// English by default, Chinese when the host passes vscode.l10n.t. Here the Chinese comes from the
// same bundle vscode.l10n.t reads, looked up the same way, so this runs in plain Node.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { english, formatErrorMessage, ProviderError, type ErrorKind, type Translate } from '../../../src/providers';
import type { ProviderErrorDetails } from '../../../src/providers/errors';
import { advice as qianfanAdvice, CODE_ADVICE } from '../../../src/providers/qianfan/qianfanText';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** What vscode.l10n.t does with a bundle: the translation if there is one, else the English template. */
const chinese: Translate = (template, ...args) => english(bundle[template] ?? template, ...args);

const context = { providerId: 'qianfan', providerName: '千帆', model: 'chatglm3_6b', baseUrl: 'https://aip.baidubce.com', secrets: [] };
const PROVIDER_WORDS = '该模型暂不可用';
const DETAIL = 'ECONNRESET';

/** Every kind, in each of its wordings. */
const KINDS: Record<ErrorKind, ProviderErrorDetails[]> = {
  auth: [{ kind: 'auth', status: 401 }, { kind: 'auth', keyMissing: true }],
  forbidden: [{ kind: 'forbidden', status: 403 }],
  notFound: [{ kind: 'notFound', status: 404 }],
  rateLimited: [{ kind: 'rateLimited', status: 429 }, { kind: 'rateLimited', status: 429, retryAfterMs: 3000 }],
  quota: [{ kind: 'quota', code: '17' }],
  server: [{ kind: 'server', status: 500, code: '336000', providerMessage: PROVIDER_WORDS }],
  badRequest: [{ kind: 'badRequest', status: 400 }],
  contextTooLong: [{ kind: 'contextTooLong' }],
  invalidParams: [
    { kind: 'invalidParams', param: 'temperature', range: '[0, 1]', value: '1.5' },
    { kind: 'invalidParams', param: 'temperature', range: '[0, 1]' },
    { kind: 'invalidParams', param: 'model', detail: DETAIL },
    { kind: 'invalidParams' },
  ],
  network: [{ kind: 'network', detail: DETAIL }, { kind: 'network' }],
  timeout: [{ kind: 'timeout', timeoutMs: 30_000 }, { kind: 'timeout', timeoutMs: 60_000, timeoutPhase: 'idle' }],
  truncated: [{ kind: 'truncated', detail: DETAIL }, { kind: 'truncated' }],
  protocol: [{ kind: 'protocol', detail: DETAIL }, { kind: 'protocol' }],
  cancelled: [{ kind: 'cancelled' }],
  contentFlagged: [{ kind: 'contentFlagged', code: '336105' }, { kind: 'contentFlagged', banRound: -1 }, { kind: 'contentFlagged', banRound: 2 }],
};

const QIANFAN_ADVICE = [
  ...Object.values(CODE_ADVICE),
  qianfanAdvice.inputTooLong,
  qianfanAdvice.questionTooLong(6000, 4800, true),
  qianfanAdvice.questionTooLong(6000, 4800, false),
  qianfanAdvice.invalidClient('unknown client id'),
  qianfanAdvice.invalidClient('Client authentication failed'),
  qianfanAdvice.invalidClient(undefined),
  qianfanAdvice.tokenRequestRefused,
  qianfanAdvice.checkBaseUrl,
  qianfanAdvice.protocol,
];

/** English that may stay in Chinese text: names, settings, protocol words and what we put in. */
const KEPT = [
  context.baseUrl, 'console.bce.baidu.com/qianfan', '/wenxinworkshop/chat/', 'http.proxy', 'OpenAI', 'Chorus', 'HTTP',
  'API Key', 'Secret Key', 'Access Key', 'IAM', 'API', 'access token', 'token', 'endpoint', 'QPS', 'RPM', 'TPM',
  'temperature', 'top_p', 'stop', 'user_id', context.model, DETAIL, 'model',
];

function englishLeft(text: string): string[] {
  let rest = text;
  for (const kept of KEPT) rest = rest.split(kept).join(' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

function render(details: ProviderErrorDetails, t: Translate): string {
  return formatErrorMessage(new ProviderError(context, details), t);
}

describe('error text in both languages', () => {
  it('English is the error message itself', () => {
    for (const details of Object.values(KINDS).flat()) {
      const error = new ProviderError(context, details);
      assert.equal(formatErrorMessage(error, english), error.message);
    }
  });

  for (const [kind, variants] of Object.entries(KINDS)) {
    it(`renders ${kind} in Chinese with no English left`, () => {
      for (const details of variants) {
        const zh = render(details, chinese);
        assert.deepEqual(englishLeft(zh), [], zh);
        assert.notEqual(zh, render(details, english));
        assert.ok(zh.startsWith('千帆:'), zh);
      }
    });
  }

  it("keeps the provider's own words, its code and the flagged turn", () => {
    const server = render(KINDS.server[0]!, chinese);
    assert.ok(server.includes(`“${PROVIDER_WORDS}”`), server);
    assert.ok(server.includes('336000'), server);
    assert.ok(render(KINDS.contentFlagged[2]!, chinese).includes('第 2 轮'));
    assert.ok(render(KINDS.contentFlagged[1]!, chinese).includes('当前问题'));
  });

  it("says every Qianfan code's advice in Chinese, in place of the kind's", () => {
    for (const advice of QIANFAN_ADVICE) {
      const en = render({ kind: 'server', code: '1', advice }, english);
      const zh = render({ kind: 'server', code: '1', advice }, chinese);
      assert.ok(en.endsWith(advice(english)), en);
      assert.ok(zh.endsWith(advice(chinese)), zh);
      assert.deepEqual(englishLeft(zh), [], zh);
    }
  });

  it('catches English left in the Chinese text', () => {
    const untranslated: Translate = (template, ...args) => (template === 'Try again in a moment.' ? template : chinese(template, ...args));
    assert.notDeepEqual(englishLeft(render({ kind: 'server', status: 500 }, untranslated)), []);
  });
});
