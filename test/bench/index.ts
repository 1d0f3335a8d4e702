// `npm run bench`: runs each benchmark module in turn and prints its figures. No pass/fail
// thresholds: the numbers are for people comparing changes on the same machine.
// Add a benchmark by writing `<name>.bench.ts` exporting a Benchmark and listing it here.

import type { Benchmark } from './benchmark';
import { run as runChatRender } from './chatRender.bench';
import { run as runPacedStreams } from './pacedStreams.bench';
import { hostActivation } from './hostActivation.bench';
import { run as runMentionPicker } from './mentionPicker.bench';
import { providerStreaming } from './providerStreaming.bench';

/** The chat panel's rendering in Chromium on the real webview bundle; it prints its own lines. */
const chatRender: Benchmark = { name: 'chat panel rendering (Chromium)', run: () => runChatRender() };

/** Paced streams through the real panel in a real VS Code (code-server, Chromium). */
const pacedStreams: Benchmark = { name: 'paced streams in the real panel (VS Code)', run: (print) => runPacedStreams(print) };

/** The `@` picker on 20,000 generated files, typed in the real panel. */
const mentionPicker: Benchmark = { name: '@ picker on 20,000 files (VS Code)', run: (print) => runMentionPicker(print) };

const BENCHMARKS: readonly Benchmark[] = [providerStreaming, hostActivation, chatRender, pacedStreams, mentionPicker];

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const bench of BENCHMARKS) {
    if (only && !bench.name.includes(only)) continue;
    process.stdout.write(`\n${bench.name}\n${'-'.repeat(bench.name.length)}\n`);
    try {
      await bench.run((line) => process.stdout.write(`  ${line}\n`));
    } catch (e) {
      process.exitCode = 1;
      process.stdout.write(`  FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
  }
}

void main();
