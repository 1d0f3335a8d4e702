import * as vscode from 'vscode';
import { DEFAULT_PRESETS, ProviderRegistry, createQianfanProvider, keyNeededAt, type ChatProvider } from '../providers';
import { currentProvider, getSetting, modelSetting, proxySettings, qianfanAuthMode } from './configuration';
import type { SecretStore } from './secretStore';
import { PROVIDER_NAMES, type ProviderId, type SettingKey, isProviderId } from './settings';
import { confirmWorkspaceSettings, overrideOf } from './workspaceChoices';

export interface ConfiguredProvider {
  readonly id: ProviderId;
  readonly provider: ChatProvider;
  /** No key is stored for it (some endpoints, such as a local LMDeploy, need none). */
  readonly keyMissing: boolean;
}

/**
 * Turns the current settings and stored keys into a provider from the shared module. One registry
 * lives as long as the extension, so the client-side rate limit survives changing a model or key.
 */
export class ProviderFactory {
  private readonly registry = new ProviderRegistry(DEFAULT_PRESETS);

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The provider for a new request, once the user answered about a workspace's choice of provider (asked together with its address). */
  async currentProvider(): Promise<ProviderId> {
    const provider = overrideOf('provider');
    const proposed = provider.state === 'pending' && isProviderId(provider.proposed) ? provider.proposed : undefined;
    await confirmWorkspaceSettings(['provider', ...(proposed ? destinationOf(proposed, undefined) : [])], this.log);
    return currentProvider();
  }

  /**
   * A provider ready for a request. A workspace's value of the settings that decide where the request
   * goes is confirmed with the user first. `model` overrides the setting (a conversation continues
   * with the model it was started with).
   */
  async create(id: ProviderId, model?: string): Promise<ConfiguredProvider> {
    await confirmWorkspaceSettings(destinationOf(id, model), this.log);
    if (!this.registry.get(id)) {
      throw new Error(vscode.l10n.t('Chorus: {0} is not available in this version yet.', PROVIDER_NAMES[id]));
    }
    const mode = qianfanAuthMode();
    const credentials = await this.secrets.get(id, mode);
    const baseUrl = getSetting(`${id}.baseUrl`);
    const connectMs = getSetting('request.connectTimeoutSeconds') * 1000;
    const common = {
      baseUrl,
      timeouts: { connectMs, headersMs: connectMs, idleMs: getSetting('request.idleTimeoutSeconds') * 1000 },
      proxy: proxySettings(),
      logger: this.log,
      maxAnswerChars: getSetting('maxAnswerCharacters'),
    };
    if (id === 'qianfan') {
      const [first, secret] = credentials ?? [];
      const token = this.secrets.qianfanToken;
      const provider = createQianfanProvider({
        ...common,
        endpoint: model || getSetting('qianfan.endpoint'),
        maxInputChars: getSetting('qianfan.maxInputChars'),
        auth:
          mode === 'signature'
            ? { mode: 'signature', accessKey: first, secretKey: secret }
            : { mode: 'accessToken', apiKey: first, secretKey: secret, loadToken: token.load, saveToken: async (t) => token.save(t), clearToken: async () => token.clear() },
      });
      return { id, provider, keyMissing: credentials === undefined };
    }
    const provider = this.registry.create(id, {
      ...common,
      apiKey: credentials?.[0],
      model: model || modelSetting(id) || undefined,
      requestsPerMinute: id === 'internlm' ? getSetting('internlm.requestsPerMinute') : undefined,
    });
    return { id, provider, keyMissing: credentials === undefined };
  }

  /** Whether the provider's model takes image parts (InternVL). */
  acceptsImages(id: ProviderId, model: string): boolean {
    return this.registry.get(id)?.acceptsImages?.(model) ?? false;
  }

  /** Whether requests need a key at the configured base URL (not a local OpenAI-compatible server, nor a private InternLM). */
  keyNeeded(id: ProviderId): boolean {
    const preset = this.registry.get(id);
    return !!preset && keyNeededAt(preset, getSetting(`${id}.baseUrl`));
  }
}

/** The settings that say where a request to `id` goes. */
function destinationOf(id: ProviderId, model: string | undefined): SettingKey[] {
  return [`${id}.baseUrl` as SettingKey, ...(id === 'qianfan' && !model ? (['qianfan.endpoint'] as SettingKey[]) : [])];
}
