export { startHarness, RESULTS_DIR, type Harness, type HarnessOptions } from './start-harness'
export { CHROMIUM_MISSING, findChromium } from './chromium'
