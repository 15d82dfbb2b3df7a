// Partial configs (a --config file over a preset, a sweep's config and grid values) are laid
// over a full one by deep merge.
export type JsonObject = Record<string, unknown>

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Deep merge: objects merge key by key, anything else replaces. */
export function mergeConfig(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isJsonObject(value) && isJsonObject(out[key]) ? mergeConfig(out[key] as JsonObject, value) : value
  }
  return out
}
