// The presets a `chorus.endpoints` entry can name in its `preset` field. Adding an OpenAI-compatible
// service is its preset file, its line here and its README row; ids, names, key slots, the picker
// and the settings schema follow from this list (test/unit/config/presetSettings.test.ts checks).

import type { ProviderPreset } from '../preset';
import { arkPreset } from './ark';
import { deepseekPreset } from './deepseek';
import { glmPreset } from './glm';
import { hunyuanPreset } from './hunyuan';
import { kimiPreset } from './kimi';
import { lmdeployPreset } from './lmdeploy';
import { ollamaPreset } from './ollama';
import { qwenPreset } from './qwen';
import { siliconflowPreset } from './siliconflow';
import { vllmPreset } from './vllm';

export const ENDPOINT_PRESETS: readonly ProviderPreset[] = [
  deepseekPreset,
  qwenPreset,
  glmPreset,
  kimiPreset,
  siliconflowPreset,
  arkPreset,
  hunyuanPreset,
  ollamaPreset,
  vllmPreset,
  lmdeployPreset,
];
