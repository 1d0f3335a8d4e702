import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PLAINTEXT_KEY_SETTING_NAMES, allStorageKeys, cleanKey, secretSlots } from '../../../src/config/secretSlots';
import { COMMIT_MESSAGE_STYLES, DESTINATION_SETTINGS, KEY_DESTINATION_SETTINGS, PROVIDER_IDS, QIANFAN_AUTH_MODES, RESPONSE_LANGUAGES, SETTING_DEFAULTS } from '../../../src/config/settings';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties as Record<string, Record<string, unknown>>;
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('settings module vs package.json', () => {
  const declared = Object.keys(properties).filter((key) => !PLAINTEXT_KEY_SETTING_NAMES.includes(key));

  it('declares exactly the settings the module knows, with the same defaults', () => {
    assert.deepEqual(declared.sort(), Object.keys(SETTING_DEFAULTS).map((k) => `chorus.${k}`).sort());
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
      assert.deepEqual(properties[`chorus.${key}`]!.default, value, `default of chorus.${key}`);
    }
  });

  it('keeps enums in step with the module', () => {
    assert.deepEqual(properties['chorus.provider']!.examples, [...PROVIDER_IDS]);
    assert.deepEqual(properties['chorus.qianfan.auth']!.enum, [...QIANFAN_AUTH_MODES]);
    assert.deepEqual(properties['chorus.responseLanguage']!.enum, [...RESPONSE_LANGUAGES]);
    assert.deepEqual(properties['chorus.commitMessage.style']!.enum, [...COMMIT_MESSAGE_STYLES]);
  });

  it('describes every setting and every enum value in the Settings UI', () => {
    for (const key of Object.keys(properties)) {
      const description = properties[key]!.markdownDescription;
      assert.match(String(description), /^%.+%$/, `${key} has a translated markdownDescription`);
      assert.ok(nls[String(description).slice(1, -1)], `${key}'s description exists`);
      if (properties[key]!.enum) {
        assert.equal((properties[key]!.enumDescriptions as unknown[]).length, (properties[key]!.enum as unknown[]).length, `${key} enumDescriptions`);
      }
    }
  });

  it('gives numeric settings their ranges', () => {
    for (const key of ['internlm.requestsPerMinute', 'qianfan.maxInputChars', 'temperature', 'topP', 'maxTokens', 'request.connectTimeoutSeconds', 'request.idleTimeoutSeconds']) {
      const schema = properties[`chorus.${key}`]!;
      assert.equal(typeof schema.minimum, 'number', `${key} minimum`);
      assert.equal(typeof schema.maximum, 'number', `${key} maximum`);
    }
  });

  it('scopes every setting that decides where a key goes so that a workspace cannot silently change it', () => {
    assert.equal(KEY_DESTINATION_SETTINGS.length, PROVIDER_IDS.length);
    for (const key of KEY_DESTINATION_SETTINGS) assert.equal(properties[`chorus.${key}`]!.scope, 'machine-overridable', key);
  });

  it('declares limited support for untrusted workspaces, restricting every destination and key setting', () => {
    const untrusted = (manifest as { capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } } }).capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    const restricted = new Set(untrusted?.restrictedConfigurations ?? []);
    for (const key of DESTINATION_SETTINGS) assert.ok(restricted.has(`chorus.${key}`), key);
    for (const name of PLAINTEXT_KEY_SETTING_NAMES) assert.ok(restricted.has(name), name);
    for (const name of restricted) assert.ok(properties[name], `${name} is a setting`);
  });

  it('registers the key-in-settings traps only as deprecated', () => {
    for (const key of PLAINTEXT_KEY_SETTING_NAMES) {
      assert.ok(properties[key], `${key} is registered`);
      assert.ok(properties[key]!.markdownDeprecationMessage, `${key} is deprecated`);
      assert.equal(properties[key]!.default, undefined, `${key} has no default`);
    }
  });
});

describe('secret slots', () => {
  it('asks Qianfan for a pair of keys that depends on the auth mode', () => {
    assert.deepEqual(secretSlots('qianfan', 'accessToken').map((s) => s.label), ['API Key', 'Secret Key']);
    assert.deepEqual(secretSlots('qianfan', 'signature').map((s) => s.label), ['Access Key', 'Secret Key']);
    assert.equal(allStorageKeys('qianfan').length, 4);
    assert.equal(new Set(PROVIDER_IDS.flatMap(allStorageKeys)).size, PROVIDER_IDS.length - 1 + 4, 'no two providers share a storage key');
  });

  it('trims keys, drops a Bearer prefix and refuses empty ones', () => {
    assert.equal(cleanKey('  sk-abc \n'), 'sk-abc');
    assert.equal(cleanKey('Bearer eyJ0eXBl'), 'eyJ0eXBl');
    assert.equal(cleanKey('   '), undefined);
    assert.equal(cleanKey(undefined), undefined);
  });
});
