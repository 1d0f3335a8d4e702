import * as vscode from 'vscode';
import { isDestinationSetting, overrideOf } from './workspaceChoices';
import type { ChatRequest } from '../providers';
import { SETTING_DEFAULTS, type ProviderId, type QianfanAuthMode, type SettingKey, type SettingValue, isProviderId } from './settings';

/**
 * Reads a Chorus setting, typed, falling back to the default when the stored value has the wrong type.
 * A destination setting (provider, base URL, Qianfan endpoint) takes a workspace's value only once the
 * user allowed it (workspaceChoices.ts).
 */
export function getSetting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValue<K> {
  const fallback = SETTING_DEFAULTS[key];
  const value = isDestinationSetting(key) ? destinationValue(key) : vscode.workspace.getConfiguration('chorus', scope).get<unknown>(key);
  if (value === undefined) return fallback;
  if (fallback === null) return (typeof value === 'number' ? value : null) as SettingValue<K>;
  return (typeof value === typeof fallback ? value : fallback) as SettingValue<K>;
}

/** A destination setting's value: VS Code's own answer unless a workspace value is not (yet) allowed. */
function destinationValue(key: SettingKey): unknown {
  const override = overrideOf(key);
  const effective = override.state === 'none' || override.state === 'allowed';
  return effective ? vscode.workspace.getConfiguration('chorus').get<unknown>(key) : override.value;
}

export function currentProvider(): ProviderId {
  const value = getSetting('provider');
  return isProviderId(value) ? value : SETTING_DEFAULTS.provider;
}

export function qianfanAuthMode(): QianfanAuthMode {
  return getSetting('qianfan.auth') === 'signature' ? 'signature' : 'accessToken';
}

/** Network settings VS Code keeps for every extension; undici does not see them unless passed in. */
export function proxySettings(): { proxy?: string; strictSSL?: boolean; noProxy?: string[] } {
  const http = vscode.workspace.getConfiguration('http');
  return {
    proxy: http.get<string>('proxy') || undefined,
    strictSSL: http.get<boolean>('proxyStrictSSL', true),
    noProxy: http.get<string[]>('noProxy', []),
  };
}

/** The model setting of a provider ('' for Qianfan v1, which is addressed by its endpoint). */
export function modelSetting(provider: ProviderId): string {
  switch (provider) {
    case 'internlm':
      return getSetting('internlm.model');
    case 'qianfan-v2':
      return getSetting('qianfan-v2.model');
    case 'lanrui':
      return getSetting('lanrui.model');
    case 'openai':
      return getSetting('openai.model');
    case 'qianfan':
      return getSetting('qianfan.endpoint');
  }
}

/** Generation settings for every request; unset ones are left to the provider's defaults. */
export function generationSettings(): Pick<ChatRequest, 'temperature' | 'topP' | 'maxTokens'> {
  const temperature = getSetting('temperature');
  const topP = getSetting('topP');
  const maxTokens = getSetting('maxTokens');
  return { ...(temperature !== null ? { temperature } : {}), ...(topP !== null ? { topP } : {}), ...(maxTokens !== null ? { maxTokens } : {}) };
}
