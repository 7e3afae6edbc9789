// Invite links (/i/<code>): join by chat with the code, or start filling in the browser at once.
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { CHAT_COPY } from '../chat/copy';
import { defaultYear } from '../engine/calendar';
import { classifyWriteError } from '../db/events';
import { getInvite, redeemedBy, redeemForWebStatements } from '../db/invites';
import { formUrl, linksWork } from '../services/links';
import { FORM_COPY as F, WEB_COPY as W } from '../web/copy';
import { messagePage, Page } from '../web/page';
import { requestDeps } from './hooks';
import type { AppEnv } from './types';

export const invites = new Hono<AppEnv>();

invites.use('/i/*', secureHeaders({ referrerPolicy: 'no-referrer' }), csrf());

async function usableInvite(c: Context<AppEnv>) {
  const refused = (message: string, status: 404 | 410) => ({
    ok: false as const,
    response: c.html(messagePage(W.inviteInvalidTitle, message), status),
  });
  const invite = await getInvite(c.env.DB, (c.req.param('code') ?? '').toUpperCase());
  if (!invite) return refused(CHAT_COPY.inviteUnknown, 404);
  if (invite.usedAt) return refused(CHAT_COPY.inviteUsed, 410);
  if (invite.expiresAt < new Date().toISOString()) return refused(CHAT_COPY.inviteExpired, 410);
  return { ok: true as const, invite };
}

invites.get('/i/:code', async (c) => {
  const got = await usableInvite(c);
  if (!got.ok) return got.response;
  const { invite } = got;
  return c.html(
    '<!DOCTYPE html>' +
      String(
        <Page title={F.inviteTitle(invite.orgName)}>
          <h1>{F.inviteTitle(invite.orgName)}</h1>
          <p>{F.inviteIntro(invite.orgName, CHAT_COPY.roleName(invite.role))}</p>
          <p>{F.inviteChat(invite.code)}</p>
          {invite.personId === null ? (
            <form method="post">
              <p>{F.inviteWeb}</p>
              <button type="submit">{F.inviteStart}</button>
              <p class="hint">{F.inviteWebNote}</p>
            </form>
          ) : null}
        </Page>,
      ),
  );
});

invites.post('/i/:code', async (c) => {
  const got = await usableInvite(c);
  if (!got.ok) return got.response;
  const { invite } = got;
  if (invite.personId !== null) return c.redirect(`/i/${invite.code}`, 303);
  const db = c.env.DB;
  const now = new Date();
  // The invite is used only when the form's link can be made: never spent for nothing.
  if (!linksWork(requestDeps(c))) return c.html(messagePage(W.linksOffTitle, W.linksOff), 503);
  try {
    await db.batch(redeemForWebStatements(db, invite, now.toISOString()));
  } catch (err) {
    if (classifyWriteError(err) !== 'conflict') throw err;
    return c.html(messagePage(W.inviteInvalidTitle, CHAT_COPY.inviteUsed), 410);
  }
  const personId = await redeemedBy(db, invite.code);
  if (personId === null) return c.html(messagePage(W.inviteInvalidTitle, CHAT_COPY.inviteUsed), 410);
  const url = await formUrl(requestDeps(c), { orgId: invite.orgId, personId }, defaultYear(now));
  if (!url) return c.html(messagePage(W.linksOffTitle, W.linksOff), 503);
  return c.redirect(url, 303);
});
