// EXPLAIN plans of the hot queries, with the exact SQL the boards repository issues: the built
// ThreadsRepository is given a stand-in DataSource that records each statement instead of running it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './util.mjs';

async function captured(call) {
  const { ThreadsRepository } = await import(pathToFileURL(join(ROOT, 'apps/api/dist/boards/threads.repository.js')));
  const statements = [];
  const recorder = {
    query: async (sql, params) => {
      statements.push({ sql, params });
      return [];
    },
  };
  await call(new ThreadsRepository(recorder));
  return statements;
}

export async function explainHotQueries(db, { threadId, boardId }) {
  const hot = [
    {
      name: 'Thread page: the thread (ThreadsRepository.findThread)',
      call: (repo) => repo.findThread(threadId),
    },
    {
      name: 'Thread page: first 20 posts with reaction counts (ThreadsRepository.listPosts, guest)',
      call: (repo) => repo.listPosts(threadId, null, { after: null, limit: 20 }),
    },
    {
      name: 'Board page: first 20 threads (ThreadsRepository.listBoardThreads, guest)',
      call: (repo) => repo.listBoardThreads(boardId, null, { after: null, limit: 20, unanswered: false }),
    },
  ];
  const out = [];
  for (const item of hot) {
    try {
      const [statement] = await captured(item.call);
      const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement.sql}`, statement.params);
      out.push({ name: item.name, sql: statement.sql.trim(), plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
    } catch (error) {
      out.push({ name: item.name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}
