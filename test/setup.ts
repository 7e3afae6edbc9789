// Applies every D1 migration before the tests of each file run, as a deploy would.
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
