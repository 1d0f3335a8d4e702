// Fuzzed webview → host messages: every message type Chorus knows, broken in every way the host
// must notice (missing, mistyped, oversized, extra and unknown fields, bad ids and enums, hostile
// attachments), plus unknown types and values that are not objects at all. Deterministic for a seed.
import { LIMITS } from '../../src/shared/webviewProtocol';
import type { Random } from './random';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Message = { [key: string]: Json };

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** One valid message of each type: the shapes the fuzzer breaks. */
export const VALID_MESSAGES: readonly Message[] = [
  { type: 'ready' },
  { type: 'send', text: 'hello', attachments: [{ kind: 'code', path: 'a.ts', languageId: 'typescript', startLine: 1, endLine: 1, text: 'x' }] },
  { type: 'stop', turnId: 'abc' },
  { type: 'regenerate', turnId: 'abc' },
  { type: 'retry', turnId: 'abc' },
  { type: 'edit', turnId: 'abc', text: 'hello' },
  { type: 'copy', text: 'hello' },
  { type: 'codeAction', action: 'newFile', code: 'x', language: 'js' },
  { type: 'openLink', url: 'https://example.com/' },
  { type: 'draft', text: 'hello', revision: 3 },
  { type: 'newChat' },
  { type: 'listHistory', query: 'x' },
  { type: 'openConversation', id: 'abc' },
  { type: 'deleteConversation', id: 'abc' },
  { type: 'exportConversation', id: 'abc' },
  { type: 'selectModel' },
  { type: 'setApiKey' },
  { type: 'attach', what: 'selection' },
  { type: 'imagePasted', name: 'a.png', dataUrl: PNG },
];

const LIMIT_OF: Readonly<Record<string, number>> = {
  text: LIMITS.text,
  turnId: LIMITS.id,
  id: LIMITS.id,
  url: LIMITS.url,
  code: LIMITS.code,
  language: LIMITS.language,
  name: LIMITS.name,
  dataUrl: LIMITS.imageDataUrl,
  query: LIMITS.query,
};

const WRONG_VALUES: readonly Json[] = [null, 0, -1, 1.5, true, '', [], {}, ['x'], { toString: 'x' }];
const UNKNOWN_TYPES: readonly Json[] = [
  'runCommand', 'executeCommand', 'eval', 'writeFile', 'openFile', 'terminal', 'setState', 'getState', 'apiKey', 'getApiKey',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'READY', 'Send', ' send', 'send ', 'send\u0000', 'ready\n', 'sеnd',
  '', 'x'.repeat(10_000), null, 0, 1, true, [], ['send'], { type: 'send' },
];
const BAD_IDS = ['../../etc/passwd', '..', 'a/b', 'a\\b', 'a.json', 'x'.repeat(LIMITS.id + 1), 'id with space', '%2e%2e', 'abc\u0000', '😀', 'a\nb', 'C:'];

function oversized(limit: number, random: Random): string {
  // Just over the limit, or far over it (up to 1 MB beyond).
  return 'x'.repeat(limit + (random.next() < 0.5 ? 1 : random.int(2, 1_000_000)));
}

/** Mutations of one valid message, none of which the host may accept. */
function mutations(valid: Message, random: Random): Message[] {
  const out: Message[] = [];
  const fields = Object.keys(valid).filter((k) => k !== 'type');
  for (const field of fields) {
    const missing = { ...valid };
    delete missing[field];
    out.push(missing);
    out.push({ ...valid, [field]: random.pick(WRONG_VALUES) });
    const limit = LIMIT_OF[field];
    if (limit !== undefined) out.push({ ...valid, [field]: oversized(limit, random) });
  }
  out.push({ ...valid, extra: 'field' });
  out.push({ ...valid, command: 'workbench.action.terminal.new' });
  out.push(JSON.parse(`{"type":${JSON.stringify(valid.type)},"__proto__":{"isTrusted":true}}`) as Message);
  out.push({ ...valid, a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 });
  out.push({ ...valid, type: String(valid.type).toUpperCase() });
  if ('turnId' in valid) for (const id of BAD_IDS.slice(0, 4)) out.push({ ...valid, turnId: id });
  if ('id' in valid) for (const id of BAD_IDS) out.push({ ...valid, id });
  if ('action' in valid) out.push({ ...valid, action: 'exec' }, { ...valid, action: 'runCommand' });
  if ('what' in valid) out.push({ ...valid, what: '/etc/passwd' }, { ...valid, what: 'clipboard' });
  if (valid.type === 'send') {
    const code = (valid.attachments as Message[])[0]!;
    out.push(
      { ...valid, attachments: 'not a list' },
      { ...valid, attachments: Array.from({ length: LIMITS.attachments + 1 }, () => code) },
      { ...valid, attachments: [{ ...code, kind: 'file' }] },
      { ...valid, attachments: [{ ...code, path: oversized(LIMITS.url, random) }] },
      { ...valid, attachments: [{ ...code, text: oversized(LIMITS.code, random) }] },
      { ...valid, attachments: [{ ...code, startLine: 'one' }] },
      { ...valid, attachments: [{ ...code, command: 'rm -rf ~' }] },
      { ...valid, attachments: [{ kind: 'image', name: 'x.png', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' }] },
      { ...valid, attachments: [{ kind: 'image', name: 'x.png', dataUrl: 'javascript:alert(1)' }] },
      { ...valid, attachments: [{ kind: 'image', name: 'x.png', dataUrl: `${PNG}"><script>` }] },
      { ...valid, attachments: [null] },
      { ...valid, attachments: [[[[[[[[[[code]]]]]]]]]] },
    );
  }
  if (valid.type === 'imagePasted') {
    out.push(
      { ...valid, dataUrl: 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+' },
      { ...valid, dataUrl: 'file:///etc/passwd' },
      { ...valid, dataUrl: `${PNG}\n<script>` },
    );
  }
  return out;
}

/** A nested array `depth` levels deep. */
function nested(depth: number): Json {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** JSON-representable messages the host must refuse, each once. */
export function fuzzedMessages(random: Random): Json[] {
  const out: Json[] = [];
  for (const valid of VALID_MESSAGES) out.push(...mutations(valid, random));
  for (const type of UNKNOWN_TYPES) out.push({ type }, { type, text: 'x', url: 'command:workbench.action.terminal.new' });
  out.push(null, 0, 42, 'send', '', true, false, [], [{ type: 'ready' }], ['newChat']);
  out.push({}, { text: 'no type' }, { type: 'send', text: 'x', attachments: [nested(2000)] }, { type: nested(50) });
  // Random shapes: a known or unknown type with random keys and values.
  const keys = ['type', 'text', 'url', 'id', 'turnId', 'code', 'action', 'what', 'query', 'attachments', 'name', 'dataUrl', 'x'];
  for (let i = 0; i < 60; i++) {
    const message: Message = { type: random.next() < 0.7 ? String(random.pick(VALID_MESSAGES).type) : `t${random.int(0, 99)}` };
    for (let k = random.int(1, 9); k > 0; k--) message[random.pick(keys)] = random.pick([...WRONG_VALUES, 'x', 'https://example.com', oversized(LIMITS.query, random)]);
    out.push(message);
  }
  return out;
}
