// The `algorithm` group of the experiment form, and its labels and hints in each language, from
// the definitions: the common settings first (their hints name the algorithms that read them),
// then each algorithm's own settings in registry order, as in the config.
import { z } from 'zod'
import { COMMON_SETTING_META, COMMON_SETTINGS, type CommonSettingKey, type SettingMeta, type Text } from './definition'
import { ALGORITHM_DEFINITIONS, readersOf, type AlgorithmSettingKey } from './registry'

export type Language = keyof Text

export interface AlgorithmSettingField {
  /** The key in the config's `algorithm` object. */
  key: CommonSettingKey | AlgorithmSettingKey
  kind: 'number' | 'bool' | 'enum'
  options?: readonly string[]
  step?: number
  label: Text
  /** With the readers first for a common setting that asks for them. */
  help?: Text
}

function kindOf(schema: z.ZodType): Pick<AlgorithmSettingField, 'kind' | 'options'> {
  const inner = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema
  if (inner instanceof z.ZodBoolean) return { kind: 'bool' }
  if (inner instanceof z.ZodEnum) return { kind: 'enum', options: inner.options as readonly string[] }
  if (inner instanceof z.ZodNumber) return { kind: 'number' }
  throw new Error('an algorithm setting is a number, a boolean or an enum')
}

function field(key: string, schema: z.ZodType, meta: SettingMeta, readers: Text | null): AlgorithmSettingField {
  const help = meta.help && readers ? { en: `${readers.en}: ${meta.help.en}`, ko: `${readers.ko}: ${meta.help.ko}` } : meta.help
  return {
    key: key as AlgorithmSettingField['key'],
    ...kindOf(schema),
    ...(meta.step !== undefined ? { step: meta.step } : {}),
    label: meta.label,
    ...(help ? { help } : {})
  }
}

/** Every setting of the config's `algorithm` object but its name, in config order. */
export function algorithmSettingFields(): AlgorithmSettingField[] {
  const common = (Object.keys(COMMON_SETTINGS) as CommonSettingKey[]).map((key) => {
    const meta = COMMON_SETTING_META[key]
    const titles = readersOf(key).map((d) => d.title)
    const readers = meta.readersFirst ? { en: titles.map((t) => t.en).join(', '), ko: titles.map((t) => t.ko).join(', ') } : null
    return field(key, COMMON_SETTINGS[key], meta, readers)
  })
  const own = ALGORITHM_DEFINITIONS.flatMap((d) =>
    Object.entries(d.settings as z.ZodRawShape).map(([key, schema]) => field(key, schema as z.ZodType, (d.settingMeta as Record<string, SettingMeta>)[key], null))
  )
  return [...common, ...own]
}

/** The form's labels of the algorithm's settings in one language: { threshold: 'Threshold τ', ... }. */
export function algorithmSettingLabels(language: Language): Record<string, string> {
  return Object.fromEntries(algorithmSettingFields().map((f) => [f.key, f.label[language]]))
}

/** The form's hints of the algorithm's settings that have one, in one language. */
export function algorithmSettingHelp(language: Language): Record<string, string> {
  return Object.fromEntries(algorithmSettingFields().flatMap((f) => (f.help ? [[f.key, f.help[language]]] : [])))
}
