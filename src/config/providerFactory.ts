import * as vscode from 'vscode';
import { inertText } from '../ui/inertText';
import { DEFAULT_PRESETS, ProviderRegistry, createQianfanProvider, keyNeededAt, type ChatProvider, type ProviderOptions } from '../providers';
import { currentProvider, getSetting, modelSetting, proxySettings, qianfanAuthMode } from './configuration';
import type { Endpoint } from './endpoints';
import { findEndpoint } from './providerCatalog';
import type { SecretStore } from './secretStore';
import { type BuiltInId, type ProviderId, type SettingKey, isBuiltInId } from './settings';
import { confirmWorkspaceEndpoint, confirmWorkspaceSettings, overrideOf } from './workspaceChoices';

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
  /** The first model a server listed, for a provider with no model set (by id and address). */
  private readonly firstListed = new Map<string, string>();
  /** What `/models` said about images, by model id. */
  private readonly listedVision = new Map<string, boolean>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The provider for a new request, once the user answered about a workspace's choice of provider (asked together with its address). */
  async currentProvider(): Promise<ProviderId> {
    const provider = overrideOf('provider');
    const proposed = provider.state === 'pending' ? provider.proposed : undefined;
    const builtIn = isBuiltInId(proposed) ? proposed : undefined;
    const endpoint = proposed && !builtIn ? findEndpoint(proposed) : undefined;
    await confirmWorkspaceSettings(['provider', ...(builtIn ? destinationOf(builtIn, undefined) : [])], this.log, endpoint ? [endpoint] : []);
    return currentProvider();
  }

  /**
   * A provider ready for a request. A workspace's value of the settings that decide where the request
   * goes is confirmed with the user first. `model` overrides the setting (a conversation continues
   * with the model it was started with).
   */
  async create(id: ProviderId, model?: string): Promise<ConfiguredProvider> {
    if (!isBuiltInId(id)) return this.createEndpoint(id, model);
    await confirmWorkspaceSettings(destinationOf(id, model), this.log);
    const mode = qianfanAuthMode();
    const credentials = await this.secrets.get(id, mode);
    const common = this.common(this.baseUrlOf(id));
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
      model: model || modelSetting(id) || this.firstListed.get(firstListedKey(id, common.baseUrl)),
      requestsPerMinute: id === 'internlm' ? getSetting('internlm.requestsPerMinute') : undefined,
      onModelChosen: (chosen) => this.firstListed.set(firstListedKey(id, common.baseUrl), chosen),
    });
    return { id, provider, keyMissing: credentials === undefined };
  }

  /** One of the user's `chorus.endpoints`: refused with the reason when its entry has a mistake. */
  private async createEndpoint(id: ProviderId, model?: string): Promise<ConfiguredProvider> {
    const endpoint = findEndpoint(id);
    if (!endpoint) {
      throw new Error(vscode.l10n.t('Chorus: no provider or endpoint "{0}" is defined. Add it to chorus.endpoints, or choose another with Chorus: Select Model.', inertText(id.slice(0, 60))));
    }
    if (endpoint.problem) throw new Error(vscode.l10n.t('Chorus: {0}', endpoint.problem));
    if (endpoint.fromWorkspace) await confirmWorkspaceEndpoint(endpoint, this.log);
    const credentials = await this.secrets.get(id);
    const common = this.common(endpoint.baseUrl);
    const cacheKey = firstListedKey(id, endpoint.baseUrl);
    const provider = this.registry.create(
      endpoint.preset.id,
      {
        ...common,
        apiKey: credentials?.[0],
        model: model || endpoint.model || this.firstListed.get(cacheKey),
        requestsPerMinute: endpoint.requestsPerMinute,
        onModelChosen: (chosen) => this.firstListed.set(cacheKey, chosen),
      },
      { id, name: endpoint.name, acceptsImages: (m) => this.acceptsImages(id, m) },
    );
    return { id, provider, keyMissing: credentials === undefined };
  }

  private common(baseUrl: string): ProviderOptions & { readonly baseUrl: string } {
    const connectMs = getSetting('request.connectTimeoutSeconds') * 1000;
    return {
      baseUrl,
      timeouts: { connectMs, headersMs: connectMs, idleMs: getSetting('request.idleTimeoutSeconds') * 1000 },
      proxy: proxySettings(),
      logger: this.log,
      maxAnswerChars: getSetting('maxAnswerCharacters'),
    };
  }

  /** A provider's models from its server (or its preset's list), remembering what they say about images. */
  async listModels(id: ProviderId, signal: AbortSignal): Promise<ReturnType<ChatProvider['listModels']>> {
    const { provider } = await this.create(id);
    try {
      const models = await provider.listModels({ signal });
      for (const m of models) if (m.vision !== undefined) this.listedVision.set(m.id, m.vision);
      return models;
    } finally {
      void provider.dispose();
    }
  }

  /** The model a request will use: the setting, the preset's default, else the first one the server listed. */
  effectiveModel(id: ProviderId): { readonly model: string; readonly firstListed: boolean } {
    const set = modelSetting(id) || this.presetOf(id)?.defaultModel;
    if (set) return { model: set, firstListed: false };
    const first = this.firstListed.get(firstListedKey(id, this.baseUrlOf(id)));
    return { model: first ?? '', firstListed: true };
  }

  /** Whether the provider's model takes image parts: the endpoint's `vision`, else what `/models` said, else the preset. */
  acceptsImages(id: ProviderId, model: string): boolean {
    const endpoint = findEndpoint(id);
    if (endpoint?.vision !== undefined) return endpoint.vision;
    return this.listedVision.get(model) ?? this.presetOf(id)?.acceptsImages?.(model) ?? (endpoint !== undefined && model !== '');
  }

  /** Whether requests need a key at the configured base URL (not a local OpenAI-compatible server, nor a private InternLM). */
  keyNeeded(id: ProviderId): boolean {
    const preset = this.presetOf(id);
    return !!preset && keyNeededAt(preset, this.baseUrlOf(id));
  }

  /** Whether a request can go out: the provider needs no key here, or has all of its keys. */
  async hasUsableKey(id: ProviderId): Promise<boolean> {
    return !this.keyNeeded(id) || (await this.secrets.has(id, qianfanAuthMode()));
  }

  /**
   * Whether asking the provider's server for its models needs no question first: not a workspace's
   * endpoint, nor a workspace's base URL the user has not answered about.
   */
  canListQuietly(id: ProviderId): boolean {
    const endpoint = findEndpoint(id);
    if (endpoint) return !endpoint.fromWorkspace && !endpoint.problem;
    return isBuiltInId(id) && destinationOf(id, undefined).every((key) => overrideOf(key).state !== 'pending');
  }

  /** Where requests to a provider go: an endpoint's address, a built-in's base URL setting ('' for neither). */
  private baseUrlOf(id: ProviderId): string {
    return findEndpoint(id)?.baseUrl ?? (isBuiltInId(id) ? (getSetting(`${id}.baseUrl` as SettingKey) as string) : '');
  }

  /** The preset a provider follows (an endpoint's, or the built-in's). */
  presetOf(id: ProviderId): Endpoint['preset'] | undefined {
    return findEndpoint(id)?.preset ?? (isBuiltInId(id) ? this.registry.get(id) : undefined);
  }
}

/** What the first listed model is remembered under: the provider and the address it came from. */
function firstListedKey(id: ProviderId, baseUrl: string): string {
  return `${id} ${baseUrl}`;
}

/** The settings that say where a request to built-in `id` goes. */
function destinationOf(id: BuiltInId, model: string | undefined): SettingKey[] {
  return [`${id}.baseUrl` as SettingKey, ...(id === 'qianfan' && !model ? (['qianfan.endpoint'] as SettingKey[]) : [])];
}
