import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every file under `dir` whose bytes contain `secret` (as UTF-8), with its path relative to `dir`. */
export function filesContaining(dir: string, secret: string, skip: (relative: string) => boolean = () => false): string[] {
  const needle = Buffer.from(secret, 'utf8');
  const hits: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      const relative = path.relative(dir, full);
      if (skip(relative)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.readFileSync(full).includes(needle)) hits.push(relative);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return hits;
}
