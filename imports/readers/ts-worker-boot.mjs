// Entry of a reader thread started from the TypeScript sources (tsx, vitest), not from the compiled CLI
// bundle: a worker inherits neither vitest's transform nor, reliably, tsx's loader hooks, so it registers
// tsx itself before loading the worker module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
