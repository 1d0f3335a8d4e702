import * as assert from 'node:assert/strict';
import { parseEndpoints } from '../../../src/config/endpoints';
import { PROVIDER_IDS } from '../../../src/config/settings';
import { english } from '../../../src/providers/userText';

const parse = (raw: unknown, fromWorkspace = false, taken: readonly string[] = PROVIDER_IDS) => parseEndpoints(raw, { fromWorkspace, taken: new Set(taken), t: english });

describe('config/endpoints (chorus.endpoints)', () => {
  it('reads an endpoint, taking the base URL and name from its preset when it names one', () => {
    const [deepseek, local] = parse([
      { id: 'deepseek', name: 'My DeepSeek', preset: 'deepseek', baseUrl: '', model: 'deepseek-v4-pro', temperature: 0.3, thinking: 'off' },
      { id: 'team-vllm', preset: 'vllm', baseUrl: 'http://10.0.0.5:8000/v1', vision: true, requestsPerMinute: 30 },
    ]);
    assert.equal(deepseek!.problem, undefined);
    assert.equal(deepseek!.baseUrl, 'https://api.deepseek.com');
    assert.equal(deepseek!.name, 'My DeepSeek');
    assert.equal(deepseek!.preset.id, 'deepseek');
    assert.equal(deepseek!.temperature, 0.3);
    assert.equal(deepseek!.thinking, 'off');
    assert.equal(local!.name, 'vLLM');
    assert.equal(local!.vision, true);
    assert.equal(local!.requestsPerMinute, 30);
    assert.equal(local!.thinking, 'auto');
    assert.equal(local!.fromWorkspace, false);
  });

  it('an endpoint without a preset is a plain OpenAI-compatible server', () => {
    const [e] = parse([{ id: 'x', name: 'X', baseUrl: 'https://llm.example.com/v1' }]);
    assert.equal(e!.preset.id, 'openai');
    assert.equal(e!.problem, undefined);
  });

  it('refuses a value outside the preset\'s range with a message naming the setting and the range', () => {
    const [kimi, qwen] = parse([
      { id: 'kimi', name: 'Kimi', preset: 'kimi', baseUrl: 'https://api.moonshot.cn/v1', temperature: 1.5 },
      { id: 'qwen', name: 'Qwen', preset: 'qwen', baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', topP: 0 },
    ]);
    assert.equal(kimi!.problem, 'chorus.endpoints › kimi › temperature is 1.5; Kimi takes [0, 1].');
    assert.equal(qwen!.problem, 'chorus.endpoints › qwen › topP is 0; Qwen takes (0, 1].');
    const [rpm] = parse([{ id: 'a', name: 'A', baseUrl: 'http://127.0.0.1:1/v1', requestsPerMinute: 1.5 }]);
    assert.match(rpm!.problem!, /requestsPerMinute is 1.5; A takes \[0, 6000\] \(whole numbers\)/);
  });

  it('refuses a bad id, an unknown preset, a base URL that is not http(s), and ids used twice or taken by a built-in', () => {
    const list = parse([
      { id: 'Bad Id', name: 'x', baseUrl: 'https://a.example/v1' },
      { id: 'p', name: 'x', preset: 'nope', baseUrl: 'https://a.example/v1' },
      { id: 'f', name: 'x', baseUrl: 'file:///etc/passwd' },
      { id: 'internlm', name: 'x', baseUrl: 'https://a.example/v1' },
      { id: 'twice', name: 'x', baseUrl: 'https://a.example/v1' },
      { id: 'twice', name: 'y', baseUrl: 'https://b.example/v1' },
    ]);
    assert.match(list[0]!.problem!, /entry 1: "id" must be lower-case letters, digits and "-"/);
    assert.match(list[1]!.problem!, /unknown preset "nope"; use one of deepseek, qwen, glm, kimi, siliconflow, ark, hunyuan, ollama, vllm, lmdeploy/);
    assert.match(list[2]!.problem!, /"baseUrl" must be an http\(s\) address/);
    assert.match(list[3]!.problem!, /the id "internlm" is used twice, or is a built-in provider id/);
    assert.equal(list[4]!.problem, undefined, 'the first of two keeps its id');
    assert.match(list[5]!.problem!, /the id "twice" is used twice/);
  });

  it('skips what is not an entry, and reads nothing from a value that is not a list', () => {
    assert.deepEqual(parse({ id: 'x' }), []);
    assert.equal(parse([null, 3, 'x', [], { id: 'ok', name: 'ok', baseUrl: 'http://127.0.0.1:2/v1' }]).length, 1);
  });

  it('a workspace entry never stands in for the user\'s endpoint of the same id, and is marked as the workspace\'s', () => {
    const list = parse(
      [
        { id: 'mine', name: 'Evil twin', baseUrl: 'https://attacker.example/v1' },
        { id: 'theirs', name: 'Team', baseUrl: 'https://team.example/v1' },
      ],
      true,
      [...PROVIDER_IDS, 'mine'],
    );
    assert.deepEqual(list.map((e) => e.id), ['theirs']);
    assert.equal(list[0]!.fromWorkspace, true);
  });
});
