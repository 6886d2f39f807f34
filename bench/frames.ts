/**
 * Frames on a first visit (issue 21): the hook and the relay run in every frame of every site, so a page with
 * many iframes pays their install once per frame. A page with `frames` same-origin iframes that use neither
 * WebSockets nor NIM (`pages/frames.html`) is loaded in a new tab (a new renderer: nothing compiled yet), from
 * the response's end to the end of its load event (which waits for every frame), side by side. The figure is the
 * difference of the medians divided by the number of documents (the frames and the page).
 */
import { type BenchBrowser, inNewTab } from './lib/browsers';
import type { Row } from './lib/report';
import { alternate, summarize } from './lib/stats';

export interface FramesOptions {
  origin: string;
  reps: number;
  frames: number;
}

const TARGET_MS = 1;

export async function benchFrames(
  without: BenchBrowser,
  withExtension: BenchBrowser,
  options: FramesOptions,
): Promise<Row[]> {
  const url = `${options.origin}/pages/frames.html?frames=${options.frames}`;
  const documents = options.frames + 1;
  const load = (browser: BenchBrowser, hooked: boolean) => () =>
    inNewTab(browser, async (page) => {
      await page.goto(url, { waitUntil: 'load' });
      const frames = page.frames();
      const withHook = await Promise.all(
        frames.map((frame) => frame.evaluate('Object.hasOwn(window, "__NIM_DEVTOOLS__")')),
      );
      const hooks = withHook.filter(Boolean).length;
      if (frames.length !== documents || hooks !== (hooked ? documents : 0)) {
        throw new Error(`${hooks} of ${frames.length} documents have the page hook`);
      }
      return page.evaluate<number>(`(() => {
        const [navigation] = performance.getEntriesByType('navigation');
        return navigation.loadEventEnd - navigation.responseEnd;
      })()`);
    });
  const samples = await alternate(options.reps, 1, load(without, false), load(withExtension, true));
  const a = summarize(samples.a);
  const b = summarize(samples.b);
  const added = (b.median - a.median) / documents;
  return [
    {
      suite: 'frames',
      name: `page with ${options.frames} same-origin iframes, first visit: load added per frame`,
      unit: 'ms',
      kind: 'value',
      without: a,
      with: b,
      value: added,
      spread: summarize(samples.b.map((ms, i) => (ms - (samples.a[i] as number)) / documents)),
      target: `≤ ${TARGET_MS} ms`,
      ok: added <= TARGET_MS,
      note: `"without" and "with" are the whole load (response end → loadEventEnd) of the page and its ${options.frames} frames`,
    },
  ];
}
