// A run's name as legends show it: an oracle ablation's says so in the current language,
// whatever its name already holds (withAblation's "(oracle)" is English).
import { isOracle, type AblationMode } from '../../../shared/config/ablation'

export function oracleName(name: string, mode: AblationMode | null | undefined, tag: string): string {
  if (!mode || !isOracle(mode) || name.toLowerCase().includes(tag.toLowerCase())) return name
  return `${name} (${tag})`
}
