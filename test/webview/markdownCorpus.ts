// Markdown a model might send, generated deterministically: for the streaming tests and the
// benchmark. Plain Node code (no DOM).
import type { Conversation, Turn } from '../../src/shared/conversation';

/** A small seeded generator (mulberry32): the same seed gives the same answer on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

const words = [
  'the', 'request', 'handler', 'returns', 'a', 'stream', 'of', 'tokens', 'and', 'each', 'chunk', 'is',
  'parsed', 'before', 'rendering', 'provider', 'model', 'cache', 'value', 'error', 'retry', 'when',
  'timeout', 'function', 'module', 'index', 'build', 'test', 'context', 'window', 'buffer', 'state',
  '模型', '请求', '返回', '缓存', '错误', '重试', '流式', '输出', 'with', 'for', 'into', 'from',
];

function sentence(random: () => number): string {
  const count = 6 + Math.floor(random() * 14);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = pick(random, words);
    const roll = random();
    if (roll < 0.05) parts.push(`\`${word}()\``);
    else if (roll < 0.08) parts.push(`**${word}**`);
    else if (roll < 0.1) parts.push(`*${word}*`);
    else if (roll < 0.115) parts.push(`[${word}](https://example.com/docs/${word}?ref=${i})`);
    else parts.push(word);
  }
  const text = parts.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: () => number): string {
  const count = 2 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => sentence(random)).join(' ');
}

function list(random: () => number): string {
  const ordered = random() < 0.4;
  const task = !ordered && random() < 0.2;
  const items = 3 + Math.floor(random() * 5);
  const lines: string[] = [];
  for (let i = 0; i < items; i++) {
    const marker = ordered ? `${i + 1}.` : '-';
    const box = task ? (random() < 0.5 ? '[x] ' : '[ ] ') : '';
    lines.push(`${marker} ${box}${sentence(random)}`);
    if (random() < 0.2) lines.push(`${' '.repeat(marker.length + 1)}- ${sentence(random)}`);
  }
  return lines.join('\n');
}

function table(random: () => number): string {
  const rows = 3 + Math.floor(random() * 4);
  const lines = ['| Option | Default | Meaning |', '|:-------|:-------:|--------:|'];
  for (let i = 0; i < rows; i++) lines.push(`| \`${pick(random, words)}${i}\` | ${Math.floor(random() * 100)} | ${sentence(random)} |`);
  return lines.join('\n');
}

const codeTemplates: Readonly<Record<string, (n: number) => string>> = {
  ts: (n) => `export async function fetchPage${n}(url: string, retries = 3): Promise<Response> {
  for (let attempt = 0; attempt <= retries; attempt++) {
    const response = await fetch(url, { headers: { 'x-attempt': String(attempt) } });
    if (response.status < 500 && response.status !== 429) return response;
    await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100)); // back off
  }
  throw new Error(\`gave up on \${url} after \${retries} retries\`);
}
`,
  python: (n) => `def summarize_${n}(rows: list[dict], key: str = "value") -> dict:
    """Totals and averages for one column."""
    total = sum(row.get(key, 0) for row in rows)
    count = len(rows) or 1
    if total < 0 and count > 10:
        raise ValueError(f"negative total {total} for {key!r}")
    return {"total": total, "mean": total / count, "n": count}
`,
  go: (n) => `func Worker${n}(ctx context.Context, jobs <-chan Job, out chan<- Result) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case job, ok := <-jobs:
			if !ok {
				return nil
			}
			out <- Result{ID: job.ID, Value: job.Value * 2}
		}
	}
}
`,
  rust: (n) => `pub fn parse_line_${n}(line: &str) -> Result<(String, i64), ParseError> {
    let (key, value) = line.split_once('=').ok_or(ParseError::MissingEquals)?;
    let value: i64 = value.trim().parse().map_err(|_| ParseError::NotANumber)?;
    Ok((key.trim().to_owned(), value))
}
`,
  java: (n) => `public final class Cache${n}<K, V> {
    private final Map<K, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    public synchronized V get(K key, Function<K, V> load) {
        return entries.computeIfAbsent(key, load);
    }
}
`,
  json: (n) => `{
  "name": "chorus-${n}",
  "version": "1.${n}.0",
  "contributes": { "commands": [{ "command": "chorus.run", "title": "Run <all> & more" }] },
  "enabled": true,
  "limits": [1, 2, 3, null]
}
`,
  bash: (n) => `#!/usr/bin/env bash
set -euo pipefail
for file in src/*.ts; do
  if grep -q "TODO-${n}" "$file"; then
    echo "found in $file" >&2
  fi
done
`,
  sql: (n) => `SELECT u.id, u.name, COUNT(o.id) AS orders_${n}
FROM users u
LEFT JOIN orders o ON o.user_id = u.id AND o.created_at > NOW() - INTERVAL '30 days'
WHERE u.active = TRUE
GROUP BY u.id, u.name
HAVING COUNT(o.id) > ${n}
ORDER BY orders_${n} DESC;
`,
  yaml: (n) => `jobs:
  build-${n}:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test
        env:
          CI: "true"
`,
  cpp: (n) => `template <typename T>
T clamp${n}(T value, T low, T high) {
    if (value < low) return low;   // below the range
    if (high < value) return high; // above it
    return value;
}
`,
  diff: (n) => `--- a/src/config.ts
+++ b/src/config.ts
@@ -${n},4 +${n},5 @@
 export const defaults = {
-  timeout: 30_000,
+  timeout: 60_000,
+  retries: 2,
   model: 'internlm',
 };
`,
  csharp: (n) => `public static async Task<int> CountLines${n}Async(string path, CancellationToken token)
{
    var count = 0;
    using var reader = new StreamReader(path);
    while (await reader.ReadLineAsync(token) is not null) count++;
    return count;
}
`,
};

const languages = Object.keys(codeTemplates);

function codeBlock(random: () => number, index: number, lines: number): string {
  const language = languages[index % languages.length];
  const template = codeTemplates[language];
  let body = '';
  for (let n = 0; body.split('\n').length < lines; n++) body += `${template(index * 100 + n)}\n`;
  const fence = random() < 0.15 ? '~~~' : '```';
  return `${fence}${language}\n${body.trimEnd()}\n${fence}`;
}

export interface AnswerOptions {
  /** Approximate size in characters. */
  readonly size: number;
  readonly codeBlocks: number;
  readonly seed: number;
  /** Lines per code block (default: whatever makes code about half of the answer). */
  readonly codeLines?: number;
}

