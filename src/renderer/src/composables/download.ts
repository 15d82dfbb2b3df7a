// Saving a file from the renderer: an anchor with a download name (no Node, no dialog).
export function downloadUrl(url: string, fileName: string): void {
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

export function downloadText(text: string, fileName: string, mime = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }))
  downloadUrl(url, fileName)
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
