// The XSS payloads, read from the vendored public corpora in corpus/ (sources and licences:
// corpus/SOURCES.md). Each payload is sent verbatim as a model answer.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';

export interface Payload {
  /** e.g. "dompurify#17", "markdown-it#3", "blns#120". */
  readonly id: string;
  readonly text: string;
}

const corpusDir = path.join(repoRoot, 'test', 'security', 'corpus');

/** DOMPurify's test/fixtures/expect.mjs, as JSON: every `payload`. */
function dompurify(): Payload[] {
  const entries = JSON.parse(fs.readFileSync(path.join(corpusDir, 'dompurify-expect.json'), 'utf8')) as Array<{ payload: string }>;
  return entries.map((entry, i) => ({ id: `dompurify#${i}`, text: entry.payload }));
}

/**
 * markdown-it's test/fixtures/markdown-it/xss.txt: cases of "title, '.', input, '.', expected
 * output, '.'"; every input.
 */
function markdownIt(): Payload[] {
  const lines = fs.readFileSync(path.join(corpusDir, 'markdown-it-xss.txt'), 'utf8').split('\n');
  const inputs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '.') continue;
    const end = lines.indexOf('.', i + 1);
    const close = lines.indexOf('.', end + 1);
    if (end < 0 || close < 0) break;
    inputs.push(lines.slice(i + 1, end).join('\n'));
    i = close;
  }
  return inputs.map((text, i) => ({ id: `markdown-it#${i}`, text }));
}

/** The Big List of Naughty Strings (blns.txt): the section of strings that attempt script injection. */
function blnsScriptInjection(): Payload[] {
  const out: Payload[] = [];
  let inSection = false;
  for (const line of fs.readFileSync(path.join(corpusDir, 'blns.txt'), 'utf8').split('\n')) {
    if (line.startsWith('#\t')) {
      inSection = /benign script injection/i.test(line);
      continue;
    }
    if (line.startsWith('#') || line === '' || !inSection) continue;
    out.push({ id: `blns#${out.length}`, text: line });
  }
  return out;
}

export function xssPayloads(): Payload[] {
  return [...dompurify(), ...markdownIt(), ...blnsScriptInjection()];
}

/** How many payloads each corpus gave, for the report. */
export function corpusCounts(): Record<string, number> {
  return { 'DOMPurify expect': dompurify().length, 'markdown-it xss.txt': markdownIt().length, 'blns script injection': blnsScriptInjection().length };
}
