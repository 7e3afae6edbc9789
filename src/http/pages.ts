// Every route but the chat webhooks: the admin and form APIs, the mobile form, the import screens,
// invitations, message links, the supervisors' dashboard and the dev pages. The entry (src/app.ts)
// loads this module on the first request that needs it, so a Worker started for a webhook never
// compiles the pages' code.
import { Hono } from 'hono';
import { admin } from './admin';
import { api } from './api';
import { dashboard } from './dashboard';
import { dev } from './dev';
import { answerErrors } from './errors';
import { form } from './form';
import { formImport } from './form-import';
import { invites } from './invites';
import { links } from './links';
import type { AppEnv } from './types';

export const pages = new Hono<AppEnv>();

pages.route('/api/admin', admin);
pages.route('/api', api);
pages.route('/', links);
pages.route('/', form);
pages.route('/', formImport);
pages.route('/', invites);
pages.route('/', dashboard);
pages.route('/dev', dev);

answerErrors(pages);
