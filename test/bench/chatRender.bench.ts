// Benchmark of the chat webview's rendering core in headless Chromium, on the production-minified
// bundle: streaming a long answer vs rendering it once, the naive re-render-per-delta approach, and
// opening a long conversation. Prints figures; no thresholds (machines are noisy).
//
// Main-thread time is the CPU time of the page's main thread (CDP Performance.getMetrics
// ThreadTime): everything it ran (script, style, layout, paint), unaffected by other processes
// competing for the machine, and without idle time between frames. The longest task is the largest
// CPU time of one main-thread task in a trace of the same run, with what it spent most on (as
// DevTools names it; the parts nest). Wall-clock figures measured in the page are given for
// comparison; on a busy machine they are inflated.
import * as os from 'node:os';
import type { CDPSession } from 'playwright-core';
import { generateAnswer, generateConversation, randomCuts, storedConversation } from '../webview/markdownCorpus';
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

/**
 * Removes what the last run rendered and collects the garbage it left: each run pays for its own
 * garbage, not for the runs before it (a 111 ms major GC of earlier runs' garbage once landed in
 * the streaming run, as its longest task).
 */
async function cleanStart(page: RenderPage, cdp: CDPSession): Promise<void> {
  await page.call('benchReset');
  await cdp.send('HeapProfiler.collectGarbage');
}

/** Main-thread milliseconds `work` costs the page. */
async function mainThreadMs(page: RenderPage, cdp: CDPSession, work: () => Promise<unknown>): Promise<number> {
  await cleanStart(page, cdp);
  const before = await threadSeconds(cdp);
  await work();
  return ((await threadSeconds(cdp)) - before) * 1000;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly tid: number;
  /** Start, µs. */
  readonly ts: number;
  readonly dur?: number;
  /** CPU time of the event's thread, µs. */
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** What a task's time went to, as DevTools names it. */
const TASK_PARTS = ['FireAnimationFrame', 'FireIdleCallback', 'TimerFire', 'FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'ParseHTML', 'MajorGC', 'MinorGC'];

/**
 * The longest task (CPU time) on the page's main thread while `work` runs, in ms, and what it spent
 * most on, when in the run it came and how long the next longest took (one outlier, or many alike).
 */
async function longestTask(page: RenderPage, cdp: CDPSession, work: () => Promise<unknown>): Promise<{ ms: number; parts: string }> {
  const browser = page.page.context().browser();
  if (!browser) return { ms: Number.NaN, parts: '' };
  await cleanStart(page, cdp);
  await browser.startTracing(page.page, { categories: ['toplevel', 'devtools.timeline'] });
  await work();
  const parsed = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => e.tid));
  const onMain = events.filter((e) => e.ph === 'X' && mainThreads.has(e.tid));
  const cpu = (e: TraceEvent): number => (e.tdur ?? e.dur ?? 0) / 1000;
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => cpu(b) - cpu(a));
  const longest = tasks[0];
  if (!longest) return { ms: 0, parts: '' };
  const first = Math.min(...tasks.map((e) => e.ts));
  const last = Math.max(...tasks.map((e) => e.ts + (e.dur ?? 0)));
  const end = longest.ts + (longest.dur ?? 0);
  const inside = onMain.filter((e) => TASK_PARTS.includes(e.name) && e.ts >= longest.ts && e.ts < end);
  const parts = TASK_PARTS.map((name) => [name, inside.filter((e) => e.name === name).reduce((sum, e) => sum + cpu(e), 0)] as const)
    .filter(([, ms]) => ms >= 0.5)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
    .join(', ');
  const when = `at ${((longest.ts - first) / 1e6).toFixed(1)} s of ${((last - first) / 1e6).toFixed(1)} s; the next longest ${ms(cpu(tasks[1] ?? longest))}`;
  return { ms: cpu(longest), parts: `${parts}; ${when}` };
}

/** Main-thread CPU of `work`, median of `runs`. */
async function cpuMs(page: RenderPage, cdp: CDPSession, runs: number, work: () => Promise<unknown>): Promise<number> {
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) runsMs.push(await mainThreadMs(page, cdp, work));
  return median(runsMs);
}

const FRAME_SIZES = [10_000, 100_000, 1_000_000];
const FRAME_DELTAS = 10;
const FRAME_COUNT = 100;
const FRAME_RUNS = 3;

