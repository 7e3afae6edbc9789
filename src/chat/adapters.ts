// The table of chat platforms: one adapter each, looked up by name. No self-registration: a new
// platform is its adapter file and one line here.
import { dingtalk } from './dingtalk';
import { feishu } from './feishu';
import { telegram } from './telegram';
import type { Adapter } from './types';
import { wecom } from './wecom';

export const adapters = { telegram, wecom, dingtalk, feishu } satisfies Record<string, Adapter>;

export type Platform = keyof typeof adapters;

export const PLATFORMS = Object.keys(adapters) as Platform[];

export function isPlatform(name: string): name is Platform {
  return Object.hasOwn(adapters, name);
}

/** The adapter of a platform name from outside (a URL, a stored identity); undefined if unknown. */
export function adapterOf(name: string): Adapter | undefined {
  return isPlatform(name) ? adapters[name] : undefined;
}
