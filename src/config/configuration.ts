import * as vscode from 'vscode';
import { isDestinationSetting, overrideOf } from './workspaceChoices';
import type { ChatRequest } from '../providers';
import { findEndpoint, isKnownProvider } from './providerCatalog';
import { SETTING_DEFAULTS, type ProviderId, type QianfanAuthMode, type SettingKey, type SettingValue } from './settings';

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

/**
 * The active provider. An id that names nothing known is kept as it is (not silently replaced), so
 * the request says that no such endpoint is defined.
 */
export function currentProvider(): ProviderId {
  const value = getSetting('provider').trim();
  return isKnownProvider(value) || /^[a-z0-9-]+$/.test(value) ? value : SETTING_DEFAULTS.provider;
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

/** The model setting of a provider (Qianfan v1's endpoint; an endpoint's `model`); '' when unset. */
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
    default:
      return findEndpoint(provider)?.model ?? '';
  }
}

/**
 * Generation settings for a request to `provider`: an endpoint's own temperature, top_p and max
 * tokens override the global ones; its thinking switch is sent when on or off. Unset ones are left
 * to the provider's defaults.
 */
export function generationSettings(provider?: ProviderId): Pick<ChatRequest, 'temperature' | 'topP' | 'maxTokens' | 'thinking'> {
  const endpoint = provider === undefined ? undefined : findEndpoint(provider);
  const temperature = endpoint?.temperature ?? getSetting('temperature');
  const topP = endpoint?.topP ?? getSetting('topP');
  const maxTokens = endpoint?.maxTokens ?? getSetting('maxTokens');
  const thinking = endpoint && endpoint.thinking !== 'auto' ? endpoint.thinking : undefined;
  return {
    ...(temperature !== null ? { temperature } : {}),
    ...(topP !== null ? { topP } : {}),
    ...(maxTokens !== null ? { maxTokens } : {}),
    ...(thinking ? { thinking } : {}),
  };
}
