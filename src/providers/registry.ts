// The built-in presets and a registry the host keeps for the extension's lifetime. It hands out
// providers for settings as they change while keeping one rate limiter per provider endpoint, so
// recreating a provider (new key, new model) does not reset the requests-per-minute window.

import { systemClock, type Clock } from './clock';
import type { ProviderPreset } from './preset';
import { internlmPreset } from './presets/internlm';
import { lanruiPreset } from './presets/lanrui';
import { openaiPreset } from './presets/openai';
import { qianfanPreset } from './presets/qianfan';
import { qianfanV2Preset } from './presets/qianfanV2';
import { ENDPOINT_PRESETS } from './presets/endpointPresets';
import { createProvider, type ChatProvider, type ProviderOptions } from './provider';
import { RateLimiter } from './rateLimiter';

export const BUILT_IN_PRESETS: readonly ProviderPreset[] = [internlmPreset, lanruiPreset, qianfanV2Preset, openaiPreset];
/** The registry's default: the OpenAI-compatible presets plus Qianfan wenxinworkshop (calls via createQianfanProvider). */
export const DEFAULT_PRESETS: readonly ProviderPreset[] = [...BUILT_IN_PRESETS, qianfanPreset, ...ENDPOINT_PRESETS];
export { ENDPOINT_PRESETS };

export class ProviderRegistry {
  private readonly presetsById = new Map<string, ProviderPreset>();
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(presets: readonly ProviderPreset[] = DEFAULT_PRESETS) {
    for (const p of presets) this.register(p);
  }

  /** Adds or replaces a preset (e.g. a Qianfan v1 protocol preset built later). */
  register(preset: ProviderPreset): void {
    this.presetsById.set(preset.id, preset);
  }

  presets(): readonly ProviderPreset[] {
    return [...this.presetsById.values()];
  }

  get(id: string): ProviderPreset | undefined {
    return this.presetsById.get(id);
  }

  /**
   * A provider for preset `id` with the caller's settings; throws for an unknown id (a programming
   * error). `as` renames it (a user's endpoint: its own id and name in messages, its own rate limit).
   */
  create(id: string, options: ProviderOptions = {}, as?: Pick<ProviderPreset, 'id' | 'name' | 'acceptsImages'>): ChatProvider {
    const found = this.presetsById.get(id);
    if (!found) throw new Error(`Unknown provider "${id}"`);
    const preset = as ? { ...found, ...as } : found;
    const rpm = options.requestsPerMinute ?? preset.requestsPerMinute ?? 0;
    const rateLimiter = options.rateLimiter ?? (rpm > 0 ? this.limiter(preset, options.baseUrl, rpm, options.clock) : undefined);
    return createProvider(preset, { ...options, rateLimiter });
  }

  private limiter(preset: ProviderPreset, baseUrl: string | undefined, rpm: number, clock: Clock = systemClock): RateLimiter {
    const key = `${preset.id} ${(baseUrl || preset.baseUrl).replace(/\/+$/, '')}`;
    const existing = this.limiters.get(key);
    if (existing && existing.requestsPerMinute === rpm) return existing;
    const limiter = new RateLimiter(rpm, clock);
    this.limiters.set(key, limiter);
    return limiter;
  }
}
