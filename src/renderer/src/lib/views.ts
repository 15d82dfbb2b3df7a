// The app's top-level views, in navigation order, with their keyboard shortcuts (Alt+digit).
export const VIEW_NAMES = ['datasets', 'experiments', 'runs', 'samples', 'sessions', 'sweeps', 'settings'] as const
export type ViewName = (typeof VIEW_NAMES)[number]

export function isViewName(value: unknown): value is ViewName {
  return typeof value === 'string' && (VIEW_NAMES as readonly string[]).includes(value)
}

/** Alt+1..7 picks a view; anything else is not a navigation shortcut. */
export function viewForShortcut(key: string, altKey: boolean): ViewName | null {
  if (!altKey) return null
  const n = Number(key)
  return Number.isInteger(n) && n >= 1 && n <= VIEW_NAMES.length ? VIEW_NAMES[n - 1] : null
}
