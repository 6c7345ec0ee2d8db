// Seeds the bench database directly in SQL (generate_series), never through the API.
const BODY =
  'Day 41 on buprenorphine. Mornings are still the hardest part, but I made it to my meeting and ' +
  'called my sponsor before the craving got loud. Thank you all for the replies last week — reading ' +
  'them at 2 a.m. helped more than I can say. One day at a time, and today counts.';

/** `count` members (or moderators) named <prefix>_<n>; returns their ids in order. */
export async function seedUsers(db, count, prefix, role = 'member') {
  const { rows } = await db.query(
    `INSERT INTO users (username, password_hash, role, created_at)
     SELECT $1 || '_' || g, 'bench-no-login', $3, now() - interval '400 days'
       FROM generate_series(1, $2::int) g
     RETURNING id`,
    [prefix, count, role],
  );
  return rows.map((r) => r.id);
}

export async function seedBoard(db, slug, name) {
  const { rows } = await db.query(
    `INSERT INTO boards (slug, name, description, position) VALUES ($1, $2, 'Benchmark board', 99) RETURNING id`,
    [slug, name],
  );
  return rows[0].id;
}

/**
 * One thread of `posts` posts (opening post + replies): every third post anonymous (with an
 * alias), the rest signed by members; each post gets 0–5 reactions of mixed kinds.
 */
export async function seedThread(db, { boardId, users, posts, title }) {
  const { rows } = await db.query(
    `INSERT INTO threads (board_id, author_id, title, anonymous, reply_count, created_at, last_activity_at)
     VALUES ($1, $2, $3, true, $4, now() - interval '2 days', now()) RETURNING id`,
    [boardId, users[0], title, posts - 1],
  );
  const threadId = rows[0].id;
  await db.query(
    `INSERT INTO posts (thread_id, author_id, anonymous, alias, body, html, created_at)
     SELECT $1, ($2::uuid[])[1 + g % cardinality($2::uuid[])], g % 3 = 0,
            CASE WHEN g % 3 = 0 THEN 'Quiet Harbor ' || (g % 5) END,
            $3 || ' (' || g || ')', '<p>' || $3 || ' (' || g || ')</p>',
            now() - interval '2 days' + g * interval '1 minute'
       FROM generate_series(0, $4::int - 1) g`,
    [threadId, users, BODY, posts],
  );
  await db.query(
    `UPDATE threads t SET opening_post_id = (SELECT id FROM posts WHERE thread_id = t.id ORDER BY created_at LIMIT 1)
      WHERE t.id = $1`,
    [threadId],
  );
  await db.query(
    `INSERT INTO reactions (post_id, user_id, kind)
     SELECT p.id, ($2::uuid[])[1 + (r + abs(hashtext(p.id::text))) % cardinality($2::uuid[])],
            (ARRAY['support', 'relate', 'proud'])[1 + r % 3]
       FROM posts p, generate_series(0, 4) r
      WHERE p.thread_id = $1 AND r < abs(hashtext(p.id::text)) % 6
     ON CONFLICT DO NOTHING`,
    [threadId, users],
  );
  await db.query(`UPDATE boards SET thread_count = thread_count + 1, last_activity_at = now() WHERE id = $1`, [
    boardId,
  ]);
  return threadId;
}

/**
 * Adds threads of `perThread` posts to a board until the posts table holds `totalPosts` rows.
 * Returns the ids of the threads added.
 */
export async function growPosts(db, { boardId, users, totalPosts, perThread = 50 }) {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM posts`);
  const missing = totalPosts - rows[0].n;
  if (missing <= 0) return [];
  const threads = Math.ceil(missing / perThread);
  const created = await db.query(
    `INSERT INTO threads (board_id, author_id, title, anonymous, reply_count, created_at, last_activity_at)
     SELECT $1, ($2::uuid[])[1 + g % cardinality($2::uuid[])], 'Seeded thread ' || g, g % 2 = 0, $3::int - 1,
            now() - interval '30 days' + (g * interval '1 second'), now() - interval '30 days' + (g * interval '1 second')
       FROM generate_series(1, $4::int) g
     RETURNING id`,
    [boardId, users, perThread, threads],
  );
  const ids = created.rows.map((r) => r.id);
  // Posts in chunks so one statement never holds too much in memory.
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    await db.query(
      `INSERT INTO posts (thread_id, author_id, anonymous, alias, body, html, created_at)
       SELECT t.id, ($2::uuid[])[1 + (k + i) % cardinality($2::uuid[])], k % 3 = 0,
              CASE WHEN k % 3 = 0 THEN 'Steady Oak ' || (k % 4) END,
              'Seeded reply ' || k || ': one day at a time, and today counts.',
              '<p>Seeded reply ' || k || ': one day at a time, and today counts.</p>',
              now() - interval '30 days' + k * interval '1 minute'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, i), generate_series(0, $3::int - 1) k`,
      [chunk, users, perThread],
    );
  }
  await db.query(
    `UPDATE threads t SET opening_post_id = p.id
       FROM (SELECT DISTINCT ON (thread_id) thread_id, id FROM posts
              WHERE thread_id = ANY($1::uuid[]) ORDER BY thread_id, created_at) p
      WHERE t.id = p.thread_id`,
    [ids],
  );
  await db.query(`UPDATE boards SET thread_count = thread_count + $2, last_activity_at = now() WHERE id = $1`, [
    boardId,
    ids.length,
  ]);
  await db.query('ANALYZE');
  return ids;
}
