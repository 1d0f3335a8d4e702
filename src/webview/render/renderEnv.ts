/** What a code block shows and what its buttons hand over. */
export interface CodeBlockContent {
  /** The text exactly as written (see `exactCode`). */
  readonly exact: string;
  /** The text shown (\n line endings). */
  readonly shown: string;
  /** highlight.js language, or 'plaintext'. */
  readonly language: string;
}

/** The `env` markdown-it passes to every render rule during one render. */
export interface RenderEnv {
  /** Index of the first code block this render produces, within the whole message. */
  readonly codeIndexStart: number;
  /** Each code block rendered so far, in order; its highlighted code is added after sanitizing. */
  readonly codes: CodeBlockContent[];
  /** Raw line endings of the parsed text, undefined when they are all \n. */
  readonly lineTerminators: readonly string[] | undefined;
  /** How many links enclose the token being rendered. */
  linkDepth: number;
}
