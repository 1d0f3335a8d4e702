// Every Chorus setting with its type and default, in one place. package.json's
// `contributes.configuration` must say the same (a unit test checks it). No `vscode` import here.

import { DEFAULT_MAX_ANSWER_CHARS, DEFAULT_PRESETS } from '../providers';

/** The built-in providers (each has its own settings); a test checks them against the presets. */
export const PROVIDER_IDS = ['internlm', 'qianfan', 'qianfan-v2', 'lanrui', 'openai'] as const;
export type BuiltInId = (typeof PROVIDER_IDS)[number];
/** A built-in provider's id, or the id of one of the user's `chorus.endpoints`. */
export type ProviderId = string;

export const QIANFAN_AUTH_MODES = ['accessToken', 'signature'] as const;
export type QianfanAuthMode = (typeof QIANFAN_AUTH_MODES)[number];

export const RESPONSE_LANGUAGES = ['auto', 'zh-cn', 'en'] as const;
export type ResponseLanguage = (typeof RESPONSE_LANGUAGES)[number];

export const COMMIT_MESSAGE_STYLES = ['conventional', 'plain'] as const;
export type CommitMessageStyle = (typeof COMMIT_MESSAGE_STYLES)[number];

/** Setting keys below `chorus.` and their defaults. `null` means "the provider's own default". */
export const SETTING_DEFAULTS = {
  provider: 'internlm' as ProviderId,
  endpoints: [] as unknown[],
  'internlm.baseUrl': 'https://chat.intern-ai.org.cn/api/v1',
  'internlm.model': 'internlm3-latest',
  'internlm.requestsPerMinute': 10,
  'qianfan.baseUrl': 'https://aip.baidubce.com',
  'qianfan.endpoint': 'chatglm3_6b',
  'qianfan.auth': 'accessToken' as QianfanAuthMode,
  'qianfan.maxInputChars': 4800,
  'qianfan-v2.baseUrl': 'https://qianfan.baidubce.com/v2',
  'qianfan-v2.model': 'ernie-4.0-turbo-8k',
  'lanrui.baseUrl': 'https://api.lanrui.co/v1',
  'lanrui.model': '',
  'openai.baseUrl': 'http://127.0.0.1:23333/v1',
  'openai.model': '',
  temperature: null as number | null,
  topP: null as number | null,
  maxTokens: null as number | null,
  'request.connectTimeoutSeconds': 30,
  'request.idleTimeoutSeconds': 60,
  maxAnswerCharacters: DEFAULT_MAX_ANSWER_CHARS,
  responseLanguage: 'auto' as ResponseLanguage,
  promptFolders: [] as string[],
  instructions: '',
  useWorkspaceInstructions: true,
  'commitMessage.style': 'conventional' as CommitMessageStyle,
  'languageModels.enabled': true,
};

export type SettingKey = keyof typeof SETTING_DEFAULTS;
export type SettingValue<K extends SettingKey> = (typeof SETTING_DEFAULTS)[K];

/** Settings that decide where a key is sent (machine-overridable, so a remote window keeps its own). */
export const KEY_DESTINATION_SETTINGS: readonly SettingKey[] = PROVIDER_IDS.map((id) => `${id}.baseUrl` as SettingKey);

/**
 * Settings that decide where prompts, selections and attached files go: a value from a workspace's
 * settings is used only in a trusted workspace and after the user said yes to it.
 */
export const DESTINATION_SETTINGS: readonly SettingKey[] = ['provider', ...KEY_DESTINATION_SETTINGS, 'qianfan.endpoint'];

export function isBuiltInId(value: unknown): value is BuiltInId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

/** How the built-in providers are named in pickers and messages: their presets' labels. */
export const PROVIDER_NAMES = Object.fromEntries(
  PROVIDER_IDS.map((id) => {
    const preset = DEFAULT_PRESETS.find((p) => p.id === id)!;
    return [id, preset.label ?? preset.name];
  }),
) as Readonly<Record<BuiltInId, string>>;
