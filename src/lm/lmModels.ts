import * as vscode from 'vscode';
import { answerTokens, contextTokens } from '../config/inputBudget';
import type { ProviderFactory } from '../config/providerFactory';
import { providerIds, providerName } from '../config/providerCatalog';
import type { ProviderId } from '../config/settings';
import { lmModelId } from './lmModelId';
import type { LmModelInfo } from './newerApi';

// The models Chorus offers VS Code: for each provider and endpoint that has its key (or needs none),
// its configured model and what its server lists. Lists are fetched in the background and kept a
// while, so answering VS Code never waits on a slow or unreachable server.

const LIST_TTL_MS = 10 * 60_000;
const LIST_TIMEOUT_MS = 10_000;

export class LmModels implements vscode.Disposable {
  private readonly listed = new Map<ProviderId, { readonly at: number; readonly models: readonly string[] }>();
  private readonly listing = new Set<ProviderId>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly factory: ProviderFactory,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Forgets the lists and tells VS Code to ask again (keys or settings changed). */
  refresh(): void {
    this.listed.clear();
    this.changed.fire();
  }

  async models(): Promise<LmModelInfo[]> {
    const out: LmModelInfo[] = [];
    for (const id of providerIds()) {
      if (!(await this.factory.hasUsableKey(id))) continue;
      const configured = this.factory.effectiveModel(id).model;
      const listed = this.listedModels(id);
      for (const model of new Set([configured, ...listed].filter(Boolean))) out.push(this.info(id, model));
    }
    return out;
  }

  private listedModels(id: ProviderId): readonly string[] {
    const cached = this.listed.get(id);
    if ((!cached || Date.now() - cached.at > LIST_TTL_MS) && this.factory.canListQuietly(id)) void this.list(id);
    return cached?.models ?? [];
  }

  private async list(id: ProviderId): Promise<void> {
    if (this.listing.has(id)) return;
    this.listing.add(id);
    try {
      const models = (await this.factory.listModels(id, AbortSignal.timeout(LIST_TIMEOUT_MS))).map((m) => m.id);
      const before = this.listed.get(id)?.models ?? [];
      this.listed.set(id, { at: Date.now(), models });
      if (models.join('\n') !== before.join('\n')) this.changed.fire();
    } catch (error) {
      // Kept empty for a while: an unreachable server is not asked on every look at the model list.
      this.listed.set(id, { at: Date.now(), models: [] });
      this.log.debug(`Language models: listing ${id} failed (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      this.listing.delete(id);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }

  private info(id: ProviderId, model: string): LmModelInfo {
    const preset = this.factory.presetOf(id);
    const name = providerName(id);
    return {
      id: lmModelId(id, model),
      name: model,
      family: model,
      version: id,
      detail: name,
      tooltip: `${name} · ${model}`,
      maxInputTokens: contextTokens(id, preset),
      maxOutputTokens: answerTokens(id),
      capabilities: { toolCalling: preset?.params.includes('tools') ?? false, imageInput: this.factory.acceptsImages(id, model) },
    };
  }
}
