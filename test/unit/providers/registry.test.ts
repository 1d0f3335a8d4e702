import * as assert from 'node:assert/strict';
import { BUILT_IN_PRESETS, ProviderRegistry } from '../../../src/providers/registry';
import { internlmPreset } from '../../../src/providers/presets/internlm';
import { keyNeededAt, type ProviderPreset } from '../../../src/providers/preset';

describe('providers/registry and presets', () => {
  it('says where a key is needed: hosted services always, InternLM only at its own address, OpenAI-compatible never', () => {
    const byId = new Map(BUILT_IN_PRESETS.map((p) => [p.id, p]));
    assert.equal(keyNeededAt(internlmPreset, 'https://chat.intern-ai.org.cn/api/v1/'), true, 'a trailing slash is the same address');
    assert.equal(keyNeededAt(internlmPreset, 'http://127.0.0.1:23333/v1'), false, 'a private LMDeploy serving InternLM');
    assert.equal(keyNeededAt(byId.get('lanrui')!, 'http://127.0.0.1:1/v1'), true);
    assert.equal(keyNeededAt(byId.get('qianfan-v2')!, byId.get('qianfan-v2')!.baseUrl), true);
    assert.equal(keyNeededAt(byId.get('openai')!, byId.get('openai')!.baseUrl), false);
  });

  it('has the four built-in presets with their documented defaults', () => {
    const byId = new Map(BUILT_IN_PRESETS.map((p) => [p.id, p]));
    assert.deepEqual([...byId.keys()].sort(), ['internlm', 'lanrui', 'openai', 'qianfan-v2']);
    assert.equal(byId.get('internlm')!.baseUrl, 'https://chat.intern-ai.org.cn/api/v1');
    assert.equal(byId.get('internlm')!.defaultModel, 'internlm3-latest');
    assert.equal(byId.get('internlm')!.requestsPerMinute, 10);
    assert.equal(byId.get('lanrui')!.baseUrl, 'https://api.lanrui.co/v1');
    assert.equal(byId.get('qianfan-v2')!.baseUrl, 'https://qianfan.baidubce.com/v2');
    assert.equal(byId.get('qianfan-v2')!.defaultModel, 'ernie-4.0-turbo-8k');
    assert.ok(byId.get('qianfan-v2')!.roles.includes('system'));
    assert.equal(byId.get('openai')!.keyRequired, 'never');
    // All four are configuration over the one OpenAI-compatible protocol.
    assert.equal(new Set(BUILT_IN_PRESETS.map((p) => p.protocol)).size, 1);
  });

  it('creates providers with the caller\'s base URL and model over the preset', async () => {
    const registry = new ProviderRegistry();
    const p = registry.create('internlm', { baseUrl: 'http://10.0.0.5:23333/v1/', model: 'internlm2_5-7b-chat' });
    assert.equal(p.baseUrl, 'http://10.0.0.5:23333/v1');
    assert.equal(p.model, 'internlm2_5-7b-chat');
    assert.equal(p.name, 'InternLM');
    const d = registry.create('internlm');
    assert.equal(d.baseUrl, internlmPreset.baseUrl);
    assert.equal(d.model, 'internlm3-latest');
    await Promise.all([p.dispose(), d.dispose()]);
    assert.throws(() => registry.create('nope'), /Unknown provider "nope"/);
  });

  it('accepts presets registered later (e.g. another protocol)', () => {
    const registry = new ProviderRegistry(BUILT_IN_PRESETS);
    const extra: ProviderPreset = { ...internlmPreset, id: 'qianfan', name: 'Qianfan (wenxinworkshop)' };
    registry.register(extra);
    assert.equal(registry.get('qianfan'), extra);
    assert.equal(registry.presets().length, BUILT_IN_PRESETS.length + 1);
  });
});
