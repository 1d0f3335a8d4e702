/** Harness output, prefixed so it stands apart from mocha's report. */
export function say(message: string): void {
  process.stdout.write(`[chorus-test] ${message}\n`);
}

/** Stops the harness with a message that says what is missing and how to get it. */
export function fail(message: string): never {
  process.stderr.write(`[chorus-test] ERROR: ${message}\n`);
  process.exit(1);
}
