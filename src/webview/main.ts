import type { HostMessage } from '../shared/protocol';
import { postToHost } from './vscodeApi';

const root = document.getElementById('chorus-app');

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message?.type) {
    case 'init':
      renderWelcome(message);
      break;
  }
});

function renderWelcome(message: Extract<HostMessage, { type: 'init' }>): void {
  if (!root) return;
  const heading = document.createElement('h1');
  heading.className = 'chorus-title';
  heading.textContent = message.strings.title;
  const welcome = document.createElement('p');
  welcome.className = 'chorus-welcome';
  welcome.textContent = message.strings.welcome;
  const soon = document.createElement('p');
  soon.className = 'chorus-note';
  soon.textContent = message.strings.comingSoon;
  root.replaceChildren(heading, welcome, soon);
  root.dataset.version = message.version;
  root.dataset.state = 'ready';
}

postToHost({ type: 'ready' });
