// Paced streams through the real chat panel: the packaged Chorus in a real VS Code (code-server) in
// headless Chromium, answered by the fake provider at a model's pace (3,000 deltas about 2 ms
// apart). For each shape of answer: the lag between the provider's last byte and the last character
// on screen, the slowest round trip into the webview's main thread meanwhile, and how long Stop
// takes mid-stream. Then the webview's heap after a 1 MB answer, the extension host's CPU per
// delta at the end of a short and of a long answer, and its heap after 200 conversations opened in
// turn. Prints figures beside their aims; nothing fails on a figure.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { openChatPanel, sendPrompt } from '../e2e/chatPanel';
import { openWorkbench, type Workbench } from '../e2e/workbench';
import { sseReply, startFakeProvider, textChunks, type FakeProvider, type SsePiece } from '../fixtures/fakeProvider';
import { median } from './benchmark';
import { prepareTestMachine } from '../harness/prepare';
import { packagedVsix } from '../harness/vsix';
import { extensionHostPid, NodeInspector, processCpuMs } from './extensionHost';
import { clickStopAndWatch, newChat, pollWatch, watchForEnd } from './pacedStreamsPage';
import { answerOfSize, END_MARKER, streamShapes } from './streamShapes';
import { openStoredConversations, seedConversations } from './storedConversations';

const DELTAS = 3_000;
const PACE_MS = 2;
const CONVERSATIONS = 200;
const HOST_RUNS = 3;

const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const mb = (value: number): string => `${value.toFixed(1)} MB`;
const epochNow = (): number => performance.timeOrigin + performance.now();
const sleep = (msToWait: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, msToWait));

/** A thenable the fake server awaits when it reaches it in the body: it notes the moment, then lets the body go on. */
function stamp(onReached: () => void): SsePiece {
  return { until: { then: (resolve: (value: unknown) => unknown) => (onReached(), resolve(undefined)) } as PromiseLike<unknown>, keepAliveMs: 60_000 };
}

/** The answer's content deltas only (no role or finish chunks), `count` of about equal size. */
function contentDeltas(text: string, count: number): Record<string, unknown>[] {
  return textChunks(text, { piece: Math.max(1, Math.ceil(Array.from(text).length / count)) }).slice(1, -1);
}

interface PacedRun {
  lastByteAt: number;
  middleReached: Promise<void>;
}

/** Queues `text` as `deltas` deltas PACE_MS apart; notes when its last content byte is written and when it is half way. */
function enqueuePaced(fake: FakeProvider, text: string, deltas = DELTAS): PacedRun {
  const all = textChunks(text, { piece: Math.max(1, Math.ceil(Array.from(text).length / deltas)) });
  const run: PacedRun = { lastByteAt: 0, middleReached: Promise.resolve() };
  let middle = (): void => undefined;
  run.middleReached = new Promise((resolve) => (middle = resolve));
  const half = all.length >> 1;
  const pieces: SsePiece[] = [...all.slice(0, half), stamp(middle), ...all.slice(half, -1), stamp(() => (run.lastByteAt = epochNow())), all[all.length - 1]];
  fake.enqueue({ ...sseReply(pieces), chunkDelayMs: PACE_MS });
  return run;
}

let runCount = 0;

/** Streams `text` and returns the lag to its last character on screen and the slowest round trip meanwhile. */
async function lagOf(fake: FakeProvider, frame: Frame, text: string): Promise<{ lagMs: number; roundTripMs: number }> {
  const marker = `${END_MARKER}-${++runCount}`;
  const run = enqueuePaced(fake, text.replace(END_MARKER, marker));
  await watchForEnd(frame, marker);
  await sendPrompt(frame, `Paced answer ${runCount}`);
  const { watch, slowestRoundTripMs } = await pollWatch(frame, 300_000);
  return { lagMs: watch.at - run.lastByteAt, roundTripMs: slowestRoundTripMs };
}

/** Streams `text`, clicks Stop half way, and returns how long until the answer showed as stopped. */
async function stopOf(fake: FakeProvider, frame: Frame, text: string): Promise<number> {
  const run = enqueuePaced(fake, text);
  await sendPrompt(frame, `Answer to stop ${++runCount}`);
  await run.middleReached;
  await clickStopAndWatch(frame);
  const { watch } = await pollWatch(frame, 60_000);
  return watch.at - watch.from;
}

/** The webview's JS heap after a garbage collection, in MB, through the page's CDP session. */
async function webviewHeapMb(workbench: Workbench, frame: Frame): Promise<number> {
  const context = workbench.page.context();
  // The webview's frame has its own session when it runs in its own process; else it shares the page's.
  const cdp = await context.newCDPSession(frame).catch(() => context.newCDPSession(workbench.page));
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1048576;
}

