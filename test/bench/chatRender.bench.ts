// Benchmark of the chat webview's rendering core in headless Chromium, on the production-minified
// bundle: streaming a long answer vs rendering it once, the naive re-render-per-delta approach, and
// opening a long conversation. Prints figures; no thresholds (machines are noisy).
//
// Main-thread time is the CPU time of the page's main thread (CDP Performance.getMetrics
// ThreadTime): everything it ran (script, style, layout, paint), unaffected by other processes
// competing for the machine, and without idle time between frames. The longest task is the largest
// CPU time of one main-thread task in a trace of the same run. Wall-clock figures measured in the
// page are given for comparison; on a busy machine they are inflated.
import * as os from 'node:os';
import type { CDPSession } from 'playwright-core';
import { generateAnswer, generateConversation, randomCuts } from '../webview/markdownCorpus';
import { openRenderPage, type RenderPage } from '../webview/page';

const ANSWER_SIZE = 200_000;
const CODE_BLOCKS = 30;
const DELTAS = 10_000;
const MESSAGES = 1_000;
/** Naive re-rendering is measured on every NAIVE_EVERY-th delta and extrapolated. */
const NAIVE_EVERY = 50;

function say(line: string): void {
  process.stdout.write(`[chatRender] ${line}\n`);
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function threadSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? Number.NaN;
}

/** Main-thread milliseconds `work` costs the page. */
async function mainThreadMs(page: RenderPage, cdp: CDPSession, work: () => Promise<unknown>): Promise<number> {
  await page.call('benchReset');
  const before = await threadSeconds(cdp);
  await work();
  return ((await threadSeconds(cdp)) - before) * 1000;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly tid: number;
  readonly dur?: number;
  /** CPU time of the event's thread, µs. */
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** The longest task (CPU time) on the page's main thread while `work` runs, in ms. */
async function longestTaskMs(page: RenderPage, work: () => Promise<unknown>): Promise<number> {
  const browser = page.page.context().browser();
  if (!browser) return Number.NaN;
  await page.call('benchReset');
  await browser.startTracing(page.page, { categories: ['toplevel'] });
  await work();
  const parsed = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => e.tid));
  let longest = 0;
  for (const event of events) {
    if (event.ph === 'X' && event.name === 'ThreadControllerImpl::RunTask' && mainThreads.has(event.tid)) longest = Math.max(longest, (event.tdur ?? event.dur ?? 0) / 1000);
  }
  return longest;
}

interface Figures {
  readonly cpuMs: number;
  readonly longestTaskMs: number;
}

/** Main-thread CPU of `work` (median of `runs`), and the longest task of one more, traced, run. */
async function measure(page: RenderPage, cdp: CDPSession, runs: number, work: () => Promise<unknown>): Promise<Figures> {
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) cpu.push(await mainThreadMs(page, cdp, work));
  return { cpuMs: median(cpu), longestTaskMs: await longestTaskMs(page, work) };
}

