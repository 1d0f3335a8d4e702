import { morphNodes } from './morph';
import { whenIdle } from './whenIdle';

interface ClosedFence {
  /** What is on screen for it: the block as it streamed, then its line break. */
  readonly nodes: readonly ChildNode[];
  /** Its normal rendering (the whole block highlighted at once, buttons enabled); with its code left out when `code` is given. */
  readonly render: () => DocumentFragment;
  /** Its `<code>`, when what it shows is already the block's final code (see StreamingCodeBlock.complete). */
  readonly code?: Element;
}

/**
 * Code blocks that closed while streaming. Rendering a block again the moment its fence closes (the
 * whole code highlighted at once, then restyled and laid out anew) made that frame one of the
 * longest of a stream; instead the block stays as it streamed, already highlighted chunk by chunk,
 * and is morphed into its normal rendering when the browser is idle, one block per idle callback.
 * Most of its nodes then stay as they are. When its code is already final, the block is completed
 * at once: the code's nodes all stay, and it is neither highlighted again nor compared. `flush()`
 * does the rest at once (the answer finished).
 */
export class ClosedFences {
  private queue: ClosedFence[] = [];
  private cancel: (() => void) | undefined;

  add(fence: ClosedFence): void {
    // Code already final: nothing is highlighted or compared, only the block's shell changes. Done
    // now, in the frame that closed it, rather than in a frame of its own later.
    if (fence.code) {
      complete(fence);
      return;
    }
    this.queue.push(fence);
    this.cancel ??= whenIdleOrSoon(() => this.runOne());
  }

  flush(): void {
    this.dispose();
    for (const fence of this.queue.splice(0)) complete(fence);
  }

  /** Stops (the view is disposed, or its DOM replaced); what is on screen stays. */
  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private runOne(): void {
    this.cancel = undefined;
    const fence = this.queue.shift();
    if (fence) complete(fence);
    if (this.queue.length > 0) this.cancel = whenIdleOrSoon(() => this.runOne());
  }
}

/** Brings the fence's nodes to its normal rendering, keeping the top-level ones (the streaming view holds them). */
function complete(fence: ClosedFence): void {
  const next = [...fence.render().childNodes];
  fence.nodes.forEach((node, i) => {
    const wanted = next[i];
    if (node instanceof Element && wanted instanceof Element) {
      // Chunks highlighted apart leave two text nodes where the whole block has one; merged, the
      // nodes line up with the new rendering and stay. Unmerged, every node after the first chunk
      // shifted, so the whole block was rebuilt and restyled (1,300 elements, 6 ms, in the next frame).
      if (!fence.code) node.normalize();
      for (const name of node.getAttributeNames()) if (!wanted.hasAttribute(name)) node.removeAttribute(name);
      for (const attribute of wanted.attributes) if (node.getAttribute(attribute.name) !== attribute.value) node.setAttribute(attribute.name, attribute.value);
      morphNodes([...node.childNodes], [...wanted.childNodes], fence.code);
    }
  });
}

/** The timeout: a stream that never leaves the page idle still gets its blocks completed. */
function whenIdleOrSoon(work: () => void): () => void {
  return whenIdle(work, 50, 250);
}
