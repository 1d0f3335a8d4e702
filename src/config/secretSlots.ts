// Which secrets each provider needs, and where each lives in SecretStorage. No `vscode` import.
import type { ProviderId, QianfanAuthMode } from './settings';

/** One secret a provider needs, e.g. Qianfan's Secret Key. */
export interface SecretSlot {
  /** SecretStorage key, namespaced per provider (and per Qianfan auth mode, as the two modes take different key pairs). */
  readonly storageKey: string;
  /** What the provider's console calls it, shown in prompts. */
  readonly label: 'API Key' | 'Secret Key' | 'Access Key';
}

/** The secrets a provider takes, in the order they are asked for. */
export function secretSlots(provider: ProviderId, qianfanAuth: QianfanAuthMode = 'accessToken'): readonly SecretSlot[] {
  if (provider === 'qianfan') {
    return qianfanAuth === 'signature'
      ? [
          { storageKey: 'chorus.qianfan.signature.accessKey', label: 'Access Key' },
          { storageKey: 'chorus.qianfan.signature.secretKey', label: 'Secret Key' },
        ]
      : [
          { storageKey: 'chorus.qianfan.accessToken.apiKey', label: 'API Key' },
          { storageKey: 'chorus.qianfan.accessToken.secretKey', label: 'Secret Key' },
        ];
  }
  return [{ storageKey: `chorus.${provider}.apiKey`, label: 'API Key' }];
}

/** The endpoint whose key is stored under `storageKey` (`chorus.<id>.apiKey`), if it is one. */
export function providerOfKey(storageKey: string): ProviderId | undefined {
  return /^chorus\.([a-z0-9-]+)\.apiKey$/.exec(storageKey)?.[1];
}

/** Every SecretStorage key Chorus may write for a provider, whatever its auth mode. */
export function allStorageKeys(provider: ProviderId): string[] {
  const modes: QianfanAuthMode[] = provider === 'qianfan' ? ['accessToken', 'signature'] : ['accessToken'];
  return modes.flatMap((mode) => secretSlots(provider, mode).map((slot) => slot.storageKey));
}

/** Trims a pasted key and drops a leading "Bearer " (InternLM's console shows the key both ways); empty → undefined. */
export function cleanKey(value: string | undefined): string | undefined {
  const cleaned = value?.trim().replace(/^bearer\s+/i, '').trim();
  return cleaned ? cleaned : undefined;
}

/**
 * Settings where users paste keys out of habit (other extensions keep them there). package.json
 * registers them only as deprecated traps, so VS Code flags them and we can remove them.
 */
export const PLAINTEXT_KEY_SETTINGS: ReadonlyArray<{ readonly setting: string; readonly provider: ProviderId; readonly slot: number; readonly mode?: 'accessToken' | 'signature' }> = [
  { setting: 'internlm.apiKey', provider: 'internlm', slot: 0 },
  { setting: 'qianfan.apiKey', provider: 'qianfan', slot: 0, mode: 'accessToken' },
  { setting: 'qianfan.accessKey', provider: 'qianfan', slot: 0, mode: 'signature' },
  { setting: 'qianfan.secretKey', provider: 'qianfan', slot: 1 },
  { setting: 'qianfan-v2.apiKey', provider: 'qianfan-v2', slot: 0 },
  { setting: 'lanrui.apiKey', provider: 'lanrui', slot: 0 },
  { setting: 'openai.apiKey', provider: 'openai', slot: 0 },
];

export const PLAINTEXT_KEY_SETTING_NAMES = PLAINTEXT_KEY_SETTINGS.map((s) => `chorus.${s.setting}`);
