// Messages the local fakes of the platforms' APIs received (DEV_MODE only): the /dev/chat page
// reads them back as a chat app would show them.

export function storeDevMessage(db: D1Database, platform: string, chatId: string, payload: unknown) {
  return db
    .prepare('INSERT INTO dev_outbox (platform, chat_id, payload) VALUES (?1, ?2, ?3)')
    .bind(platform, chatId, JSON.stringify(payload));
}

export async function devMessages(db: D1Database, platform: string, chatId: string, after: number) {
  const { results } = await db
    .prepare(
      'SELECT id, payload FROM dev_outbox WHERE platform = ?1 AND chat_id = ?2 AND id > ?3 ORDER BY id LIMIT 100',
    )
    .bind(platform, chatId, after)
    .all<{ id: number; payload: string }>();
  return results.map((r) => ({ id: r.id, message: JSON.parse(r.payload) as unknown }));
}
