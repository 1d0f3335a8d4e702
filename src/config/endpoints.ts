// `chorus.endpoints`: the user's own OpenAI-compatible endpoints, read and checked. An entry with a
// mistake stays listed and is refused when used, with a message naming the setting and the fix.
// No `vscode` import: unit-tested in plain Node (the host passes vscode.l10n.t as `t`).

import { ENDPOINT_PRESETS, formatRange, inRange, isHttpUrl, openaiPreset, type NumericParam, type ProviderPreset, type Translate } from '../providers';

export const ENDPOINT_ID_PATTERN = /^[a-z0-9-]+$/;
export const THINKING_MODES = ['auto', 'on', 'off'] as const;
export type ThinkingMode = (typeof THINKING_MODES)[number];

export interface Endpoint {
  readonly id: string;
  readonly name: string;
  /** The preset it follows; OpenAI-compatible defaults when it names none. */
  readonly preset: ProviderPreset;
  readonly baseUrl: string;
  /** '' when unset: the preset's default model, else the first model the server lists. */
  readonly model: string;
  readonly requestsPerMinute?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
  readonly vision?: boolean;
  readonly thinking: ThinkingMode;
  /** Defined in the workspace's settings (asked about before anything is sent to it). */
  readonly fromWorkspace: boolean;
  /** Why it cannot be used, in the user's language; undefined when it can. */
  readonly problem?: string;
}

export function endpointPreset(id: string): ProviderPreset | undefined {
  return ENDPOINT_PRESETS.find((p) => p.id === id);
}

type Entry = Record<string, unknown>;

const NUMERIC: ReadonlyArray<{ readonly field: 'temperature' | 'topP' | 'maxTokens' | 'requestsPerMinute'; readonly wire?: NumericParam }> = [
  { field: 'temperature', wire: 'temperature' },
  { field: 'topP', wire: 'top_p' },
  { field: 'maxTokens', wire: 'max_tokens' },
  { field: 'requestsPerMinute' },
];

const RPM_RANGE = { min: 0, max: 6000, integer: true };

/**
 * The entries of one settings layer. `taken` holds ids already defined (built-ins, and the user's own
 * endpoints when reading the workspace's): a clash is refused, so an id always means one thing.
 */
export function parseEndpoints(raw: unknown, options: { readonly fromWorkspace: boolean; readonly taken: ReadonlySet<string>; readonly t: Translate }): Endpoint[] {
  if (!Array.isArray(raw)) return [];
  const { t } = options;
  const seen = new Set(options.taken);
  const out: Endpoint[] = [];
  raw.forEach((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return;
    const endpoint = parseEntry(item as Entry, index, options);
    // A workspace entry may not stand in for the user's endpoint of the same id.
    if (options.fromWorkspace && options.taken.has(endpoint.id)) return;
    const problem = endpoint.problem ?? (seen.has(endpoint.id) ? t('chorus.endpoints: the id "{0}" is used twice, or is a built-in provider id; give each endpoint its own id.', endpoint.id) : undefined);
    seen.add(endpoint.id);
    out.push(problem ? { ...endpoint, problem } : endpoint);
  });
  return out;
}

function parseEntry(entry: Entry, index: number, { fromWorkspace, t }: { readonly fromWorkspace: boolean; readonly t: Translate }): Endpoint {
  const text = (key: string): string => (typeof entry[key] === 'string' ? (entry[key] as string).trim() : '');
  const id = text('id') || `#${index + 1}`;
  const presetId = text('preset');
  const preset = presetId ? endpointPreset(presetId) : undefined;
  const thinking = (THINKING_MODES as readonly unknown[]).includes(entry.thinking) ? (entry.thinking as ThinkingMode) : 'auto';
  const base = {
    id,
    name: text('name') || preset?.label || preset?.name || id,
    preset: preset ?? openaiPreset,
    baseUrl: text('baseUrl') || preset?.baseUrl || '',
    model: text('model'),
    vision: typeof entry.vision === 'boolean' ? entry.vision : undefined,
    thinking,
    fromWorkspace,
  };
  const numbers: Partial<Record<(typeof NUMERIC)[number]['field'], number>> = {};
  let problem: string | undefined;
  const refuse = (message: string): void => {
    problem ??= message;
  };
  if (!ENDPOINT_ID_PATTERN.test(text('id'))) refuse(t('chorus.endpoints entry {0}: "id" must be lower-case letters, digits and "-".', index + 1));
  if (presetId && !preset) refuse(t('chorus.endpoints › {0}: unknown preset "{1}"; use one of {2}.', id, presetId.slice(0, 40), ENDPOINT_PRESETS.map((p) => p.id).join(', ')));
  if (!isHttpUrl(base.baseUrl)) refuse(t('chorus.endpoints › {0}: "baseUrl" must be an http(s) address.', id));
  for (const { field, wire } of NUMERIC) {
    const value = entry[field];
    if (value === undefined || value === null) continue;
    const range = wire ? (base.preset.ranges[wire] ?? {}) : RPM_RANGE;
    if (typeof value !== 'number' || !inRange(value, range)) {
      refuse(t('chorus.endpoints › {0} › {1} is {2}; {3} takes {4}.', id, field, String(value).slice(0, 40), base.name, formatRange(range)));
      continue;
    }
    numbers[field] = value;
  }
  return { ...base, ...numbers, ...(problem ? { problem } : {}) };
}
