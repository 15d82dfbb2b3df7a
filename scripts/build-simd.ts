// `npm run build:simd`: writes kernels-wasm.ts from kernels.wat (see simd-kernels-assemble.ts).
import { writeFileSync } from 'node:fs'
import { GENERATED_PATH, generatedSource } from './simd-kernels-assemble'

writeFileSync(GENERATED_PATH, await generatedSource())
console.log(`wrote ${GENERATED_PATH}`)
