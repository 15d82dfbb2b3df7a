// USB's fully supervised baseline (U fullysupervised/fullysupervised.py) on every training
// label: the oracle, the upper bound of a comparison. The same strategy as `supervised`; as an
// `oracle` the engine gives it oracleSplit (supervised.ts).
import { defineAlgorithm } from './definition'
import { SupervisedStrategy } from './supervised'

export const definition = defineAlgorithm({
  name: 'fullysupervised',
  title: { en: 'Fully supervised (oracle)', ko: '완전 지도 학습 (오라클)' },
  summary: 'every training label: an oracle',
  bound: true,
  oracle: true,
  settings: {},
  settingMeta: {},
  // Its sweeps read the model at the config's threshold.
  reads: ['threshold'],
  ruleKind: 'threshold',
  createStrategy: (s) => new SupervisedStrategy(s.name, s.threshold)
})