export async function run(): Promise<void> {
  const answer = generateAnswer({ size: ANSWER_SIZE, codeBlocks: CODE_BLOCKS, seed: 2024 });
  const cuts = randomCuts(answer.length, DELTAS, 7);
  const deltas = cuts.length + 1;
  const conversation = generateConversation(MESSAGES, 11);
  const conversationKb = conversation.reduce((sum, message) => sum + message.length, 0) / 1000;
  const page = await openRenderPage({ minify: true });
  try {
    const cdp = await page.page.context().newCDPSession(page.page);
    await cdp.send('Performance.enable');
    const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
    say(`machine: ${os.cpus().length} cores, load average ${load} (a busy machine inflates every figure)`);
    say(`answer: ${(answer.length / 1000).toFixed(1)} KB, ${CODE_BLOCKS} code blocks, ${deltas.toLocaleString('en')} deltas; figures are main-thread CPU time (script, style, layout, paint)`);

    // Warm up the JIT on everything measured below.
    for (let i = 0; i < 3; i++) await page.call('benchRenderOnce', answer, true);
    await page.call('benchStream', answer.slice(0, 20_000), cuts.filter((cut) => cut < 20_000), 10);
    await page.call('benchConversation', conversation.slice(0, 200), true);

    const once = await measure(page, cdp, 5, () => page.call('benchRenderOnce', answer, true));
    const onceLazy = await measure(page, cdp, 5, () => page.call('benchRenderOnce', answer, false));
    say(`render the final text once (renderStatic, all code highlighted, layout, paint): ${ms(once.cpuMs)}, longest task ${ms(once.longestTaskMs)}`);
    say(`  (as history renders it, code highlighted only once near the viewport: ${ms(onceLazy.cpuMs)})`);

    let tenPerFrameMs = Number.NaN;
    for (const perFrame of [10, 50]) {
      const frames = Math.ceil(deltas / perFrame);
      let stats = { renderMs: 0, longestRenderMs: 0, scrollMs: 0 };
      const streamed = await measure(page, cdp, 1, async () => {
        stats = await page.call('benchStream', answer, cuts, perFrame);
      });
      if (perFrame === 10) tenPerFrameMs = streamed.cpuMs;
      const floor = await mainThreadMs(page, cdp, () => page.call('benchFrameFloor', answer, frames));
      say(
        `streamed, ${perFrame} deltas per animation frame (${frames.toLocaleString('en')} frames): ${ms(streamed.cpuMs)} = ${(streamed.cpuMs / once.cpuMs).toFixed(1)}× render once; ` +
          `longest task ${ms(streamed.longestTaskMs)}; wall time in the view's own frame work ${ms(stats.renderMs)} (longest ${ms(stats.longestRenderMs)}), ` +
          `in keeping the end in view ${ms(stats.scrollMs)}`,
      );
      say(
        `  floor: ${frames.toLocaleString('en')} frames that only add a word at the end of the rendered answer and keep it in view cost ${ms(floor)} ` +
          `(${(floor / once.cpuMs).toFixed(1)}× render once) with any renderer; above that floor the streaming view costs ${ms(streamed.cpuMs - floor)} = ` +
          `${((streamed.cpuMs - floor) / once.cpuMs).toFixed(1)}× render once`,
      );
    }
    let burstFrames = 0;
    const burst = await measure(page, cdp, 1, async () => {
      burstFrames = (await page.call('benchStreamBurst', answer, cuts)).frames;
    });
    say(
      `streamed, each delta its own task as fast as they come, finish() once caught up (${burstFrames} frames, as the browser makes them): ${ms(burst.cpuMs)} = ` +
        `${(burst.cpuMs / once.cpuMs).toFixed(1)}× render once; longest task ${ms(burst.longestTaskMs)}`,
    );

    const sampled = await page.call('benchNaive', answer, cuts, NAIVE_EVERY);
    const naive = sampled * NAIVE_EVERY;
    say(
      `naive full re-render on every delta: ~${(naive / 1000).toFixed(0)} s = ${(naive / once.cpuMs).toFixed(0)}× render once ` +
        `(renderStatic of the whole source so far, script only, wall time, measured on every ${NAIVE_EVERY}th delta = ` +
        `${Math.ceil(deltas / NAIVE_EVERY)} renders and extrapolated ×${NAIVE_EVERY}); the streaming view at 10 deltas per frame costs ` +
        `${((tenPerFrameMs / naive) * 100).toFixed(2)}% of that`,
    );

    for (const batch of [false, true]) {
      let inPage = { renderMs: 0, layoutMs: 0 };
      const opened = await measure(page, cdp, 3, async () => {
        inPage = await page.call('benchConversation', conversation, batch);
      });
      say(
        `open a ${MESSAGES.toLocaleString('en')}-message conversation (${conversationKb.toFixed(0)} KB) with ${batch ? 'renderStaticMany (one call)' : 'renderStatic per message'}: ` +
          `${ms(opened.cpuMs)} to rendered, laid out and painted; longest task ${ms(opened.longestTaskMs)} ` +
          `(in the page: render ${ms(inPage.renderMs)} + layout ${ms(inPage.layoutMs)} wall)`,
      );
    }
    if (page.pageErrors.length > 0) say(`page errors: ${page.pageErrors.join('; ')}`);
  } finally {
    await page.close();
  }
}

if (require.main === module) {
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
