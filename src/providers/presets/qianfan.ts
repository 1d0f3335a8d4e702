// Baidu Qianfan wenxinworkshop v1 (the ChatGLM3-6B custom-endpoint seed): its own protocol (not
// OpenAI-compatible), the "model" is the endpoint (the service address after /wenxinworkshop/chat/),
// text only, and of the ChatRequest parameters only temperature (0, 1], top_p [0, 1] and stop.
// Keys are two (API Key + Secret Key, or IAM Access Key + Secret Key): build it with
// createQianfanProvider (qianfan/provider.ts), which adds the matching Auth.

import type { ProviderPreset } from '../preset';
import { createQianfanProtocol, type QianfanProtocolOptions } from '../qianfan/qianfanProtocol';
import { needsQianfanAuth } from '../qianfan/qianfanText';
import { checkEndpoint } from '../qianfan/request';

export const QIANFAN_BASE_URL = 'https://aip.baidubce.com';
export const QIANFAN_DEFAULT_ENDPOINT = 'chatglm3_6b';

/** The preset with a protocol for these options (input limit, system prompt placement, extra parameters). */
export function createQianfanPreset(options: QianfanProtocolOptions = {}): ProviderPreset {
  return {
    id: 'qianfan',
    name: 'Qianfan',
    label: 'Baidu Qianfan (千帆)',
    keyUrl: 'https://console.bce.baidu.com/qianfan/ais/console/applicationConsole/application',
    protocol: createQianfanProtocol(options),
    baseUrl: QIANFAN_BASE_URL,
    defaultModel: QIANFAN_DEFAULT_ENDPOINT,
    knownModels: [QIANFAN_DEFAULT_ENDPOINT],
    keyRequired: 'always',
    params: ['temperature', 'top_p', 'stop'],
    ranges: {
      // The seed: "范围(0, 1.0],不能为0".
      temperature: { min: 0, minExclusive: true, max: 1 },
      top_p: { min: 0, max: 1 },
    },
    roles: ['system', 'user', 'assistant'],
    acceptsImages: () => false,
    checkModel: checkEndpoint,
    listModels: false,
  };
}

/**
 * The registry's entry: it describes Qianfan (defaults, parameters, no images, no model list), but a
 * provider made from it by registry.create() refuses calls, since it cannot hold the two keys.
 */
export const qianfanPreset: ProviderPreset = createQianfanPreset({ refuse: needsQianfanAuth });
