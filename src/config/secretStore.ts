import * as vscode from 'vscode';
import { allStorageKeys, cleanKey, providerOfKey, secretSlots } from './secretSlots';
import type { StoredQianfanToken } from '../providers';
import { PROVIDER_IDS, type ProviderId, type QianfanAuthMode } from './settings';

const QIANFAN_TOKEN_KEY = 'chorus.qianfan.accessToken.token';

/** A provider's keys, in the order of `secretSlots`. */
export type Credentials = readonly string[];

/**
 * Provider keys in VS Code's SecretStorage, the only place Chorus keeps them. Writes are read back,
 * because on Linux without a keyring VS Code may keep secrets nowhere (or only in memory).
 */
export class SecretStore {
  readonly onDidChange: vscode.Event<ProviderId>;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.onDidChange = (listener, thisArgs, disposables) =>
      secrets.onDidChange(
        (event) => {
          const provider = PROVIDER_IDS.find((id) => allStorageKeys(id).includes(event.key)) ?? providerOfKey(event.key);
          if (provider) listener.call(thisArgs, provider);
        },
        undefined,
        disposables,
      );
  }

  /** All of a provider's keys, or undefined when any is missing. */
  async get(provider: ProviderId, qianfanAuth?: QianfanAuthMode): Promise<Credentials | undefined> {
    const values = await Promise.all(secretSlots(provider, qianfanAuth).map((slot) => this.secrets.get(slot.storageKey)));
    return values.every((v): v is string => typeof v === 'string' && v.length > 0) ? values : undefined;
  }

  async has(provider: ProviderId, qianfanAuth?: QianfanAuthMode): Promise<boolean> {
    return (await this.get(provider, qianfanAuth)) !== undefined;
  }

  /**
   * Stores a provider's keys (all of them, or none: an empty value is refused before anything is
   * written, so the old keys survive). Throws `SecretStorageUnavailable` when they did not stick.
   */
  async set(provider: ProviderId, values: readonly (string | undefined)[], qianfanAuth?: QianfanAuthMode): Promise<void> {
    const slots = secretSlots(provider, qianfanAuth);
    const cleaned = slots.map((_, i) => cleanKey(values[i]));
    const missing = slots.filter((_, i) => cleaned[i] === undefined).map((slot) => slot.label);
    if (missing.length) throw new EmptyKeyError(missing);
    for (const [i, slot] of slots.entries()) await this.secrets.store(slot.storageKey, cleaned[i]!);
    for (const [i, slot] of slots.entries()) {
      if ((await this.secrets.get(slot.storageKey)) !== cleaned[i]) throw new SecretStorageUnavailable();
    }
  }

  /** One secret by its storage key, if stored (to compare before replacing it). */
  async getSlot(storageKey: string): Promise<string | undefined> {
    return (await this.secrets.get(storageKey)) || undefined;
  }

  /** Stores one secret by its storage key (used when moving a key out of settings). */
  async storeSlot(storageKey: string, value: string): Promise<void> {
    const cleaned = cleanKey(value);
    if (cleaned === undefined) throw new EmptyKeyError([storageKey]);
    await this.secrets.store(storageKey, cleaned);
    if ((await this.secrets.get(storageKey)) !== cleaned) throw new SecretStorageUnavailable();
  }

  async clear(provider: ProviderId): Promise<void> {
    for (const key of allStorageKeys(provider)) await this.secrets.delete(key);
    if (provider === 'qianfan') await this.secrets.delete(QIANFAN_TOKEN_KEY);
  }

  /** Qianfan's access token, kept (with its expiry) across restarts so it is not fetched every time. */
  readonly qianfanToken = {
    load: async (): Promise<StoredQianfanToken | undefined> => {
      const raw = await this.secrets.get(QIANFAN_TOKEN_KEY);
      if (!raw) return undefined;
      try {
        const value = JSON.parse(raw) as StoredQianfanToken;
        return typeof value.token === 'string' && typeof value.expiresAt === 'number' && typeof value.keyId === 'string' ? value : undefined;
      } catch {
        return undefined;
      }
    },
    save: (token: StoredQianfanToken): Thenable<void> => this.secrets.store(QIANFAN_TOKEN_KEY, JSON.stringify(token)),
    clear: (): Thenable<void> => this.secrets.delete(QIANFAN_TOKEN_KEY),
  };
}

export class EmptyKeyError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(vscode.l10n.t('The {0} is empty; nothing was changed.', missing.join(' / ')));
  }
}

export class SecretStorageUnavailable extends Error {
  constructor() {
    super(
      vscode.l10n.t(
        'VS Code could not keep the key in its secure storage. On Linux, install and unlock a keyring (for example gnome-keyring or KWallet), or start VS Code with --password-store=gnome-libsecret, then set the key again.',
      ),
    );
  }
}
