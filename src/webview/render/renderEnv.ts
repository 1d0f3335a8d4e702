/** The `env` markdown-it passes to every render rule during one render. */
export interface RenderEnv {
  /** Index of the first code block this render produces, within the whole message. */
  readonly codeIndexStart: number;
  /** Exact text of each code block rendered so far, in order (see `exactCode`). */
  readonly codes: string[];
  /** Raw line endings of the parsed text, undefined when they are all \n. */
  readonly lineTerminators: readonly string[] | undefined;
  /** How many links enclose the token being rendered. */
  linkDepth: number;
}
