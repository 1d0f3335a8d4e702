// Conversations on disk, one JSON file each in the extension's global storage. Writes are atomic
// (temporary file, fsync, rename) and one at a time per conversation, so an interrupted write leaves
// the old or the new file, never half of one, and overlapping saves leave the last one. A file that cannot be read is set aside (renamed *.corrupt) with a warning, never a
// crash. No `vscode` import: the host passes the folder and a warning callback.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { type Conversation, type ConversationSummary, summarize } from '../shared/conversation';

const SUFFIX = '.json';
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export class HistoryStore {
  /** Summaries cached after the first listing, kept in step by save and delete. */
  private summaries: Map<string, ConversationSummary> | undefined;
  /** The save under way (or last queued) for each conversation. */
  private readonly saving = new Map<string, Promise<void>>();

  constructor(
    private readonly dir: string,
    private readonly warn: (message: string) => void,
  ) {}

  static newId(): string {
    return randomUUID();
  }

  /** Newest first. */
  async list(): Promise<ConversationSummary[]> {
    if (!this.summaries) {
      this.summaries = new Map();
      for (const conversation of await this.readAll()) this.summaries.set(conversation.id, summarize(conversation));
    }
    return [...this.summaries.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async load(id: string): Promise<Conversation | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    return this.readFile(this.file(id));
  }

  async save(conversation: Conversation): Promise<void> {
    if (!ID_PATTERN.test(conversation.id)) throw new Error(`invalid conversation id ${conversation.id}`);
    // Saves of one conversation run one after another, so an older one never lands last.
    const previous = this.saving.get(conversation.id) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.write(conversation));
    this.saving.set(conversation.id, current);
    try {
      await current;
    } finally {
      if (this.saving.get(conversation.id) === current) this.saving.delete(conversation.id);
    }
  }

  private async write(conversation: Conversation): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const target = this.file(conversation.id);
    // A name no other write shares (two in the same millisecond would otherwise write one file).
    const temp = `${target}.${process.pid}.${randomUUID()}.tmp`;
    const handle = await fs.open(temp, 'w');
    try {
      try {
        await handle.writeFile(JSON.stringify(conversation));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
    } catch (error) {
      // A failed write (a full disk) leaves the old file and no half-written one beside it.
      await fs.rm(temp, { force: true });
      throw error;
    }
    this.summaries?.set(conversation.id, summarize(conversation));
  }

  async delete(id: string): Promise<void> {
    if (!ID_PATTERN.test(id)) return;
    // After any save under way, which would otherwise bring the file back.
    await this.saving.get(id)?.catch(() => undefined);
    await fs.rm(this.file(id), { force: true });
    this.summaries?.delete(id);
  }

  /** Conversations whose title or text contains every word of `query` (case-insensitive), newest first. */
  async search(query: string): Promise<ConversationSummary[]> {
    const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return this.list();
    const matches = (await this.readAll()).filter((c) => {
      const haystack = [c.title, ...c.turns.map((t) => t.text)].join('\n').toLocaleLowerCase();
      return words.every((w) => haystack.includes(w));
    });
    return matches.map(summarize).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  private file(id: string): string {
    return path.join(this.dir, `${id}${SUFFIX}`);
  }

  private async readAll(): Promise<Conversation[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return [];
    }
    const loaded = await Promise.all(names.filter((n) => n.endsWith(SUFFIX)).map((n) => this.readFile(path.join(this.dir, n))));
    return loaded.filter((c): c is Conversation => c !== undefined);
  }

  private async readFile(file: string): Promise<Conversation | undefined> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return undefined; // Absent: nothing to set aside.
    }
    try {
      const value = JSON.parse(text) as unknown;
      if (isConversation(value) && `${value.id}${SUFFIX}` === path.basename(file)) return value;
      throw new Error('not a conversation');
    } catch {
      const aside = `${file}.${randomUUID().slice(0, 8)}.corrupt`;
      await fs.rename(file, aside).catch(() => undefined);
      this.warn(`A history file could not be read and was set aside as ${path.basename(aside)}.`);
      return undefined;
    }
  }
}

function isConversation(value: unknown): value is Conversation {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    typeof c.title === 'string' &&
    typeof c.createdAt === 'number' &&
    typeof c.updatedAt === 'number' &&
    typeof c.provider === 'string' &&
    typeof c.model === 'string' &&
    Array.isArray(c.turns) &&
    c.turns.every(isTurn)
  );
}

function isTurn(t: unknown): boolean {
  if (typeof t !== 'object' || t === null) return false;
  const turn = t as { id?: unknown; text?: unknown; role?: unknown; reasoning?: unknown };
  return typeof turn.id === 'string' && typeof turn.text === 'string' && (turn.role === 'user' || turn.role === 'assistant') && (turn.reasoning === undefined || typeof turn.reasoning === 'string');
}

