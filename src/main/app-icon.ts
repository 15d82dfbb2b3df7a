// The app icon (resources/icon.png, drawn by scripts/make-icon.ts), also electron-builder's.
// Two folders above main's code both built (out/main) and as source (src/main); packaged,
// inside app.asar, which lists resources/.
import { join } from 'node:path'

export const APP_ICON_FILE = 'resources/icon.png'

export function appIconPath(mainDir: string): string {
  return join(mainDir, '..', '..', APP_ICON_FILE)
}