/** Host CPU for 1,000 paced deltas appended to an answer that already holds `prefix`. */
async function hostCpuFor(fake: FakeProvider, frame: Frame, pid: number, prefix: string): Promise<number> {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const marker = `${END_MARKER}-${++runCount}`;
  const all = textChunks(`${prefix}\n\nnow the deltas: `, { piece: Math.max(1, Math.ceil(prefix.length / 200)) });
  const tail = contentDeltas(`${'word '.repeat(1_000)}\n\n${marker}.`, 1_000);
  fake.enqueue({ ...sseReply([...all.slice(0, -1), { until: released, keepAliveMs: 60_000 }, ...tail, all[all.length - 1]]), chunkDelayMs: PACE_MS });
  await watchForEnd(frame, 'now the deltas');
  await sendPrompt(frame, `Deltas after ${prefix.length} characters`);
  await pollWatch(frame, 120_000);
  await sleep(500);
  await watchForEnd(frame, marker);
  const before = processCpuMs(pid);
  release();
  await pollWatch(frame, 120_000);
  return processCpuMs(pid) - before;
}

async function measureShapes(fake: FakeProvider, frame: Frame, print: (line: string) => void): Promise<void> {
  for (const shape of streamShapes()) {
    await newChat(frame);
    const { lagMs, roundTripMs } = await lagOf(fake, frame, shape.text);
    await newChat(frame);
    const stopMs = await stopOf(fake, frame, shape.text);
    print(
      `${shape.name}: lag ${ms(lagMs)} (aim ≤ 100 ms), slowest round trip ${ms(roundTripMs)} (aim ≤ 50 ms), ` +
        `Stop mid-stream took effect in ${ms(stopMs)} (aim ≤ 100 ms)`,
    );
  }
}

async function measureMemoryAndHost(fake: FakeProvider, workbench: Workbench, frame: Frame, print: (line: string) => void): Promise<void> {
  await newChat(frame);
  const heapBefore = await webviewHeapMb(workbench, frame);
  const big = await lagOf(fake, frame, answerOfSize(1_000_000, 5));
  const heapAfter = await webviewHeapMb(workbench, frame);
  print(`1 MB answer in ${DELTAS.toLocaleString('en')} paced deltas: lag ${ms(big.lagMs)}, slowest round trip ${ms(big.roundTripMs)}`);
  print(`webview JS heap after the 1 MB answer: ${mb(heapAfter)} (${mb(heapAfter - heapBefore)} more than before it; the heap of the page's renderer, shared with the workbench when in one process)`);
  const pid = extensionHostPid(workbench.server.userDataDir);
  if (pid === undefined) {
    print('extension host: not found, no host figures');
    return;
  }
  const shortRuns: number[] = [];
  const longRuns: number[] = [];
  for (let i = 0; i < HOST_RUNS; i++) {
    await newChat(frame);
    shortRuns.push(await hostCpuFor(fake, frame, pid, 'A short start. '.repeat(66)));
    await newChat(frame);
    longRuns.push(await hostCpuFor(fake, frame, pid, answerOfSize(1_000_000, 6)));
  }
  const [short, long] = [median(shortRuns), median(longRuns)];
  print(
    `extension host CPU for 1,000 deltas into a 1 KB answer: ${ms(short)}, into a 1 MB answer: ${ms(long)}; ratio ${(long / short).toFixed(2)} ` +
      `(aim ≤ 1.5; /proc CPU time, 10 ms resolution, median of ${HOST_RUNS} alternating runs: ${shortRuns.map(ms).join(', ')} / ${longRuns.map(ms).join(', ')})`,
  );
  await newChat(frame);
  let inspector: NodeInspector | undefined;
  try {
    inspector = await NodeInspector.open(pid);
    const start = await inspector.heapAfterGcMb();
    const opened = await openStoredConversations(frame);
    const end = await inspector.heapAfterGcMb();
    print(`extension host JS heap: ${mb(start)} with the panel open, ${mb(end)} after ${opened} conversations opened in turn: ${end - start >= 0 ? '+' : ''}${mb(end - start)} (aim within 20 MB)`);
  } catch (error) {
    print(`extension host heap: not measured (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    inspector?.close();
  }
}

export async function run(print: (line: string) => void): Promise<void> {
  prepareTestMachine();
  const vsix = packagedVsix();
  print(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}; ${path.basename(vsix)} ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB`);
  print(`each answer: ${DELTAS.toLocaleString('en')} deltas about ${PACE_MS} ms apart from the fake provider, into the real panel (code-server, headless Chromium)`);
  const fake = await startFakeProvider();
  const workbench = await openWorkbench({ settings: { 'chorus.provider': 'openai', 'chorus.openai.baseUrl': fake.baseUrl, 'chorus.openai.model': 'fake-model' } });
  try {
    seedConversations(workbench.server.userDataDir, CONVERSATIONS);
    const frame = await openChatPanel(workbench.page);
    await measureShapes(fake, frame, print);
    await measureMemoryAndHost(fake, workbench, frame, print);
    print(`machine load average at the end: ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}`);
  } finally {
    await workbench.close();
    await fake.close();
  }
}
