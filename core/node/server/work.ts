/**
 * Bounds the heavy work of lists and cohort summaries (a status per visible child): one at a time per
 * person, and at most `concurrency` at once in all. Together with statuses worked out a slice at a time,
 * this keeps one person asking for many lists from slowing everyone else down.
 */
export class WorkLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly perKey = new Map<string, Promise<unknown>>();

  constructor(readonly concurrency = 2) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.perKey.get(key) ?? Promise.resolve();
    const mine = before.then(async () => {
      await this.acquire();
      try {
        return await work();
      } finally {
        this.release();
      }
    });
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.perKey.set(key, settled);
    void settled.then(() => {
      if (this.perKey.get(key) === settled) this.perKey.delete(key);
    });
    return mine;
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
