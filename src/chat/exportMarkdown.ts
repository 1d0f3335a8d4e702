import type { AssistantTurn, Conversation } from '../shared/conversation';
import { escapeForExport, fenceFor, longestBacktickRun } from './exportEscape';

/**
 * A conversation as a Markdown document, for export. Attachments are included as fenced code; text
 * from the user and the model is escaped so that the preview loads no images (see exportEscape).
 */
export function conversationToMarkdown(conversation: Conversation, labels = { user: 'You', assistant: 'Assistant', thinking: 'Thinking' }): string {
  const parts = [`# ${escapeForExport(conversation.title || 'Chorus conversation')}`, '', `_${escapeForExport(conversation.provider)} · ${escapeForExport(conversation.model)} · ${new Date(conversation.createdAt).toISOString()}_`, ''];
  for (const turn of conversation.turns) {
    if (turn.role === 'user') {
      parts.push(`## ${labels.user}`, '', escapeForExport(turn.text), '');
      for (const a of turn.attachments ?? []) {
        if (a.kind === 'code') {
          const range = a.startLine ? `:${a.startLine}-${a.endLine ?? a.startLine}` : '';
          const fence = fenceFor(a.text);
          parts.push(inlineCode(`${a.path}${range}`), '', `${fence}${escapeForExport(a.languageId).replace(/[`\s]/g, '')}`, a.text, fence, '');
        } else {
          parts.push(`_[image: ${escapeForExport(a.name)}]_`, '');
        }
      }
    } else {
      parts.push(`## ${labels.assistant} (${escapeForExport(turn.model)})`, '');
      if (turn.reasoning) parts.push(thinkingQuote(turn, labels.thinking), '');
      parts.push(escapeForExport(turn.text), '');
      if (turn.status === 'error' && turn.error) parts.push(`> ⚠ ${escapeForExport(turn.error.message).split('\n').join('\n> ')}`, '');
      if (turn.status === 'stopped') parts.push('> (stopped)', '');
    }
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

/**
 * A thinking model's reasoning, set apart above its answer. Not a collapsed <details>: the export
 * renders no raw HTML (see exportEscape), so it is a blockquote headed with how long the model
 * thought, its text escaped like the answer's.
 */
function thinkingQuote(turn: AssistantTurn, label: string): string {
  const seconds = turn.thinkingMs !== undefined ? ` (${Math.max(1, Math.round(turn.thinkingMs / 1000))} s)` : '';
  const body = escapeForExport(turn.reasoning ?? '');
  return [`**${escapeForExport(label)}${seconds}**`, '', ...body.split('\n')].map((line) => (line ? `> ${line}` : '>')).join('\n');
}

/** `text` as one inline code span, whatever backticks it holds (a path is the user's, a model name the server's). */
function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = longestBacktickRun(flat);
  const ticks = '`'.repeat(longest + 1);
  // A space on each side keeps a backtick at either end from joining the fence (CommonMark strips one).
  return longest === 0 ? `${ticks}${flat}${ticks}` : `${ticks} ${flat} ${ticks}`;
}
