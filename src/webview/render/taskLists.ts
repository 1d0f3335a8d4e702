import type MarkdownIt from 'markdown-it';
import { escapeHtml } from './html';
import type { RenderStrings } from './strings';

const TASK_MARKER = /^\[([ xX])\](?: |$)/;

/**
 * GitHub-style task lists: a list item starting with `[ ]` or `[x]` gets a check mark icon in
 * place of the marker (an icon with a label, not a form control: the webview has no forms).
 */
export function taskLists(md: MarkdownIt, strings: RenderStrings): void {
  md.core.ruler.push('chorus_task_lists', (state) => {
    const tokens = state.tokens;
    for (let i = 2; i < tokens.length; i++) {
      const inline = tokens[i];
      if (inline.type !== 'inline' || tokens[i - 1].type !== 'paragraph_open' || tokens[i - 2].type !== 'list_item_open') continue;
      const first = inline.children?.[0];
      const match = first?.type === 'text' ? TASK_MARKER.exec(first.content) : null;
      if (!first || !match || !inline.children) continue;
      first.content = first.content.slice(match[0].length);
      const box = new state.Token('chorus_task', 'span', 0);
      box.meta = { done: match[1] !== ' ' };
      inline.children.unshift(box);
      tokens[i - 2].attrJoin('class', 'chorus-task-item');
    }
  });
  md.renderer.rules.chorus_task = (tokens, idx) => {
    const done = (tokens[idx].meta as { done: boolean }).done;
    const icon = done ? 'pass-filled' : 'circle-large-outline';
    const label = escapeHtml(done ? strings.taskDone : strings.taskOpen);
    const state = done ? 'chorus-task-done' : 'chorus-task-open';
    return `<span class="chorus-task ${state} codicon codicon-${icon}" role="img" aria-label="${label}"></span>`;
  };
}
