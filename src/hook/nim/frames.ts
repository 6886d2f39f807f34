/**
 * What is on the synchronous call stack, as far as the hook can tell: an instrumented SDK entry point
 * (`getInstance`, `destroy`…) or a page callback the SDK called through the hook (`onwillreconnect`, `done`…).
 *
 * - A wrapped method called while an SDK frame is on top is the SDK calling itself (`destroy` calls
 *   `disconnect`, `getInstance` calls `setOptions` and `connect`): not reported, the outer call covers it.
 * - A call made while a page frame is on top is the page's own, made inside that callback: reported with
 *   `inCallback` (the diagnostic "connect() called inside onwillreconnect").
 */
import { append } from '../../model/intrinsics';

export type Frame =
  | { kind: 'sdk'; instanceId: string | undefined }
  | { kind: 'page'; callback: string; instanceId: string | undefined };

export interface FrameStack {
  /** Runs `fn` with `frame` on the stack; `fn`'s exceptions pass through. */
  run<T>(frame: Frame, fn: () => T): T;
  /** True when the SDK itself is calling (an SDK frame is on top). */
  insideSdk(): boolean;
  /** The page callback the current code runs in, when it is the innermost frame. */
  pageCallback(): string | undefined;
  /** The innermost frame that belongs to a known instance. */
  currentInstanceId(): string | undefined;
}

export function createFrameStack(): FrameStack {
  const frames: Frame[] = [];
  const top = (): Frame | undefined => frames[frames.length - 1];
  return {
    run(frame, fn) {
      append(frames, frame);
      try {
        return fn();
      } finally {
        frames.pop();
      }
    },
    insideSdk: () => top()?.kind === 'sdk',
    pageCallback() {
      const frame = top();
      return frame?.kind === 'page' ? frame.callback : undefined;
    },
    currentInstanceId() {
      for (let index = frames.length - 1; index >= 0; index--) {
        const id = frames[index]?.instanceId;
        if (id !== undefined) return id;
      }
      return undefined;
    },
  };
}
