// The Worker's entry: HTTP goes to the Hono app.
import { app } from './app';

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
