import { describeGoldenSteps } from './golden-suite'

describeGoldenSteps('cpu')
