// Types of scripts/cron.mjs, for the TypeScript tests.
export interface Cron {
  expr: string;
  /** Whether the cron runs in the UTC minute of the date. */
  matches(date: Date): boolean;
  dayMatches(date: Date): boolean;
  hourMatches(date: Date): boolean;
}
export declare function parseCron(expr: string): Cron;
export declare function nextRun(cron: Cron, after: Date): Date | null;
export declare function cronsToRun(fromConfig: string[], override: string | undefined): Cron[];
