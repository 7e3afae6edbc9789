// The table of chat platforms: one adapter each, looked up by name. No self-registration.
import { dingtalk } from './dingtalk';
import { feishu } from './feishu';
import { telegram } from './telegram';
import type { Adapter } from './types';
import { wecom } from './wecom';

export const adapters: Record<string, Adapter> = { telegram, wecom, dingtalk, feishu };

export type Platform = keyof typeof adapters;
