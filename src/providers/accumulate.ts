// Merges stream events into one ChatResult: what `complete()` returns, and what a caller that
// streams can keep as the partial answer when a stream fails.

import type { ChatResult, ChoiceResult, FinishReason, StreamEvent, ToolCall, Usage } from './types';

interface ChoiceState {
  text: string;
  reasoning: string;
  toolCalls: Map<number, ToolCall>;
  finishReason?: FinishReason;
}

export class ResultBuilder {
  private id: string | undefined;
  private model: string | undefined;
  private usage: Usage | undefined;
  private readonly choices = new Map<number, ChoiceState>();

  private choice(index: number): ChoiceState {
    let c = this.choices.get(index);
    if (!c) {
      c = { text: '', reasoning: '', toolCalls: new Map() };
      this.choices.set(index, c);
    }
    return c;
  }

  /** True once any answer content arrived. */
  get hasContent(): boolean {
    for (const c of this.choices.values()) if (c.text || c.reasoning || c.toolCalls.size > 0) return true;
    return false;
  }

  add(ev: StreamEvent): void {
    switch (ev.type) {
      case 'meta':
        this.id ??= ev.id;
        this.model ??= ev.model;
        break;
      case 'text':
        this.choice(ev.choice).text += ev.text;
        break;
      case 'reasoning':
        this.choice(ev.choice).reasoning += ev.text;
        break;
      case 'toolCall':
        this.choice(ev.choice).toolCalls.set(ev.index, ev.call);
        break;
      case 'usage':
        this.usage = ev.usage;
        break;
      case 'finish':
        this.choice(ev.choice).finishReason = ev.reason;
        break;
      case 'waiting':
      case 'retrying':
      case 'notice':
        break;
      default: {
        const never: never = ev;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  }

  result(): ChatResult {
    const choices: ChoiceResult[] = [...this.choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, c]) => ({
        index,
        text: c.text,
        reasoning: c.reasoning,
        toolCalls: [...c.toolCalls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call),
        finishReason: c.finishReason,
      }));
    return { id: this.id, model: this.model, choices, usage: this.usage, text: choices.find((c) => c.index === 0)?.text ?? '' };
  }
}
