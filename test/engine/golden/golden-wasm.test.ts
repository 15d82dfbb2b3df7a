import { describeGoldenSteps } from './golden-suite'

describeGoldenSteps('wasm')
