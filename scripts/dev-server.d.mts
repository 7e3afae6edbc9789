// Types of scripts/dev-server.mjs, for the TypeScript browser tests.
export declare const DEV_SERVER_VARS: { ADMIN_TOKEN: string; WEBHOOK_SECRET: string };
export declare const CHROMIUM_ARGS: string[];
export declare function startDevServer(): Promise<{ base: string; stop: () => void }>;
export declare function adminPost(base: string, path: string, body: unknown): Promise<any>;
export declare function freePort(): Promise<number>;
