// The one OpenAI-compatible protocol instance the presets share.

import { createOpenAIProtocol } from '../openaiClient';

export const openaiProtocol = createOpenAIProtocol();
