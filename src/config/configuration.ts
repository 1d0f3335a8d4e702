import * as vscode from 'vscode';
import { SETTING_DEFAULTS, type ProviderId, type QianfanAuthMode, type SettingKey, type SettingValue, isProviderId } from './settings';

/** Reads a Chorus setting, typed, falling back to the default when the stored value has the wrong type. */
export function getSetting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValue<K> {
  const fallback = SETTING_DEFAULTS[key];
  const value = vscode.workspace.getConfiguration('chorus', scope).get<unknown>(key);
  if (value === undefined) return fallback;
  if (fallback === null) return (typeof value === 'number' ? value : null) as SettingValue<K>;
  return (typeof value === typeof fallback ? value : fallback) as SettingValue<K>;
}

export function currentProvider(): ProviderId {
  const value = getSetting('provider');
  return isProviderId(value) ? value : SETTING_DEFAULTS.provider;
}

export function qianfanAuthMode(): QianfanAuthMode {
  return getSetting('qianfan.auth') === 'signature' ? 'signature' : 'accessToken';
}
