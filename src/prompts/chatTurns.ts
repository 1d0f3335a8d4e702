// The conversation's turns as the provider module's messages (attachments fenced into the prompt). No `vscode` import.
import type { ChatMessage, ContentPart } from '../providers';
import type { Attachment, Turn } from '../shared/conversation';

/** A fence longer than any backtick run in the code, so attached code cannot close it early. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

function lineCount(text: string): number {
  return text.split(/\r\n|\n|\r/).length;
}

/** Attached code as the model reads it: where it is from, fenced, and the lines around it labelled as context. */
export function codeContext(a: Extract<Attachment, { kind: 'code' }>): string {
  const where = a.startLine ? `${a.path} (lines ${a.startLine}-${a.endLine ?? a.startLine})` : a.path;
  // Cut to fit: the model is told, so it does not take the part for the whole.
  if (a.trimmedFrom !== undefined && !a.text) return `${where}: (left out: its ${a.trimmedFrom} characters did not fit the model's input limit)`;
  const note = a.trimmedFrom !== undefined ? `\n(trimmed: only the first ${a.text.length} of its ${a.trimmedFrom} characters are included)` : '';
  const f = fence(a.text + (a.before ?? '') + (a.after ?? ''));
  const block = (text: string): string => `${f}${a.languageId}\n${text}\n${f}`;
  const parts = [`${where}:\n${block(a.text)}${note}`];
  // Surrounding lines help the model understand the code; they are labelled so it does not treat them as part of it.
  const start = a.startLine ?? 0;
  const end = a.endLine ?? start;
  if (a.before) {
    const from = start - lineCount(a.before);
    parts.push(`${start > 0 ? `Lines ${from}-${start - 1}, just before it` : 'Just before it'} (context only):\n${block(a.before)}`);
  }
  if (a.after) {
    parts.push(`${end > 0 ? `Lines ${end + 1}-${end + lineCount(a.after)}, just after it` : 'Just after it'} (context only):\n${block(a.after)}`);
  }
  return parts.join('\n');
}

/** A user turn's content: attached code first (as context), then the prompt; images as image parts. */
export function userContent(text: string, attachments: readonly Attachment[] = []): string | ContentPart[] {
  const code = attachments.filter((a): a is Extract<Attachment, { kind: 'code' }> => a.kind === 'code');
  const images = attachments.filter((a): a is Extract<Attachment, { kind: 'image' }> => a.kind === 'image');
  const prompt = code.length ? `${code.map(codeContext).join('\n\n')}\n\n${text}` : text;
  if (images.length === 0) return prompt;
  return [{ type: 'text', text: prompt }, ...images.map((i): ContentPart => ({ type: 'image', url: i.dataUrl }))];
}

/**
 * Messages for a request from the turns before the answer being generated. Answers that failed with
 * no text are left out together with their prompt, so the history stays a clean user/assistant alternation.
 */
export function requestMessages(turns: readonly Turn[], system?: string): ChatMessage[] {
  const messages: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    if (turn.role === 'user') {
      const answer = turns[i + 1];
      const failedEmpty = answer?.role === 'assistant' && answer.text === '' && answer.status !== 'streaming';
      if (failedEmpty) {
        i++;
        continue;
      }
      messages.push({ role: 'user', content: userContent(turn.prompt ?? turn.text, turn.attachments) });
    } else if (turn.text) {
      messages.push({ role: 'assistant', content: turn.text });
    }
  }
  return messages;
}
