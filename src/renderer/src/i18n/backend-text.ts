// lib/backend-label's words in the current language.
import type { BackendText } from '../lib/backend-label'
import { t } from './index'

export function backendText(): BackendText {
  return {
    threads: (n) => t('shell.backendText.threads', n),
    onednn: (version) => t('shell.backendText.onednn', { version }),
    vendor: t('shell.backendText.vendor'),
    architecture: t('shell.backendText.architecture'),
    description: t('shell.backendText.description'),
    software: t('shell.backendText.software')
  }
}
