import type { Conversation } from '../shared/conversation';

/** A conversation as a Markdown document, for export. Attachments are included as fenced code. */
export function conversationToMarkdown(conversation: Conversation, labels = { user: 'You', assistant: 'Assistant' }): string {
  const parts = [`# ${conversation.title || 'Chorus conversation'}`, '', `_${conversation.provider} · ${conversation.model} · ${new Date(conversation.createdAt).toISOString()}_`, ''];
  for (const turn of conversation.turns) {
    if (turn.role === 'user') {
      parts.push(`## ${labels.user}`, '', turn.text, '');
      for (const a of turn.attachments ?? []) {
        if (a.kind === 'code') {
          const range = a.startLine ? `:${a.startLine}-${a.endLine ?? a.startLine}` : '';
          const fence = fenceFor(a.text);
          parts.push(`\`${a.path}${range}\``, '', `${fence}${a.languageId}`, a.text, fence, '');
        } else {
          parts.push(`_[image: ${a.name}]_`, '');
        }
      }
    } else {
      parts.push(`## ${labels.assistant} (${turn.model})`, '', turn.text, '');
      if (turn.status === 'error' && turn.error) parts.push(`> ⚠ ${turn.error.message}`, '');
      if (turn.status === 'stopped') parts.push('> (stopped)', '');
    }
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

/** A backtick fence longer than any run of backticks inside the code. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}
