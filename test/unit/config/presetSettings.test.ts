// One source per fact: the presets are the source; package.json, the settings module, the key slots
// and both READMEs are checked against them here.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allStorageKeys } from '../../../src/config/secretSlots';
import { PROVIDER_IDS, PROVIDER_NAMES, SETTING_DEFAULTS } from '../../../src/config/settings';
import { BUILT_IN_PRESETS, DEFAULT_PRESETS, ENDPOINT_PRESETS } from '../../../src/providers/registry';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties as Record<string, Record<string, unknown>>;
const endpointItem = (properties['chorus.endpoints']!.items as { properties: Record<string, Record<string, unknown>> }).properties;

describe('presets are the single source of provider facts', () => {
  it('every preset file in src/providers/presets is a built-in or listed in ENDPOINT_PRESETS', () => {
    const dir = path.join(root, 'src', 'providers', 'presets');
    const files = fs.readdirSync(dir).filter((f) => !['openaiProtocol.ts', 'openaiRanges.ts', 'endpointPresets.ts'].includes(f));
    const ids = new Set(DEFAULT_PRESETS.map((p) => p.id));
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      const id = /\bid: '([a-z0-9-]+)'/.exec(source)?.[1];
      assert.ok(id && ids.has(id), `${file} (id ${id}) is registered`);
    }
    assert.equal(ENDPOINT_PRESETS.length, 10);
  });

  it('ids are unique, and the built-in ids are exactly the built-in presets', () => {
    const ids = DEFAULT_PRESETS.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...PROVIDER_IDS].sort(), DEFAULT_PRESETS.filter((p) => !ENDPOINT_PRESETS.includes(p)).map((p) => p.id).sort());
    assert.equal(BUILT_IN_PRESETS.length + 1, PROVIDER_IDS.length, 'the four OpenAI-style built-ins plus Qianfan v1');
  });

  it('built-in names, default base URLs and models come from the presets', () => {
    for (const id of PROVIDER_IDS) {
      const preset = DEFAULT_PRESETS.find((p) => p.id === id)!;
      assert.equal(PROVIDER_NAMES[id], preset.label ?? preset.name);
      assert.equal((SETTING_DEFAULTS as Record<string, unknown>)[`${id}.baseUrl`], preset.baseUrl, `${id}.baseUrl`);
      const modelKey = id === 'qianfan' ? 'qianfan.endpoint' : `${id}.model`;
      assert.equal((SETTING_DEFAULTS as Record<string, unknown>)[modelKey], preset.defaultModel ?? '', modelKey);
    }
  });

  it('package.json offers exactly the endpoint presets, the thinking modes, and keeps ids clear of the built-ins', () => {
    assert.deepEqual(endpointItem.preset!.enum, ENDPOINT_PRESETS.map((p) => p.id));
    assert.deepEqual(endpointItem.thinking!.enum, ['auto', 'on', 'off']);
    assert.deepEqual((endpointItem.id!.not as { enum: string[] }).enum, [...PROVIDER_IDS]);
    assert.equal(endpointItem.id!.pattern, '^[a-z0-9-]+$');
    assert.deepEqual(properties['chorus.endpoints']!.default, SETTING_DEFAULTS.endpoints);
  });

  it('each endpoint gets its own key slot, named by its id', () => {
    assert.deepEqual(allStorageKeys('team-vllm'), ['chorus.team-vllm.apiKey']);
  });

  it('every hosted preset says where to get a key, and every preset has a thinking field to read', () => {
    for (const p of ENDPOINT_PRESETS) {
      if (p.keyRequired !== 'never') assert.match(p.keyUrl ?? '', /^https:\/\//, `${p.id} keyUrl`);
      assert.ok(p.reasoningField, `${p.id} reasoningField`);
      assert.ok(p.listModels || (p.knownModels?.length ?? 0) > 0, `${p.id}: a /models list or a model list`);
    }
  });

  for (const readme of ['README.md', 'README.zh-CN.md']) {
    it(`${readme} has a row per preset, with where to get its key`, () => {
      const text = fs.readFileSync(path.join(root, readme), 'utf8');
      for (const p of ENDPOINT_PRESETS) {
        const row = text.split('\n').find((line) => line.startsWith(`| \`${p.id}\` |`));
        assert.ok(row, `${readme}: a table row for ${p.id}`);
        assert.ok(row.includes(p.baseUrl), `${readme}: ${p.id}'s base URL`);
        if (p.keyUrl) assert.ok(row.includes(p.keyUrl), `${readme}: ${p.id}'s key link`);
      }
    });
  }
});
