import { describeWebgpu } from '../backend/webgpu/gate'
import { describeGoldenSteps } from './golden-suite'

describeGoldenSteps('webgpu', describeWebgpu)
