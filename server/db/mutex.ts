/** A FIFO async mutex: the SQLite engine's one writer is taken by one write transaction at a time. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the lock; resolves with the function that releases it. */
  lock(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const before = this.tail;
    this.tail = before.then(() => held);
    return before.then(() => release);
  }
}

const byKey = new Map<string, Mutex>();

/** One mutex per database file in the process: two engines opened on one file still write one at a time. */
export function mutexFor(key: string): Mutex {
  let m = byKey.get(key);
  if (!m) byKey.set(key, (m = new Mutex()));
  return m;
}
