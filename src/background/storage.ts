/**
 * The background's persistence seen through a tiny key-value interface: `storage.session` in the extension
 * (it survives service-worker restarts, not browser restarts), a Map under Vitest.
 */
export interface KeyValueStore {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  /** Set to make the next writes fail, as a full `storage.session` quota does. */
  failWrites = 0;

  async get(keys: string[]): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const key of keys) if (this.data.has(key)) result[key] = structuredClone(this.data.get(key));
    return result;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failWrites > 0) {
      this.failWrites--;
      throw new Error('QUOTA_BYTES quota exceeded');
    }
    for (const [key, value] of Object.entries(items)) this.data.set(key, structuredClone(value));
  }

  async remove(keys: string[]): Promise<void> {
    for (const key of keys) this.data.delete(key);
  }
}
