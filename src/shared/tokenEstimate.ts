// A token estimate without a tokenizer, for the host and the webview alike: DeepSeek's
// documentation puts one English character at about 0.3 tokens and one Chinese character at about
// 0.6; code tokenizes like English. Rounded up, so a budget built on it errs on the side of less.

/** CJK ideographs, kana, Hangul and full-width punctuation: each is about 0.6 tokens. */
const WIDE = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g;

export function estimateTokens(text: string): number {
  if (!text) return 0;
  const wide = text.match(WIDE)?.length ?? 0;
  const astral = text.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0;
  const narrow = text.length - astral - wide;
  return Math.ceil(wide * 0.6 + narrow * 0.3);
}
