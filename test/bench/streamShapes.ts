// Answers of the shapes that stress the chat panel differently while they stream: long prose with
// code, one large table, one very long line of code, many tiny paragraphs, one long code block,
// nested lists. Each ends with END_MARKER in a last paragraph, so the page can tell when the
// answer's last character is on screen.
import { generateAnswer } from '../webview/markdownCorpus';

export const END_MARKER = 'END-OF-ANSWER-7Q';

export interface StreamShape {
  readonly name: string;
  readonly text: string;
}

const ending = `\n\nThat is all: ${END_MARKER}.\n`;

function table(bytes: number): string {
  const rows = ['| # | name | kind | note |', '|--:|------|:----:|------|'];
  for (let i = 0; rows.join('\n').length < bytes; i++) rows.push(`| ${i} | \`item_${i}\` | ${i % 3 ? '**warm**' : 'cold'} | row ${i} of the table, with some words |`);
  return rows.join('\n');
}

function singleLine(chars: number): string {
  let line = 'const data = [';
  for (let i = 0; line.length < chars; i++) line += `{id:${i},name:"n${i}",on:${i % 2 === 0}},`;
  return `Here is the line:\n\n\`\`\`js\n${line}];\n\`\`\``;
}

function tinyParagraphs(count: number): string {
  return Array.from({ length: count }, (_, i) => `Point ${i}.`).join('\n\n');
}

function codeBlock(lines: number): string {
  const body = Array.from({ length: lines }, (_, i) => `  const value${i} = compute(${i}, "text ${i}"); // step ${i}`);
  return `The function:\n\n\`\`\`ts\nfunction run(): void {\n${body.join('\n')}\n}\n\`\`\``;
}

function nestedLists(bytes: number): string {
  const parts: string[] = [];
  for (let i = 0; parts.join('\n').length < bytes; i++) {
    if (i % 12 === 0) parts.push(`\n### Part ${i / 12}\n`);
    parts.push(`- item ${i} with *some* text`, `  - sub item ${i}.1 and \`code\``, `    1. deeper ${i}.1.1`, `    2. deeper ${i}.1.2`, `  - sub item ${i}.2`);
  }
  return parts.join('\n');
}

/** The shapes the paced-stream bench drives through the real panel. */
export function streamShapes(): StreamShape[] {
  return [
    { name: 'prose with code blocks, 120 KB', text: generateAnswer({ size: 120_000, codeBlocks: 16, seed: 18 }) + ending },
    { name: 'one table, 60 KB', text: `The table:\n\n${table(60_000)}${ending}` },
    { name: 'one line of code, 40,000 chars', text: singleLine(40_000) + ending },
    { name: '2,000 tiny paragraphs', text: tinyParagraphs(2_000) + ending },
    { name: 'one code block, 500 lines', text: codeBlock(500) + ending },
    { name: 'nested lists, 60 KB', text: nestedLists(60_000) + ending },
  ];
}

/** An answer of about `bytes` (prose and code) with the end marker. */
export function answerOfSize(bytes: number, seed: number): string {
  return generateAnswer({ size: bytes, codeBlocks: Math.max(1, Math.round(bytes / 8_000)), seed }) + ending;
}
