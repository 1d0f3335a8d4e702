// R1-style models served without a reasoning parser put their thinking in `content`, as a
// `<think>…</think>` block at its very start. This splits one choice's content stream into thinking
// and answer text. The closing tag may come thousands of deltas later, split anywhere, so only a few
// characters (a possibly cut tag) are held back; everything else goes out as it arrives.
// Content that does not start with `<think>` is passed through untouched: a tag later on is just text.

const OPEN = '<think>';
const CLOSE = '</think>';
/** Leading whitespace held while waiting to see whether `<think>` follows; past this it is an answer. */
const MAX_LEADING = 256;

export interface ThinkSplit {
  readonly reasoning: string;
  readonly text: string;
}

type State = 'start' | 'thinking' | 'afterThinking' | 'answer';

export class ThinkTagSplitter {
  private state: State = 'start';
  /** Held back: leading whitespace and part of `<think>` (start), or part of `</think>` (thinking). */
  private carry = '';

  push(delta: string): ThinkSplit {
    switch (this.state) {
      case 'answer':
        return { reasoning: '', text: delta };
      case 'afterThinking':
        return this.afterThinking(delta);
      case 'thinking':
        return this.thinking(delta);
      default:
        return this.start(delta);
    }
  }

  /** The content ended: whatever was held back, as what it would have been. */
  flush(): ThinkSplit {
    const held = this.carry;
    this.carry = '';
    const thinking = this.state === 'thinking';
    this.state = 'answer';
    return thinking ? { reasoning: held, text: '' } : { reasoning: '', text: held };
  }

  private start(delta: string): ThinkSplit {
    const held = this.carry + delta;
    const rest = held.trimStart();
    if (rest.startsWith(OPEN)) {
      this.state = 'thinking';
      this.carry = '';
      return this.thinking(rest.slice(OPEN.length));
    }
    if ((rest === '' || OPEN.startsWith(rest)) && held.length <= MAX_LEADING) {
      this.carry = held;
      return { reasoning: '', text: '' };
    }
    this.state = 'answer';
    this.carry = '';
    return { reasoning: '', text: held };
  }

  private thinking(delta: string): ThinkSplit {
    const held = this.carry + delta;
    const end = held.indexOf(CLOSE);
    if (end >= 0) {
      this.state = 'afterThinking';
      this.carry = '';
      const after = this.afterThinking(held.slice(end + CLOSE.length));
      return { reasoning: held.slice(0, end), text: after.text };
    }
    const keep = cutTagLength(held);
    this.carry = held.slice(held.length - keep);
    return { reasoning: held.slice(0, held.length - keep), text: '' };
  }

  /** The line breaks between `</think>` and the answer are layout, not answer. */
  private afterThinking(delta: string): ThinkSplit {
    const text = delta.replace(/^[\r\n]+/, '');
    if (text !== '') this.state = 'answer';
    return { reasoning: '', text };
  }
}

/** How many characters at the end of `text` could be the start of `</think>`. */
function cutTagLength(text: string): number {
  for (let n = Math.min(CLOSE.length - 1, text.length); n > 0; n--) {
    if (CLOSE.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}
