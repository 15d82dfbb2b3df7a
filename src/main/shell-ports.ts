// The shell's native abilities (dialogs, trash) for services and handlers.
import { dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron'
import type { ShellPorts } from './ipc/handler-types'

export function electronShellPorts(getWindow: () => BrowserWindow | null): ShellPorts {
  return {
    async pickOpenPath({ title, directory, filters }) {
      const options: OpenDialogOptions = {
        title,
        properties: directory ? ['openDirectory'] : ['openFile'],
        ...(filters ? { filters } : {})
      }
      const window = getWindow()
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async pickSavePath({ title, defaultName }) {
      const window = getWindow()
      const options = { title, defaultPath: defaultName }
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      return result.canceled ? null : (result.filePath ?? null)
    },
    trash: (path) => shell.trashItem(path)
  }
}
