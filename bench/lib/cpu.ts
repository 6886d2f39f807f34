/**
 * The renderer main thread's CPU time, from CDP's `Performance.getMetrics` (`ThreadTime`, seconds). Wall time
 * on a shared machine also counts the moments other processes had the core; CPU time of the page's own thread
 * does not, so it corroborates a wall-clock ratio.
 */
import type { CDPSession, Page } from '@playwright/test';

export class PageCpu {
  private session: CDPSession | undefined;

  constructor(private readonly page: Page) {}

  /** Main-thread CPU milliseconds spent while `run` ran. */
  async measure<T>(run: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
    const before = await this.threadTime();
    const result = await run();
    const after = await this.threadTime();
    return { result, cpuMs: (after - before) * 1000 };
  }

  private async threadTime(): Promise<number> {
    if (!this.session) {
      this.session = await this.page.context().newCDPSession(this.page);
      await this.session.send('Performance.enable', { timeDomain: 'threadTicks' });
    }
    const { metrics } = await this.session.send('Performance.getMetrics');
    const metric = metrics.find((m) => m.name === 'ThreadTime');
    if (!metric) throw new Error('CDP Performance.getMetrics gave no ThreadTime');
    return metric.value;
  }
}
