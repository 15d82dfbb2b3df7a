// The live dashboard's charts, as data: which series each draws and on which axis.
// The seed's plot (pseudo-label accuracy over the whole unlabeled batch) comes first.
// Titles, line and axis names are message keys: charts.dashboard.<id>, charts.line.<name>,
// charts.axis.<name> (useDashboardLines translates them).
import type { AxisSpec } from './line-chart-option'
import type { EvalSeriesKey, StepSeriesKey } from './series-store'

export type LineSource = { source: 'steps'; key: StepSeriesKey } | { source: 'evals'; key: EvalSeriesKey }

export interface DashboardLine {
  /** charts.line.<name> */
  name: string
  from: LineSource
  axis?: 0 | 1
}

export interface DashboardChart {
  /** Also its title, charts.dashboard.<id>. */
  id: string
  lines: DashboardLine[]
  yAxes: [AxisSpec] | [AxisSpec, AxisSpec]
  wide?: boolean
  /** Never smoothed: a schedule, or sparse evaluation points. */
  unsmoothed?: boolean
}

const steps = (key: StepSeriesKey): LineSource => ({ source: 'steps', key })
const evals = (key: EvalSeriesKey): LineSource => ({ source: 'evals', key })

export const DASHBOARD_CHARTS: readonly DashboardChart[] = [
  {
    id: 'placc',
    lines: [{ name: 'plAccAll', from: steps('plAccAll') }],
    yAxes: [{ name: 'accuracy', percent: true, min: 0, max: 1 }],
    wide: true
  },
  {
    id: 'masked',
    lines: [
      { name: 'plAccMasked', from: steps('plAccMasked') },
      { name: 'maskRate', from: steps('maskRate') }
    ],
    yAxes: [{ name: 'fraction', percent: true, min: 0, max: 1 }]
  },
  {
    id: 'confident-wrong',
    lines: [{ name: 'confidentWrong', from: steps('confidentWrong') }],
    yAxes: [{ name: 'count', min: 0 }]
  },
  {
    id: 'loss',
    lines: [
      { name: 'lossX', from: steps('lossX') },
      { name: 'lossU', from: steps('lossU') }
    ],
    yAxes: [{ name: 'loss', min: 0 }]
  },
  {
    id: 'lr',
    lines: [{ name: 'lr', from: steps('lr') }],
    yAxes: [{ name: 'lr', min: 0 }],
    unsmoothed: true
  },
  {
    id: 'test',
    lines: [
      { name: 'rawModel', from: evals('testAcc') },
      { name: 'emaModel', from: evals('emaTestAcc') }
    ],
    yAxes: [{ name: 'accuracy', percent: true, min: 0, max: 1 }],
    unsmoothed: true
  }
]

/** Wall-clock x: seconds since the run's first record. */
export function relativeSeconds(times: ArrayLike<number>, t0: number): Float64Array {
  const out = new Float64Array(times.length)
  for (let i = 0; i < times.length; i++) out[i] = (times[i] - t0) / 1000
  return out
}
