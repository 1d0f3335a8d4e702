// Durability of history on disk, with the real HistoryStore: a save interrupted at a random point
// (the process killed with SIGKILL, as a crash or power cut would) leaves the old or the new file,
// never a corrupt one; two saves of one conversation at once leave one of them, whole.
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HistoryStore } from '../../src/chat/historyStore';
import { figure } from './figures';
import { conversationVersion, DURABLE_ID, versionOf } from './historyVersions';
import { createRandom, securitySeed } from './random';

const ROUNDS = 30;

/** Starts the writer and resolves with it once it has begun `saves` saves. */
function startWriter(dir: string, from: number, saves: number): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'historyWriter.js'), dir, String(from)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      lines.push(...parts);
      if (lines.filter((line) => line.startsWith('saving ')).length >= saves) resolve({ child, lines });
    });
    child.once('exit', () => reject(new Error(`the writer exited early:\n${lines.join('\n')}`)));
  });
}

describe('Durability: history writes interrupted or overlapping', function () {
  this.timeout(5 * 60_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-durability-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`a save killed at ${ROUNDS} random points leaves the old or the new file, never a corrupt one`, async () => {
    const random = createRandom(securitySeed + 5);
    const file = path.join(dir, `${DURABLE_ID}.json`);
    await new HistoryStore(dir, () => undefined).save(conversationVersion(0));
    let version = 0;
    let onDisk = 0;
    let midWrite = 0;
    const outcomes = { old: 0, new: 0, corrupt: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const { child, lines } = await startWriter(dir, version, random.int(1, 3));
      // Kill within the next save or two: as likely during a write as between writes.
      await new Promise((resolve) => setTimeout(resolve, random.int(0, 12)));
      // 'close', not 'exit': every line the writer printed has been read by then.
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGKILL');
      await closed;
      const saved = lines.filter((line) => line.startsWith('saved ')).map((line) => Number(line.slice(6)));
      const started = lines.filter((line) => line.startsWith('saving ')).map((line) => Number(line.slice(7)));
      const lastSaved = saved.at(-1) ?? onDisk;
      const leftovers = fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'));
      if (leftovers.length > 0) midWrite++;
      let found: number | undefined;
      try {
        found = versionOf(JSON.parse(fs.readFileSync(file, 'utf8')));
      } catch {
        found = undefined;
      }
      // The file holds the last finished save, or the one under way if the kill came after its rename.
      if (found === lastSaved) outcomes.old++;
      else if (found !== undefined && found === started.at(-1) && found > lastSaved) outcomes.new++;
      else {
        outcomes.corrupt++;
        process.stdout.write(`      round ${round}: the file holds ${found ?? 'no whole version'} (last saved ${lastSaved}, saving ${started.at(-1)})\n`);
      }
      // What Chorus sees: one conversation, no warning; unfinished temporary files are ignored.
      const warnings: string[] = [];
      const listed = await new HistoryStore(dir, (w) => warnings.push(w)).list();
      assert.deepEqual(listed.map((c) => c.title), [`version ${found ?? '?'}`], `round ${round}: Chorus lists the saved version`);
      assert.deepEqual(warnings, [], `round ${round}: nothing was set aside`);
      for (const name of leftovers) fs.rmSync(path.join(dir, name));
      version = Math.max(version, ...started);
      onDisk = found ?? onDisk;
    }
    figure('Durability', `saves killed mid-way: ${ROUNDS} (${midWrite} left a half-written temporary file); the file then held the old version ${outcomes.old}, the new ${outcomes.new}, a corrupt one ${outcomes.corrupt}`);
    assert.equal(outcomes.corrupt, 0, 'never a corrupt file');
    assert.ok(midWrite > 0, 'some kills landed in the middle of a write');
  });

  it('two saves of one conversation at the same moment leave one of them whole', async () => {
    let corrupt = 0;
    let failed = 0;
    const rounds = 40;
    for (let round = 0; round < rounds; round++) {
      const store = new HistoryStore(dir, () => undefined);
      const a = conversationVersion(2 * round + 7);
      const b = conversationVersion(2 * round + 8);
      const results = await Promise.allSettled([store.save(a), store.save(b)]);
      failed += results.filter((r) => r.status === 'rejected').length;
      let found: number | undefined;
      try {
        found = versionOf(JSON.parse(fs.readFileSync(path.join(dir, `${DURABLE_ID}.json`), 'utf8')));
      } catch {
        found = undefined;
      }
      if (found !== 2 * round + 7 && found !== 2 * round + 8) corrupt++;
    }
    figure('Durability', `concurrent saves of one conversation: ${rounds} pairs; corrupt files ${corrupt}, failed saves ${failed}; temporary files left ${fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')).length}`);
    assert.equal(corrupt, 0, 'the file is always one whole version');
    assert.equal(failed, 0, 'neither save fails');
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temporary file is left');
  });
});
