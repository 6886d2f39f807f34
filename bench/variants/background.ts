/**
 * The extension's background for the relay bench only: the same wiring over a store that persists nothing,
 * the upper bound for everything else on the way. Built by `variants/build.ts` into a copy of `dist/chrome`.
 */
import { wireBackground } from '../../extension/background-wiring';
import { MemoryStore } from '../../src/background/storage';

wireBackground(new MemoryStore());
