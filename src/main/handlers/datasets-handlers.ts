// datasets:* channels over the dataset catalog; the archive or folder comes from main's dialog.
import { CIFAR_LAYOUTS } from '../../node/data/cifar'
import type { DomainHandlers, ShellPorts } from '../ipc/handler-types'
import type { DatasetCatalog } from '../services/dataset-catalog'

export function datasetsHandlers(catalog: DatasetCatalog, shell: ShellPorts): DomainHandlers<'datasets'> {
  return {
    'datasets:list': async () => catalog.list(),
    'datasets:get': async ({ id }) => catalog.get(id),
    'datasets:split': async (request) => catalog.split(request),
    'datasets:samples': async (request) => catalog.samples(request),
    'datasets:import': async ({ id }) => {
      const title = CIFAR_LAYOUTS[id].title
      const chosen = await shell.pickOpenPath({
        title: `Choose the ${title} binary archive (.tar.gz) or its extracted folder`,
        directory: false,
        filters: [{ name: `${title} archive`, extensions: ['gz', 'tgz', 'tar'] }]
      })
      return chosen === null ? null : catalog.import(id, chosen)
    },
    'datasets:download': async ({ id }) => catalog.download(id)
  }
}
