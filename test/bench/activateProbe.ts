// Run in a child process by hostActivation.bench.ts: loads the production bundle dist/extension.js
// against a stand-in `vscode` module that accepts any call, times loading it and `activate()`, and
// lists every read `activate()` made: from disk (Node's fs, workspace.fs, documents, file searches),
// from SecretStorage and from extension state. Prints one JSON line.
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';

type Any = ((...args: unknown[]) => Any) & { readonly [key: string | symbol]: Any };

const reads: string[] = [];
let recording = false;
const READ_CALLS = /(^|\.)(secrets\.get|globalState\.get|workspaceState\.get|workspace\.fs\.\w+|workspace\.findFiles|workspace\.openTextDocument)$/;

/** A value that is every API at once: any property, call or `new` gives another such value. */
function anything(name: string): Any {
  const target = function () {} as unknown as Any;
  return new Proxy(target, {
    get(_, key) {
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'then') return undefined;
      return anything(`${name}.${String(key)}`);
    },
    apply() {
      if (recording && READ_CALLS.test(name)) reads.push(name.replace(/^(vscode|context)\./, ''));
      return anything(`${name}()`);
    },
    construct() {
      return anything(`new ${name}`) as object;
    },
    set: () => true,
    // esbuild's ES-module wrapper copies a module's own keys and inherits from its prototype: the
    // prototype answers every other name.
    getPrototypeOf() {
      return new Proxy({}, { get: (_, key) => (key === 'then' ? undefined : anything(`${name}.${String(key)}`)) });
    },
  });
}

/** Node's own fs module object (an ES import gives a read-only view of it). */
const fs = createRequire(__filename)('node:fs') as typeof import('node:fs');

/** Notes every file Node's fs reads while recording. */
function watchFs(): void {
  const record = (call: string) => (file: unknown) => {
    if (recording) reads.push(`fs.${call} ${String(file)}`);
  };
  for (const call of ['readFileSync', 'readdirSync', 'statSync', 'existsSync'] as const) {
    const original = fs[call] as (...args: unknown[]) => unknown;
    (fs as unknown as Record<string, unknown>)[call] = (...args: unknown[]) => (record(call)(args[0]), original(...args));
  }
  for (const call of ['readFile', 'readdir', 'stat', 'open'] as const) {
    const original = fs.promises[call] as (...args: unknown[]) => Promise<unknown>;
    (fs.promises as unknown as Record<string, unknown>)[call] = (...args: unknown[]) => (record(`promises.${call}`)(args[0]), original(...args));
  }
}

async function main(): Promise<void> {
  const bundle = path.resolve(process.argv[2] ?? 'dist/extension.js');
  const vscode = anything('vscode');
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: unknown })._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? vscode : load(request, ...rest));
  watchFs();
  const loadStart = performance.now();
  const extension = createRequire(__filename)(bundle) as { activate(context: unknown): unknown };
  const loadMs = performance.now() - loadStart;
  recording = true;
  const start = performance.now();
  extension.activate(anything('context'));
  const activateMs = performance.now() - start;
  // Reads started by activate() without waiting (e.g. `void check()`) begin within a few ticks.
  await new Promise((resolve) => setTimeout(resolve, 50));
  recording = false;
  process.stdout.write(`${JSON.stringify({ loadMs, activateMs, reads })}\n`);
  process.exit(0);
}

void main();
