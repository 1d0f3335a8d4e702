// How a Chorus model is named to VS Code, and read back when VS Code asks for an answer from it.

/** A model's id for VS Code: the provider id (never contains "/"), a slash, the model name. */
export function lmModelId(provider: string, model: string): string {
  return `${provider}/${model}`;
}

export function parseLmModelId(id: string): { readonly provider: string; readonly model: string } {
  const slash = id.indexOf('/');
  return slash < 0 ? { provider: id, model: '' } : { provider: id.slice(0, slash), model: id.slice(slash + 1) };
}
