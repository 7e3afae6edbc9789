// Every setting the Worker reads, declared once: which are required, which belong to one chat
// platform, which are secrets, and what a usable value looks like. /healthz, the webhooks, the signed
// links, `npm start` and the deploy build all judge the configuration from this one list — by name,
// never printing a value.

export type Platform = 'telegram' | 'wecom' | 'dingtalk' | 'feishu';

export interface Setting {
  name: string;
  /** `core`: needed by everything; a platform: needed to use it; `optional`: has a default. */
  group: 'core' | 'optional' | Platform;
  /** Set with `wrangler secret put` (or the self-hosted env file), never in wrangler.toml. */
  secret: boolean;
  /** What it is for (shown to the operator with its name). */
  meaning: string;
  /** What is wrong with a value that is set (null: fine). `dev`: DEV_MODE is on. */
  check?: (value: string, dev: boolean) => string | null;
}

/** Values from the example files, fine on a developer's machine and nowhere else. */
const EXAMPLE_VALUE = /^dev[-_]|change-me/i;
const MIN_SECRET_BYTES = 32;

/** A secret we choose ourselves: long, and not an example value (outside DEV_MODE). */
function strongSecret(value: string, dev: boolean): string | null {
  if (dev) return null;
  if (EXAMPLE_VALUE.test(value)) return '示例值，不能用于正式环境';
  if (new TextEncoder().encode(value).length < MIN_SECRET_BYTES) return `太短，至少 ${MIN_SECRET_BYTES} 字节`;
  return null;
}

function url(value: string): string | null {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:' ? null : '应以 https:// 开头';
  } catch {
    return '不是网址';
  }
}

/** The public address: a full http(s) address without a path (https:// behind a TLS proxy). */
function publicUrl(value: string): string | null {
  const bad = url(value);
  if (bad) return bad;
  return new URL(value).pathname.replace(/\/+$/, '') === '' ? null : '应为站点地址，不带路径';
}

const digits = (value: string) => (/^\d+$/.test(value) ? null : '应为数字');