/** Main-thread CPU of one streamed frame with 10 KB, 100 KB and 1 MB of the answer already on screen. */
async function perFrameCost(page: RenderPage, cdp: CDPSession): Promise<Array<{ size: number; msPerFrame: number }>> {
  const text = generateAnswer({ size: 1_100_000, codeBlocks: 130, seed: 99 });
  const results = [];
  for (const size of FRAME_SIZES) {
    const more = text.slice(size, size + FRAME_DELTAS * FRAME_COUNT * 20);
    const deltas = Array.from({ length: FRAME_DELTAS * FRAME_COUNT }, (_, i) => more.slice(i * 20, i * 20 + 20));
    const runs: number[] = [];
    for (let i = 0; i < FRAME_RUNS; i++) {
      await page.call('benchReset');
      await page.call('benchStreamPrepare', text.slice(0, size));
      const before = await threadSeconds(cdp);
      await page.call('benchStreamMore', deltas, FRAME_DELTAS);
      runs.push(((await threadSeconds(cdp)) - before) * 1000);
    }
    results.push({ size, msPerFrame: median(runs) / (FRAME_COUNT + 1) });
  }
  return results;
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
    for (let i = 0; i < 3; i++) await mainThreadMs(page, cdp, () => page.call('benchRenderOnce', answer, true));
    await page.call('benchLoad', answer.slice(0, 20_000), cuts.filter((cut) => cut < 20_000));
    await mainThreadMs(page, cdp, () => page.call('benchStream', 10));
    await mainThreadMs(page, cdp, () => page.call('benchConversation', conversation.slice(0, 200), true));
    await page.call('benchReset');
    await page.call('benchLoad', answer, cuts);

    // CPU figures first: a trace leaves the page slower for a while, so the traced runs (longest
    // task) come after all of them.
    const work = {
      once: () => page.call('benchRenderOnce', answer, true),
      onceLazy: () => page.call('benchRenderOnce', answer, false),
      stream10: () => page.call('benchStream', 10),
      stream50: () => page.call('benchStream', 50),
      burst: () => page.call('benchStreamBurst'),
      conversation: () => page.call('benchConversation', conversation, false),
      conversationMany: () => page.call('benchConversation', conversation, true),
    };
    const once = await cpuMs(page, cdp, 5, work.once);
    const onceLazy = await cpuMs(page, cdp, 5, work.onceLazy);
    const streams = [];
    for (const perFrame of [10, 50]) {
      const frames = Math.ceil(deltas / perFrame);
      let stats = { frames: 0, renderMs: 0, longestRenderMs: 0, scrollMs: 0 };
      const total = await mainThreadMs(page, cdp, async () => {
        stats = await page.call('benchStream', perFrame);
      });
      const floor = await mainThreadMs(page, cdp, () => page.call('benchFrameFloor', answer, frames, stats.frames));
      streams.push({ perFrame, frames, total, floor, stats });
    }
    let burstFrames = 0;
    const burst = await mainThreadMs(page, cdp, async () => {
      burstFrames = (await work.burst()).frames;
    });
    const naive = (await page.call('benchNaive', answer, cuts, NAIVE_EVERY)) * NAIVE_EVERY;
    const opened = [];
    for (const batch of [false, true]) {
      let inPage = { renderMs: 0, layoutMs: 0 };
      const total = await cpuMs(page, cdp, 3, async () => {
        inPage = await page.call('benchConversation', conversation, batch);
      });
      opened.push({ batch, total, inPage });
    }
    // The chat's own message list: the last turns at once, the older ones while the page is idle.
    const listRuns: Array<{ first: number; complete: number; shown: number }> = [];
    for (let i = 0; i < 3; i++) {
      const shownAtOnce = await page.call('listOpen', storedConversation(conversation));
      const done = await page.call('listComplete', 120_000);
      listRuns.push({ first: shownAtOnce.firstMs, complete: done.completeMs, shown: shownAtOnce.shownTurns });
    }

    const frameCost = await perFrameCost(page, cdp);

    const traced = {
      once: await longestTask(page, cdp, work.once),
      stream10: await longestTask(page, cdp, work.stream10),
      stream50: await longestTask(page, cdp, work.stream50),
      burst: await longestTask(page, cdp, work.burst),
      conversation: await longestTask(page, cdp, work.conversation),
      conversationMany: await longestTask(page, cdp, work.conversationMany),
    };
    const longest = Object.fromEntries(Object.entries(traced).map(([name, task]) => [name, task.ms])) as Record<keyof typeof traced, number>;

    say(`render the final text once (renderStatic, all code highlighted, layout, paint): ${ms(once)}, longest task ${ms(longest.once)}`);
    say(`  (as history renders it, code highlighted only once near the viewport: ${ms(onceLazy)})`);
    for (const { perFrame, frames, total, floor, stats } of streams) {
      say(
        `streamed, ${perFrame} deltas at a time 60 times a second, each time its own task as the host's messages are (${frames.toLocaleString('en')} deliveries; ` +
          `the view's own cadence rendered ${stats.frames.toLocaleString('en')} times): ` +
          `${ms(total)} = ${(total / once).toFixed(1)}× render once${perFrame === 10 ? ' (aim ≤ 10×)' : ''}; ` +
          `longest task ${ms(perFrame === 10 ? longest.stream10 : longest.stream50)}${perFrame === 10 ? ` (aim ≤ 16 ms; in it, ms: ${traced.stream10.parts})` : ''}; wall time in the view's own renders ${ms(stats.renderMs)} ` +
          `(longest ${ms(stats.longestRenderMs)}), in keeping the end in view on the frames after them ${ms(stats.scrollMs)}`,
      );
      say(
        `  floor: the same ${frames.toLocaleString('en')} deliveries with ${stats.frames.toLocaleString('en')} renders that only add a word at the end of the rendered answer and keep it in view cost ${ms(floor)} ` +
          `(${(floor / once).toFixed(1)}× render once) with any renderer; above that floor the streaming view costs ${ms(total - floor)} = ` +
          `${((total - floor) / once).toFixed(1)}× render once`,
      );
    }
    say(
      `one frame (${FRAME_DELTAS} deltas, end kept in view; main-thread CPU, median of ${FRAME_RUNS} runs of ${FRAME_COUNT} frames) with the answer already on screen at ` +
        `${frameCost.map(({ size, msPerFrame }) => `${size / 1000} KB: ${ms(msPerFrame)}`).join(', ')}; ` +
        `1 MB / 10 KB = ${(frameCost[frameCost.length - 1].msPerFrame / frameCost[0].msPerFrame).toFixed(2)} (aim ≤ 2)`,
    );
    say(
      `streamed, each delta its own task as fast as they come, finish() once caught up (${burstFrames} frames, as the browser makes them): ${ms(burst)} = ` +
        `${(burst / once).toFixed(1)}× render once; longest task ${ms(longest.burst)}`,
    );
    say(
      `naive full re-render on every delta: ~${(naive / 1000).toFixed(0)} s = ${(naive / once).toFixed(0)}× render once ` +
        `(renderStatic of the whole source so far, script only, wall time, measured on every ${NAIVE_EVERY}th delta = ` +
        `${Math.ceil(deltas / NAIVE_EVERY)} renders and extrapolated ×${NAIVE_EVERY}); the streaming view at 10 deltas per frame costs ` +
        `${((streams[0].total / naive) * 100).toFixed(2)}% of that`,
    );
    for (const { batch, total, inPage } of opened) {
      say(
        `open a ${MESSAGES.toLocaleString('en')}-message conversation (${conversationKb.toFixed(0)} KB) with ${batch ? 'renderStaticMany (one call)' : 'renderStatic per message'}: ` +
          `${ms(total)} to rendered, laid out and painted (median of 3); longest task ${ms(batch ? longest.conversationMany : longest.conversation)} ` +
          `(in the page: render ${ms(inPage.renderMs)} + layout ${ms(inPage.layoutMs)} wall)`,
      );
    }
    say(
      `open the same conversation in the chat's message list: the last ${listRuns[0]!.shown} turns shown and laid out in ${ms(median(listRuns.map((r) => r.first)))}, ` +
        `all ${MESSAGES.toLocaleString('en')} in place after ${ms(median(listRuns.map((r) => r.complete)))} (older turns added above while the page is idle; wall time, median of 3)`,
    );
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
