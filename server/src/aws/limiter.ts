// Bounded concurrency for AWS calls: at most `max` in flight; waiting calls start by priority
// (completion queries before background listings), then in arrival order.
import { abortError } from './errors';

interface Waiter {
  priority: number;
  seq: number;
  start: () => void;
}

export class Limiter {
  private active = 0;
  private seq = 0;
  private readonly queue: Waiter[] = [];

  constructor(private readonly max: number) {}

  get running(): number {
    return this.active;
  }

  async run<T>(fn: () => Promise<T>, priority = 0, signal?: AbortSignal): Promise<T> {
    await this.acquire(priority, signal);
    try {
      return await fn();
    } finally {
      this.active--;
      this.next();
    }
  }

  private acquire(priority: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        priority,
        seq: this.seq++,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const i = this.queue.indexOf(w);
        if (i >= 0) this.queue.splice(i, 1);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(w);
      this.queue.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    });
  }

  private next(): void {
    const w = this.queue.shift();
    if (!w) return;
    this.active++;
    w.start();
  }
}