/** A long answer: headings, prose, lists, tables, quotes and code blocks in several languages. */
export function generateAnswer(options: AnswerOptions): string {
  const random = seededRandom(options.seed);
  const codeLines = options.codeLines ?? Math.max(8, Math.round(options.size / 2 / Math.max(1, options.codeBlocks) / 40));
  const blocks: string[] = [];
  let size = 0;
  let code = 0;
  let section = 0;
  const codeEvery = options.size / (options.codeBlocks + 1);
  while (size < options.size || code < options.codeBlocks) {
    let block: string;
    if (code < options.codeBlocks && size >= codeEvery * (code + 1)) {
      block = codeBlock(random, code++, codeLines);
    } else {
      const roll = random();
      if (roll < 0.1) block = `${'#'.repeat(2 + Math.floor(random() * 2))} ${++section}. ${sentence(random).slice(0, -1)}`;
      else if (roll < 0.3) block = list(random);
      else if (roll < 0.36) block = table(random);
      else if (roll < 0.42) block = `> ${paragraph(random)}`;
      else if (roll < 0.44) block = '---';
      else block = paragraph(random);
    }
    blocks.push(block);
    size += block.length + 2;
  }
  return `${blocks.join('\n\n')}\n`;
}

/**
 * Offsets that cut `length` characters into `count` pieces of random size (1 to about twice the
 * average), as a provider's stream would arrive.
 */
export function randomCuts(length: number, count: number, seed: number): number[] {
  const random = seededRandom(seed);
  const weights = Array.from({ length: count }, () => 0.05 + random());
  const total = weights.reduce((sum, w) => sum + w, 0);
  const cuts: number[] = [];
  let at = 0;
  for (let i = 0; i < count - 1; i++) {
    at += Math.max(1, Math.round((weights[i] / total) * length));
    if (at >= length) break;
    cuts.push(at);
  }
  return cuts;
}

/** Offsets that cut `length` characters into pieces of 1 to `max` characters. */
export function smallCuts(length: number, max: number, seed: number): number[] {
  const random = seededRandom(seed);
  const cuts: number[] = [];
  for (let at = 1 + Math.floor(random() * max); at < length; at += 1 + Math.floor(random() * max)) cuts.push(at);
  return cuts;
}

/** Messages of a long conversation: short prompts and answers of varied size. */
export function generateConversation(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const messages: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      messages.push(sentence(random));
    } else {
      const roll = random();
      const size = roll < 0.5 ? 300 : roll < 0.85 ? 1200 : 3000;
      messages.push(generateAnswer({ size, codeBlocks: roll < 0.4 ? 0 : 1, seed: seed + i, codeLines: 12 }));
    }
  }
  return messages;
}

/** `messages` as a stored conversation: prompts and finished answers taking turns. */
export function storedConversation(messages: readonly string[]): Conversation {
  const turns = messages.map((text, i): Turn =>
    i % 2 === 0
      ? { id: `t${i}`, role: 'user', text, createdAt: i }
      : { id: `t${i}`, role: 'assistant', text, status: 'done', createdAt: i, provider: 'openai', model: 'm' },
  );
  return { id: 'stored', title: 'Stored', createdAt: 0, updatedAt: messages.length, provider: 'openai', model: 'm', turns };
}
