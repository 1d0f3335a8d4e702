// The figures the security suite measures, collected as the tests run and printed together at the
// end by test/harness/runSecurity.ts (each test also prints its own line as it goes).

const lines: Array<{ readonly section: string; readonly text: string }> = [];

/** Records a figure line under a section heading, e.g. figure('XSS', 'payloads tried: 480'). */
export function figure(section: string, text: string): void {
  lines.push({ section, text });
  process.stdout.write(`      [figure] ${section}: ${text}\n`);
}

/** All figures so far, grouped by section in the order sections first appeared. */
export function figureReport(): string {
  const sections = [...new Set(lines.map((l) => l.section))];
  return sections.map((s) => [`  ${s}`, ...lines.filter((l) => l.section === s).map((l) => `    ${l.text}`)].join('\n')).join('\n');
}
