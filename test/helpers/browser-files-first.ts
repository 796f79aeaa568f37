/**
 * The order test files start in: the browser (e2e) files first — each is among the slowest of the suite —
 * then the rest; within each group vitest's own order (slowest of the last run first, from its results cache,
 * else the larger file first). With two workers pulling files off one queue, a slow file started last would
 * leave the other worker idle for as long as it runs; started first, the short files fill in around it.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const isBrowserTest = (f: TestSpecification) => /[\\/]test[\\/]e2e[\\/]/.test(f.moduleId);

export default class BrowserFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter(isBrowserTest), ...sorted.filter((f) => !isBrowserTest(f))];
  }
}