export const SETTINGS: readonly Setting[] = [
  {
    name: 'LINK_SECRET',
    group: 'core',
    secret: true,
    meaning: '签名链接（网页填报、报告、看板）的密钥，随机 32 字节以上',
    check: strongSecret,
  },
  {
    name: 'ADMIN_TOKEN',
    group: 'core',
    secret: true,
    meaning: '管理接口 /api/admin 的令牌，随机 32 字节以上',
    check: strongSecret,
  },
  {
    name: 'PUBLIC_BASE_URL',
    group: 'core',
    secret: false,
    meaning: '本服务的公网地址，写进机器人发出的链接，如 https://nianbao.example.gov.cn',
    check: publicUrl,
  },
  {
    name: 'TELEGRAM_BOT_TOKEN',
    group: 'telegram',
    secret: true,
    meaning: 'Telegram 机器人令牌（BotFather）',
  },
  {
    name: 'TELEGRAM_WEBHOOK_SECRET',
    group: 'telegram',
    secret: true,
    meaning: 'Telegram 回调的 secret_token，随机 32 字节以上，只用字母、数字、_ 和 -',
    check: (v, dev) => (/^[A-Za-z0-9_-]{1,256}$/.test(v) ? strongSecret(v, dev) : '只能用字母、数字、_ 和 -'),
  },
  { name: 'WECOM_TOKEN', group: 'wecom', secret: true, meaning: '企业微信应用“接收消息”的 Token' },
  {
    name: 'WECOM_ENCODING_AES_KEY',
    group: 'wecom',
    secret: true,
    meaning: '企业微信应用“接收消息”的 EncodingAESKey（43 个字符）',
    check: (v) => (/^[A-Za-z0-9]{43}$/.test(v) ? null : '应为 43 个字母或数字'),
  },
  { name: 'WECOM_CORP_ID', group: 'wecom', secret: false, meaning: '企业微信的企业 ID（ww 开头）' },
  {
    name: 'WECOM_AGENT_ID',
    group: 'wecom',
    secret: false,
    meaning: '企业微信自建应用的 AgentId',
    check: digits,
  },
  { name: 'WECOM_SECRET', group: 'wecom', secret: true, meaning: '企业微信自建应用的 Secret' },
  { name: 'DINGTALK_APP_KEY', group: 'dingtalk', secret: false, meaning: '钉钉应用的 AppKey' },
  {
    name: 'DINGTALK_APP_SECRET',
    group: 'dingtalk',
    secret: true,
    meaning: '钉钉应用的 AppSecret（也用于校验回调签名）',
  },
  { name: 'DINGTALK_ROBOT_CODE', group: 'dingtalk', secret: false, meaning: '钉钉机器人的 robotCode' },
  { name: 'FEISHU_APP_ID', group: 'feishu', secret: false, meaning: '飞书应用的 App ID（cli_ 开头）' },
  { name: 'FEISHU_APP_SECRET', group: 'feishu', secret: true, meaning: '飞书应用的 App Secret' },
  {
    name: 'FEISHU_VERIFICATION_TOKEN',
    group: 'feishu',
    secret: true,
    meaning: '飞书事件订阅的 Verification Token',
  },
  {
    name: 'FEISHU_ENCRYPT_KEY',
    group: 'optional',
    secret: true,
    meaning: '飞书事件订阅的 Encrypt Key（设置后回调须加密并签名）',
  },
  {
    name: 'DEV_MODE',
    group: 'optional',
    secret: false,
    meaning: '设为 1 只用于本地或测试环境：开放 /dev 页面，允许示例密钥',
  },
  {
    name: 'TELEGRAM_API_BASE',
    group: 'optional',
    secret: false,
    meaning: 'Telegram Bot API 地址',
    check: url,
  },
  {
    name: 'WECOM_API_BASE',
    group: 'optional',
    secret: false,
    meaning: '企业微信 API 地址（政务微信填其私有部署地址）',
    check: url,
  },
  {
    name: 'DINGTALK_API_BASE',
    group: 'optional',
    secret: false,
    meaning: '钉钉开放平台 API 地址',
    check: url,
  },
  {
    name: 'DINGTALK_SESSION_BASE',
    group: 'optional',
    secret: false,
    meaning: '只回复到这个地址下的钉钉 sessionWebhook',
    check: url,
  },
  { name: 'FEISHU_API_BASE', group: 'optional', secret: false, meaning: '飞书开放平台 API 地址', check: url },
  {
    name: 'REMIND_DAYS_BEFORE',
    group: 'optional',
    secret: false,
    meaning: '1 月 31 日前多少天开始提醒（默认 21）',
    check: digits,
  },
  {
    name: 'QUIET_HOURS',
    group: 'optional',
    secret: false,
    meaning: '不发提醒的北京时间时段（默认 21-8）',
    check: (v) => (/^\d{1,2}-\d{1,2}$/.test(v) ? null : '格式如 21-8'),
  },
  {
    name: 'FREE_PLAN',
    group: 'optional',
    secret: false,
    meaning: 'Workers 免费计划设为 1：每次调用少发请求',
  },
  { name: 'SWEEP_CRON', group: 'optional', secret: false, meaning: '只清理发件箱、不发提醒的那个定时触发器' },
];

/** Bindings the Worker cannot run without (wrangler.toml; the self-hosted server provides them). */
const BINDINGS = ['DB', 'CACHE', 'OUTBOX'] as const;

export const PLATFORMS: readonly Platform[] = ['telegram', 'wecom', 'dingtalk', 'feishu'];

export interface Problem {
  name: string;
  /** missing, or what is wrong with the value. */
  problem: 'missing' | string;
}

