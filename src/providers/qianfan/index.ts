// Public surface of the Qianfan wenxinworkshop provider.

export { createQianfanProvider, type QianfanAuthOptions, type QianfanProviderOptions } from './provider';
export { createQianfanProtocol, DEFAULT_MAX_INPUT_CHARS, type QianfanProtocolOptions } from './qianfanProtocol';
export { qianfanTokenAuth, type QianfanTokenHooks, type StoredQianfanToken } from './tokenAuth';
export { qianfanSignatureAuth } from './signatureAuth';
export { bceAuthorization, bceTimestamp } from './signer';
export { QIANFAN_CODES, qianfanCode, type QianfanAction, type QianfanCode } from './errorCodes';
export { turnsDroppedMessage } from './qianfanText';
export type { SystemPromptMode } from './conversation';
export type { QianfanParameters } from './request';
