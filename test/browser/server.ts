// Global setup of the browser tests: a real `wrangler dev` on a free loopback port (see
// scripts/dev-server.mjs), its URL provided to the tests, stopped afterwards.
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../scripts/dev-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const { base, stop } = await startDevServer();
  project.provide('baseUrl', base);
  return stop;
}
