// ESLint over src and test: the layer zones (who may import whom), short functions in src, and
// typescript-eslint's recommended rules. No type information is loaded, so the lint stays fast.
//
// Layers, lowest first (a layer imports only those below it; see "Layers" in README.md):
//   src/shared     host ↔ webview protocol and conversation types: no vscode, no DOM, nothing else of ours
//   src/providers  the provider module: no vscode, nothing else of ours
//   src/prompts    what is sent to a model (chat turns, explain, rewrite): no vscode; providers, shared
//   src/webview    the panel's browser bundle: only src/webview and src/shared
//   src/util       host plumbing (Disposable)
//   src/ui         how the host words and shows things (error text, notifications)
//   src/config     settings, secrets, provider factory, workspace trust
//   src/editor     selection, rewrite preview and apply; never src/chat
//   src/chat       the chat view (host side) and its conversations
//   src/scm        Source Control: commit messages through the git extension's API; never src/chat
//   src/context    what the chat can be given (files, problems, terminal, git changes, symbols); never src/chat
//   src/lm         Chorus's providers as VS Code language models (1.104+); imported only by src/extension.ts
//   src/commands   user-facing actions; imported only by src/extension.ts
//   src/extension.ts  wires everything

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import eslintComments from '@eslint-community/eslint-plugin-eslint-comments';

/** A zone: files under `target` may not import files under `from` (except `except`). */
function zone(target, from, message, except) {
  return { target, from, message, ...(except ? { except } : {}) };
}

const OURS = ['./src/shared', './src/providers', './src/prompts', './src/webview', './src/util', './src/ui', './src/config', './src/editor', './src/chat', './src/scm', './src/context', './src/lm', './src/commands', './src/extension.ts'];

/** `target` may import only the folders in `allowed` (itself included) among ours. */
function onlyFrom(target, allowed, why) {
  return OURS.filter((dir) => dir !== target && !allowed.includes(dir)).map((from) => zone(target, from, why));
}

const zones = [
  ...onlyFrom('./src/shared', [], 'src/shared is shared by the host and the webview: it imports nothing else of ours.'),
  ...onlyFrom('./src/providers', [], 'src/providers runs in plain Node: it imports nothing else of ours.'),
  ...onlyFrom('./src/prompts', ['./src/providers', './src/shared'], 'src/prompts builds requests from providers and shared types only.'),
  ...onlyFrom('./src/webview', ['./src/shared'], 'src/webview is the browser bundle: it imports only src/webview and src/shared.'),
  ...onlyFrom('./src/util', [], 'src/util is the bottom of the host code: it imports nothing else of ours.'),
  ...onlyFrom('./src/ui', ['./src/providers', './src/shared', './src/util'], 'src/ui sits below config, editor, chat and commands.'),
  ...onlyFrom('./src/config', ['./src/providers', './src/shared', './src/util', './src/ui'], 'src/config sits below editor, chat and commands.'),
  ...onlyFrom('./src/editor', ['./src/providers', './src/shared', './src/prompts', './src/util', './src/ui', './src/config'], 'src/editor never imports src/chat or src/commands.'),
  ...onlyFrom('./src/context', ['./src/providers', './src/shared', './src/prompts', './src/util', './src/ui', './src/config', './src/editor', './src/scm'], 'src/context never imports src/chat or src/commands.'),
  ...onlyFrom('./src/chat', ['./src/providers', './src/shared', './src/prompts', './src/util', './src/ui', './src/config', './src/editor', './src/context'], 'src/chat never imports src/commands.'),
  ...onlyFrom('./src/scm', ['./src/providers', './src/shared', './src/prompts', './src/util', './src/ui', './src/config', './src/editor'], 'src/scm never imports src/chat or src/commands.'),
  ...onlyFrom('./src/lm', ['./src/providers', './src/shared', './src/prompts', './src/util', './src/ui', './src/config'], 'src/lm is imported only by src/extension.ts; it uses providers through src/config.'),
  ...onlyFrom('./src/commands', ['./src/providers', './src/shared', './src/prompts', './src/util', './src/ui', './src/config', './src/editor', './src/chat', './src/scm', './src/context'], 'src/commands is imported only by src/extension.ts.'),
];

const noVscode = (why) => ({
  'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: why }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'run/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // A rule is switched off only for a line, with the reason after `--`; a stale switch-off is an error.
    files: ['src/**/*.ts', 'test/**/*.ts'],
    plugins: { '@eslint-community/eslint-comments': eslintComments },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@eslint-community/eslint-comments/require-description': 'error',
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
      '@eslint-community/eslint-comments/disable-enable-pair': 'error',
      '@eslint-community/eslint-comments/no-restricted-disable': ['error', 'import-x/no-restricted-paths', 'no-restricted-imports', 'max-lines-per-function'],
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, IIFEs: true }],
    },
  },
  {
    files: ['src/providers/**/*.ts', 'src/shared/**/*.ts', 'src/prompts/**/*.ts'],
    rules: noVscode('This code runs in plain Node and in the webview bundle: no vscode.'),
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: noVscode('The webview is a browser page: it talks to the host through src/shared/webviewProtocol only.'),
  },
  {
    // The host's pure logic, unit-tested in plain Node.
    files: [
      'src/editor/cleanRewrite.ts',
      'src/editor/streamingPreview.ts',
      'src/editor/anchor.ts',
      'src/editor/instructionHistory.ts',
      'src/editor/enclosingSymbol.ts',
      'src/chat/chatController.ts',
      'src/chat/historyStore.ts',
      'src/chat/exportMarkdown.ts',
      'src/chat/exportEscape.ts',
      'src/chat/linkTarget.ts',
      'src/config/settings.ts',
      'src/config/workspaceOverride.ts',
      'src/ui/inertText.ts',
      'src/config/endpoints.ts',
      'src/lm/lmMessages.ts',
      'src/lm/lmChatProvider.ts',
      'src/lm/lmModelId.ts',
      'src/lm/toolArguments.ts',
      'src/context/fileMatch.ts',
      'src/context/excludeGlobs.ts',
      'src/context/gitignoreFilter.ts',
      'src/context/cappedText.ts',
      'src/context/problemText.ts',
      'src/context/terminalText.ts',
    ],
    rules: noVscode('This file is unit-tested in plain Node: keep vscode out (pass what it needs in).'),
  },
  {
    files: ['test/unit/**/*.ts'],
    rules: noVscode('Unit tests run in plain Node, where there is no vscode module.'),
  },
);
