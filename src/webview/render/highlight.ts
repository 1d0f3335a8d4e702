// Syntax highlighting with highlight.js core and a curated set of languages (the full build would
// triple the webview bundle). The fence's language decides; there is no auto-detection, so an
// unknown or missing language is shown as plain text.
import hljs from 'highlight.js/lib/core';
import type { LanguageFn } from 'highlight.js';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import powershell from 'highlight.js/lib/languages/powershell';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { highlightSkipped } from './highlightLimits';
import { escapeHtml } from './html';
import { whenIdle } from './whenIdle';

const languages: Readonly<Record<string, LanguageFn>> = {
  bash, c, cpp, csharp, css, diff, dockerfile, go, ini, java, javascript, json, kotlin, markdown,
  php, powershell, python, ruby, rust, shell, sql, swift, typescript, xml, yaml,
};

/** Fence words that should not mean what highlight.js's own aliases say. */
const aliasOverrides: Readonly<Record<string, string>> = {
  // Models write ```shell for plain commands; highlight.js's "shell" wants `$ ` prompts (console).
  shell: 'bash',
  zsh: 'bash',
  jsonc: 'json',
  json5: 'json',
  toml: 'ini',
  vue: 'xml',
  text: 'plaintext',
  txt: 'plaintext',
  plain: 'plaintext',
  plaintext: 'plaintext',
};

/** Lower-cased name or alias → registered language name. */
const byAlias = new Map<string, string>();
for (const [name, definition] of Object.entries(languages)) {
  hljs.registerLanguage(name, definition);
  byAlias.set(name, name);
  for (const alias of hljs.getLanguage(name)?.aliases ?? []) byAlias.set(alias.toLowerCase(), name);
}
for (const [alias, name] of Object.entries(aliasOverrides)) byAlias.set(alias, name);

/**
 * Prepares every grammar while the page is idle, one per idle callback: highlight.js compiles a
 * grammar (and V8 its regular expressions) the first time it is used, 40 ms for Java, and that
 * landed mid-stream, in the render that showed an answer's first block in that language.
 */
export function prepareGrammarsWhenIdle(): void {
  const names = Object.keys(languages);
  const next = (): void => {
    const name = names.shift();
    if (name === undefined) return;
    hljs.highlight('let a = f("b", 1); // c\n', { language: name, ignoreIllegals: true });
    whenIdle(next, 50);
  };
  whenIdle(next, 50);
}

/** The language a fence names (its info string's first word), or 'plaintext'. */
export function resolveLanguage(fenceLanguage: string): string {
  return byAlias.get(fenceLanguage.toLowerCase()) ?? 'plaintext';
}

/** Highlighted HTML for `code` (escaped text inside `<span class="hljs-…">`); escaped text only past the limits. */
export function highlightToHtml(code: string, language: string): string {
  return highlightPieceToHtml(code, language).html;
}

/**
 * `highlightToHtml`, and whether what follows `code` can be highlighted on its own with the same
 * result as highlighting both together: the code ended outside every token (highlight.js's `_top`,
 * the mode it ended in, is the language itself) and entered no embedded language (whose state
 * highlight.js carries on to the next time that language appears).
 */
export function highlightPieceToHtml(code: string, language: string): { readonly html: string; readonly joins: boolean } {
  if (language === 'plaintext' || !languages[language]) return { html: escapeHtml(code), joins: true };
  if (highlightSkipped(code)) return { html: escapeHtml(code), joins: false };
  const result = hljs.highlight(code, { language, ignoreIllegals: true }) as { value: string; _top?: unknown };
  return { html: result.value, joins: result._top === hljs.getLanguage(language) && !result.value.includes('class="language-') };
}
