// A child process for the durability suite: saves one conversation through the real HistoryStore
// over and over, a new version each time, until it is killed. It says "saving N" before each save
// and "saved N" after, so the parent knows which versions may be on disk.
import { HistoryStore } from '../../src/chat/historyStore';
import { conversationVersion } from './historyVersions';

const [dir, start] = process.argv.slice(2);
const store = new HistoryStore(dir!, (warning) => process.stdout.write(`warning ${warning}\n`));

void (async () => {
  for (let version = Number(start) + 1; ; version++) {
    process.stdout.write(`saving ${version}\n`);
    await store.save(conversationVersion(version));
    process.stdout.write(`saved ${version}\n`);
  }
})();
