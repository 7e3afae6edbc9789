// Property tests replay the same cases on every run: one fast-check seed, FC_SEED or a fixed default.
import fc from 'fast-check';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fast-check seed of this run, chosen in vitest.unit.config.ts from FC_SEED. */
    fcSeed: number;
  }
}

fc.configureGlobal({ seed: inject('fcSeed') });
