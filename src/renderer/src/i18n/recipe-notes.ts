// shared/config/presets' paper-recipe notes in the current language.
import type { RecipeNote } from '../../../shared/config/presets'
import { t } from './index'

export function recipeNoteText(note: RecipeNote): string {
  const key = note.field === 'model.arch' ? 'arch' : 'weightDecay'
  return t(`algorithms.recipe.${key}`, { dataset: note.dataset.toUpperCase().replace('CIFAR', 'CIFAR-'), paper: note.paper, value: note.value, preset: t(`experiments.presets.${note.preset}.title`) })
}
