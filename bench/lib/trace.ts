/**
 * Records Chrome's own trace of one navigation (`devtools.timeline`: the events the Performance panel shows)
 * over a page's CDP session, so that the extension's content scripts are timed where they really run.
 */
import type { Page } from '@playwright/test';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  /** Microseconds, for complete (`X`) events. */
  dur?: number;
  args?: { data?: { url?: string; scriptId?: number | string; functionName?: string }; fileName?: string };
}

export async function traceNavigation(page: Page, url: string): Promise<TraceEvent[]> {
  const session = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', (message) => events.push(...(message.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((done) => session.once('Tracing.tracingComplete', () => done()));
  await session.send('Tracing.start', {
    // `v8`: the compile inside each script's evaluation (`v8.compile`, named by the script's URL).
    traceConfig: { includedCategories: ['devtools.timeline', 'v8'] },
    transferMode: 'ReportEvents',
  });
  await page.goto(url, { waitUntil: 'load' });
  await session.send('Tracing.end');
  await complete;
  await session.detach();
  return events;
}

/**
 * Main-thread milliseconds a script took: its evaluation (of which V8's compile of the script) and every later
 * call into it, in the trace.
 */
export function scriptTime(
  events: readonly TraceEvent[],
  url: string,
): { evaluateMs: number; compileMs: number; callsMs: number } {
  let evaluate = 0;
  let compile = 0;
  let calls = 0;
  for (const event of events) {
    if (event.ph !== 'X' || (event.args?.data?.url ?? event.args?.fileName) !== url) continue;
    if (event.name === 'EvaluateScript') evaluate += event.dur ?? 0;
    else if (event.name === 'v8.compile') compile += event.dur ?? 0;
    else if (event.name === 'FunctionCall') calls += event.dur ?? 0;
  }
  return { evaluateMs: evaluate / 1000, compileMs: compile / 1000, callsMs: calls / 1000 };
}