export interface SettingsReport {
  /** Core settings and bindings missing or malformed: the service is not usable as deployed. */
  core: Problem[];
  /** Per platform: off (nothing set), ready, or incomplete (some set, some missing or malformed). */
  platforms: Record<Platform, { state: 'off' | 'ready' | 'incomplete'; problems: Problem[] }>;
  /** Optional settings set to something unusable (their default is used instead, or they are ignored). */
  optional: Problem[];
  /** True when nothing needs the operator: core fine, no platform half set up, at least one ready. */
  ok: boolean;
}

/** The Worker's env, or any object of settings (the self-hosted env file, a test's). */
type Values = object;

const valueOf = (env: Values, name: string) => {
  const v = (env as Record<string, unknown>)[name];
  return typeof v === 'string' ? v.trim() : '';
};

export const isDevMode = (env: Values) => valueOf(env, 'DEV_MODE') === '1';

function problemOf(setting: Setting, env: Values, dev: boolean): Problem | null {
  const value = valueOf(env, setting.name);
  if (!value) {
    // Outside DEV_MODE links must never follow the request's Host header.
    if (setting.name === 'PUBLIC_BASE_URL' && dev) return null;
    return { name: setting.name, problem: 'missing' };
  }
  const bad = setting.check?.(value, dev) ?? null;
  return bad ? { name: setting.name, problem: bad } : null;
}

/** One platform's settings judged: off (none set), ready, or incomplete with what is wrong. */
function platformState(env: Values, platform: Platform, dev: boolean): SettingsReport['platforms'][Platform] {
  const own = SETTINGS.filter((s) => s.group === platform);
  const set = own.filter((s) => valueOf(env, s.name));
  const problems = own.map((s) => problemOf(s, env, dev)).filter((p): p is Problem => p !== null);
  return {
    state: set.length === 0 ? 'off' : problems.length ? 'incomplete' : 'ready',
    problems: set.length === 0 ? [] : problems,
  };
}

/** Judges a configuration: names and problems only, never a value. */
export function checkSettings(env: Values): SettingsReport {
  const dev = isDevMode(env);
  const core: Problem[] = [];
  for (const b of BINDINGS)
    if (!(env as Record<string, unknown>)[b]) core.push({ name: b, problem: 'missing' });
  for (const s of SETTINGS.filter((s) => s.group === 'core')) {
    const p = problemOf(s, env, dev);
    if (p) core.push(p);
  }
  const platforms = {} as SettingsReport['platforms'];
  for (const platform of PLATFORMS) platforms[platform] = platformState(env, platform, dev);
  const optional = SETTINGS.filter((s) => s.group === 'optional' && valueOf(env, s.name))
    .map((s) => problemOf(s, env, dev))
    .filter((p): p is Problem => p !== null);
  const states = Object.values(platforms).map((p) => p.state);
  const ok = core.length === 0 && !states.includes('incomplete') && states.includes('ready');
  return { core, platforms, optional, ok };
}

/** Whether one platform can be used as configured. */
export function platformReady(env: Values, platform: Platform): Problem[] | null {
  // Only this platform's settings: a webhook's every message passes here.
  const p = platformState(env, platform, isDevMode(env));
  return p.state === 'ready'
    ? null
    : p.state === 'off'
      ? [{ name: platform, problem: 'missing' }]
      : p.problems;
}

/** The signing key for links when it is usable here (null: links cannot be made or trusted). */
export function linkSecret(env: Values): string | null {
  const s = SETTINGS.find((x) => x.name === 'LINK_SECRET')!;
  return problemOf(s, env, isDevMode(env)) ? null : valueOf(env, 'LINK_SECRET');
}

/** The public address links are made under (null: not configured outside DEV_MODE). */
export function publicBase(env: Values, requestOrigin?: string): string | null {
  const value = valueOf(env, 'PUBLIC_BASE_URL');
  const dev = isDevMode(env);
  if (value) return publicUrl(value) ? null : value.replace(/\/+$/, '');
  return dev && requestOrigin ? requestOrigin.replace(/\/+$/, '') : null;
}
