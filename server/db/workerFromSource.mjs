// Development and tests only: runs a TypeScript worker module from its source. A worker thread does
// not inherit the tsx or Vitest loader of the thread that started it, and on Node 20 `--import tsx`
// in its execArgv does not cover the worker's own entry file, so this plain module loads tsx and then
// the worker (workerData.tsWorkerEntry). The production bundle starts its compiled worker directly.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.tsWorkerEntry, import.meta.url);
