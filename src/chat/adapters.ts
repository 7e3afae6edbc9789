// The table of chat platforms: one adapter each, looked up by name. No self-registration.
import { telegram } from './telegram';
import type { Adapter } from './types';

export const adapters: Record<string, Adapter> = { telegram };

export type Platform = keyof typeof adapters;
