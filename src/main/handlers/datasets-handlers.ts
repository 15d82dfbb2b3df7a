import type { DatasetSamplesPage } from '../../shared/contract'
import type { DatasetId } from '../../shared/config/experiment-config'
import type { DatasetDetail, DatasetSummary, SplitRequest, SplitSummary } from '../../shared/datasets'
import type { DomainHandlers, ShellPorts } from '../ipc/handler-types'

type Awaitable<T> = T | Promise<T>
type CifarId = Exclude<DatasetId, 'mnist'>

/** What the handlers need of the dataset catalog (services/dataset-catalog.ts). */
export interface DatasetCatalogPort {
  list(): Awaitable<DatasetSummary[]>
  get(id: DatasetId): Awaitable<DatasetDetail>
  split(request: SplitRequest): Awaitable<SplitSummary>
  samples(request: { id: DatasetId; split: 'train' | 'test'; offset: number; limit: number }): Awaitable<DatasetSamplesPage>
  import(id: CifarId, path: string): Awaitable<DatasetSummary>
  download(id: CifarId): Awaitable<DatasetSummary>
}

const TITLES: Record<CifarId, string> = { cifar10: 'CIFAR-10', cifar100: 'CIFAR-100' }

export function datasetsHandlers(catalog: DatasetCatalogPort, shell: ShellPorts): DomainHandlers<'datasets'> {
  return {
    'datasets:list': async () => catalog.list(),
    'datasets:get': async ({ id }) => catalog.get(id),
    'datasets:split': async (request) => catalog.split(request),
    'datasets:samples': async (request) => catalog.samples(request),
    'datasets:import': async ({ id, path }) => {
      const chosen =
        path ??
        (await shell.pickOpenPath({
          title: `Choose the ${TITLES[id]} binary archive (.tar.gz) or its extracted folder`,
          directory: false,
          filters: [{ name: `${TITLES[id]} archive`, extensions: ['gz', 'tgz', 'tar'] }]
        }))
      return chosen === null ? null : catalog.import(id, chosen)
    },
    'datasets:download': async ({ id }) => catalog.download(id)
  }
}
