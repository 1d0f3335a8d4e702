import * as vscode from 'vscode';
import { type HostMessage, parseWebviewMessage } from '../shared/protocol';
import { Disposable } from '../util/disposable';
import { renderWebviewHtml } from './webviewHtml';

/** Hosts the chat side panel (`chorus.chat`): serves its HTML and talks to it through checked messages. */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewId = 'chorus.chat';

  private view: vscode.WebviewView | undefined;
  private readyWaiters: Array<() => void> = [];
  private ready = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly version: string,
  ) {
    super();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const webview = view.webview;
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.extensionUri, 'media'),
      ],
    };
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'chat.css')).toString(),
      lang: vscode.env.language,
    });
    const subscriptions = [
      webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
        for (const subscription of subscriptions) subscription.dispose();
      }),
    ];
    this.log.debug('Chat view resolved');
  }

  /** Resolves once the webview has loaded its script and said it is ready. */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn('Ignored a malformed message from the chat webview');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        void this.post({
          type: 'init',
          version: this.version,
          strings: {
            title: vscode.l10n.t('Chorus'),
            welcome: vscode.l10n.t('Ask about your code with InternLM, Qianfan, Lanrui or any OpenAI-compatible model.'),
            comingSoon: vscode.l10n.t('The chat composer arrives in the next version of Chorus.'),
          },
        });
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        break;
      default: {
        const unreachable: never = message.type;
        this.log.warn(`Unhandled webview message ${String(unreachable)}`);
      }
    }
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.view?.webview.postMessage(message) ?? Promise.resolve(false);
  }
}
