// Small DOM helpers: elements are built with text content only, never from HTML strings (the one
// place that sets HTML is the Markdown renderer, after DOMPurify).

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; attrs?: Record<string, string>; text?: string } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  if (props.text !== undefined) node.textContent = props.text;
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A button with a codicon and an accessible label; `label` shows as text when `showLabel`. */
export function iconButton(icon: string, label: string, onClick: (event: MouseEvent) => void, showLabel = false): HTMLButtonElement {
  const button = el('button', { class: `chorus-button${showLabel ? '' : ' icon-only'}`, attrs: { type: 'button', title: label, 'aria-label': label } });
  button.append(el('span', { class: `codicon codicon-${icon}`, attrs: { 'aria-hidden': 'true' } }));
  if (showLabel) button.append(el('span', { text: label }));
  button.addEventListener('click', onClick);
  return button;
}

/** Replaces `{0}`, `{1}` … with the arguments, as vscode.l10n.t does on the host. */
export function format(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => (args[Number(index)] !== undefined ? String(args[Number(index)]) : match));
}
