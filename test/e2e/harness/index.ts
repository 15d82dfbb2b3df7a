export { startHarness, RESULTS_DIR, type Harness, type HarnessOptions } from './start-harness'
export { CHROMIUM_MISSING, findChromium } from './chromium'
export { measureStartup, startupFigure, type StartupFigure } from './startup'
