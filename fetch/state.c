/* state.c - crawl state in SQLite (WAL): what was seen, validators for
 * conditional GET, feed schedules, per-origin robots.txt and backoff.
 * Writes are batched in one transaction committed about once a second:
 * a kill loses at most that second, whose URLs are simply fetched again.
 *
 * url.state: 0 queued (or in flight when killed: fetched again on
 * resume), 1 done, 2 failed for good. Feeds, sitemaps and robots.txt
 * seeds are due again when next_due passes, whatever their state.
 * Any SQLite error after opening is fatal (PN_EXIT_IO): going on
 * without state would refetch everything on the next run. */
#include "fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

enum { Q_REQUEUE, Q_ADD_LINK, Q_LINK_NEWER, Q_DONE, Q_RETRY, Q_FAILED,
       Q_ROBOTS_GET, Q_ROBOTS_PUT, Q_BACKOFF_GET, Q_BACKOFF_PUT, Q_COUNT };

static const char *const sql_text[Q_COUNT] = {
	[Q_REQUEUE] = "UPDATE url SET state = 0, attempts = 0, next_due = 0 WHERE url = ?1 AND state = 1",
	[Q_ADD_LINK] =
		"INSERT OR IGNORE INTO url(url, kind, redirects, lastmod) VALUES(?1, ?2, ?3, ?4)",
	/* a sitemap saying a page changed since we fetched it re-queues it */
	[Q_LINK_NEWER] =
		"UPDATE url SET state = 0, attempts = 0, next_due = 0, lastmod = ?2 "
		"WHERE url = ?1 AND kind = 0 AND state = 1 AND ?2 IS NOT NULL "
		"AND (lastmod IS NULL OR ?2 > lastmod) AND ?2 > strftime('%Y-%m-%dT%H:%M:%S', fetched_at, 'unixepoch')",
	[Q_DONE] =
		"UPDATE url SET state = 1, attempts = 0, http_status = ?2, "
		"etag = coalesce(?3, CASE WHEN ?2 = 304 THEN etag END), "
		"last_modified = coalesce(?4, CASE WHEN ?2 = 304 THEN last_modified END), "
		"fetched_at = unixepoch(), error = NULL, "
		"next_due = unixepoch() + coalesce(nullif(interval, 0), ?5) WHERE url = ?1",
	[Q_RETRY] =
		"UPDATE url SET state = 0, attempts = ?2, error = ?3, next_due = ?4 WHERE url = ?1",
	[Q_FAILED] =
		"UPDATE url SET state = 2, attempts = 0, http_status = ?2, error = ?3, "
		"next_due = unixepoch() + coalesce(nullif(interval, 0), ?4) WHERE url = ?1",
	[Q_ROBOTS_GET] =
		"SELECT robots, robots_status FROM origin WHERE origin = ?1 "
		"AND robots_at > unixepoch() - 86400",
	[Q_ROBOTS_PUT] =
		"INSERT INTO origin(origin, robots, robots_status, robots_at) VALUES(?1, ?2, ?3, unixepoch()) "
		"ON CONFLICT(origin) DO UPDATE SET robots = excluded.robots, "
		"robots_status = excluded.robots_status, robots_at = excluded.robots_at",
	[Q_BACKOFF_GET] = "SELECT backoff_until FROM origin WHERE origin = ?1",
	[Q_BACKOFF_PUT] =
		"INSERT INTO origin(origin, backoff_until) VALUES(?1, ?2) "
		"ON CONFLICT(origin) DO UPDATE SET backoff_until = excluded.backoff_until",
};

static const char schema[] =
	"PRAGMA journal_mode = WAL;"
	"PRAGMA synchronous = NORMAL;"
	"CREATE TABLE IF NOT EXISTS url("
	" url TEXT PRIMARY KEY,"
	" kind INTEGER NOT NULL DEFAULT 0,"         /* enum pnf_kind */
	" state INTEGER NOT NULL DEFAULT 0,"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" redirects INTEGER NOT NULL DEFAULT 0,"
	" next_due INTEGER NOT NULL DEFAULT 0,"     /* unix time */
	" interval INTEGER NOT NULL DEFAULT 0,"     /* feeds: seconds, 0 = --feed-interval */
	" etag TEXT, last_modified TEXT,"           /* validators for conditional GET */
	" lastmod TEXT,"                            /* from a sitemap */
	" http_status INTEGER, fetched_at INTEGER, error TEXT);"
	/* no index on (state, next_due): a run reads the table once, and
	 * an index would cost every insert and update */
	"CREATE TABLE IF NOT EXISTS origin("
	" origin TEXT PRIMARY KEY,"                 /* scheme://host:port */
	" robots TEXT, robots_status INTEGER, robots_at INTEGER,"
	" backoff_until INTEGER NOT NULL DEFAULT 0);";

struct pnf_state {
	/* held by every public function: the fetch loop and the WARC writer
	 * thread (which marks pages done once their records are written)
	 * share the connection, and a COMMIT between another thread's step
	 * and reset would fail */
	pthread_mutex_t mu;
	sqlite3 *db;
	const char *name;
	int lock_fd;
	sqlite3_stmt *q[Q_COUNT];
	long feed_interval_s;
};

static _Noreturn void db_die(pnf_state *st, const char *what)
{
	pn_die(PN_EXIT_IO, "%s: %s: %s", st->name, what, sqlite3_errmsg(st->db));
}

static void exec(pnf_state *st, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		int busy = sqlite3_errcode(st->db) == SQLITE_BUSY;
		pn_die(busy ? PN_EXIT_LOCKED : PN_EXIT_IO, "%s: %s", st->name, err ? err : "error");
	}
}

static void take_lock(pnf_state *st, const char *path)
{
	char *lock = pn_xasprintf("%s.lock", path);
	st->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (st->lock_fd < 0)
		pn_die(PN_EXIT_IO, "%s: %s", lock, strerror(errno));
	if (flock(st->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			pn_die(PN_EXIT_LOCKED, "%s: another pn-fetch is using this state database (lock %s)",
			       path, lock);
		pn_die(PN_EXIT_IO, "%s: %s", lock, strerror(errno));
	}
	free(lock);
}

pnf_state *pnf_state_open(const char *path)
{
	pnf_state *st = pn_xcalloc(1, sizeof *st);
	st->lock_fd = -1;
	st->name = path ? path : "<memory>";
	pthread_mutex_init(&st->mu, NULL);
	if (path)
		take_lock(st, path);
	if (sqlite3_open_v2(path ? path : ":memory:", &st->db,
	                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		db_die(st, "cannot open");
	sqlite3_busy_timeout(st->db, 5000);
	exec(st, schema);
	for (int i = 0; i < Q_COUNT; i++)
		if (sqlite3_prepare_v2(st->db, sql_text[i], -1, &st->q[i], NULL) != SQLITE_OK)
			db_die(st, "prepare");
	exec(st, "BEGIN");
	st->feed_interval_s = 900;
	return st;
}

void pnf_state_set_feed_interval(pnf_state *st, long seconds)
{
	st->feed_interval_s = seconds;
}

void pnf_state_commit(pnf_state *st)
{
	pthread_mutex_lock(&st->mu);
	exec(st, "COMMIT");
	exec(st, "BEGIN");
	pthread_mutex_unlock(&st->mu);
}

void pnf_state_close(pnf_state *st)
{
	if (!st)
		return;
	exec(st, "COMMIT");
	for (int i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(st->q[i]);
	if (sqlite3_close(st->db) != SQLITE_OK)
		db_die(st, "close");
	if (st->lock_fd >= 0)
		close(st->lock_fd); /* releases the flock */
	pthread_mutex_destroy(&st->mu);
	free(st);
}

/* Binds a text that may be NULL. */
static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* Steps a statement that returns no row; returns rows changed. */
static int run(pnf_state *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE)
		db_die(st, "update");
	return sqlite3_changes(st->db);
}

/* Seeds go in SEED_ROWS to a statement: one upsert a row cost 10K
 * instructions a URL, most of it per statement, before the first fetch. */
#define SEED_ROWS 64

static sqlite3_stmt *prepare_seed_rows(pnf_state *st, size_t rows)
{
	pn_buf sql = PN_BUF_INIT;
	pn_buf_adds(&sql, "INSERT INTO url(url, kind, interval) VALUES ");
	for (size_t i = 0; i < rows; i++)
		pn_buf_adds(&sql, i ? ",(?,?,?)" : "(?,?,?)");
	pn_buf_adds(&sql, " ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, "
	                  "interval = excluded.interval");
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, pn_buf_cstr(&sql), -1, &q, NULL) != SQLITE_OK)
		db_die(st, "prepare");
	pn_buf_free(&sql);
	return q;
}

void pnf_state_add_seeds(pnf_state *st, const pnf_seed *v, size_t n, bool refresh)
{
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *full = n >= SEED_ROWS ? prepare_seed_rows(st, SEED_ROWS) : NULL;
	for (size_t i = 0; i < n;) {
		size_t rows = n - i < SEED_ROWS ? n - i : SEED_ROWS;
		sqlite3_stmt *q = rows == SEED_ROWS ? full : prepare_seed_rows(st, rows);
		for (size_t r = 0; r < rows; r++) {
			bind_text(q, (int)(3 * r + 1), v[i + r].url);
			sqlite3_bind_int(q, (int)(3 * r + 2), v[i + r].kind);
			sqlite3_bind_int64(q, (int)(3 * r + 3), v[i + r].interval_s);
		}
		run(st, q);
		if (q != full)
			sqlite3_finalize(q);
		i += rows;
	}
	sqlite3_finalize(full);
	if (refresh)
		for (size_t i = 0; i < n; i++)
			if (v[i].kind == PNF_PAGE) {
				sqlite3_stmt *q = st->q[Q_REQUEUE];
				bind_text(q, 1, v[i].url);
				run(st, q);
			}
	pthread_mutex_unlock(&st->mu);
}

bool pnf_state_add_link(pnf_state *st, const char *url, enum pnf_kind kind,
                        int redirects, const char *lastmod)
{
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *q = st->q[Q_ADD_LINK];
	bind_text(q, 1, url);
	sqlite3_bind_int(q, 2, kind);
	sqlite3_bind_int(q, 3, redirects);
	bind_text(q, 4, lastmod);
	bool queued = run(st, q) > 0;
	if (!queued && lastmod) {
		q = st->q[Q_LINK_NEWER];
		bind_text(q, 1, url);
		bind_text(q, 2, lastmod);
		queued = run(st, q) > 0;
	}
	pthread_mutex_unlock(&st->mu);
	return queued;
}

static char *col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? pn_xstrdup((const char *)t) : NULL;
}

/* Appends the rows of s (bound by the caller) to *v. */
static void collect(pnf_state *st, sqlite3_stmt *s, pnf_urlrec **v, size_t *n, size_t *cap)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*v = pn_xrealloc(*v, *cap * sizeof **v);
		}
		(*v)[(*n)++] = (pnf_urlrec){
			.url = col_dup(s, 0),
			.kind = (enum pnf_kind)sqlite3_column_int(s, 1),
			.attempts = sqlite3_column_int(s, 2),
			.redirects = sqlite3_column_int(s, 3),
			.etag = col_dup(s, 4),
			.last_modified = col_dup(s, 5),
			.interval_s = sqlite3_column_int64(s, 6),
		};
	}
	if (rc != SQLITE_DONE)
		db_die(st, "select");
	sqlite3_finalize(s);
}

void pnf_state_each_due(pnf_state *st, bool force_feeds, bool files,
                        void (*fn)(void *ctx, const pnf_urlrec *u), void *ctx)
{
	/* One scan in rowid order (no sort: an ORDER BY kind sorted every
	 * row), file:// URLs being a range of the primary key; the kinds are
	 * put in order below. */
	static const char *const sql[2] = {
		"SELECT url, kind, attempts, redirects, etag, last_modified, interval FROM url "
		"WHERE ((state = 0 AND next_due <= ?2) OR (kind != 0 AND (?1 OR next_due <= ?2))) "
		"AND (url < 'file:' OR url >= 'file;') ORDER BY rowid",
		"SELECT url, kind, attempts, redirects, etag, last_modified, interval FROM url "
		"WHERE url >= 'file:' AND url < 'file;' "
		"AND ((state = 0 AND next_due <= ?2) OR (kind != 0 AND (?1 OR next_due <= ?2))) "
		"ORDER BY rowid",
	};
	/* collect first: fn may write to the table being read */
	pnf_urlrec *v = NULL;
	size_t n = 0, cap = 0;
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, sql[files], -1, &s, NULL) != SQLITE_OK)
		db_die(st, "prepare");
	sqlite3_bind_int(s, 1, force_feeds);
	sqlite3_bind_int64(s, 2, (long long)time(NULL));
	collect(st, s, &v, &n, &cap);
	pthread_mutex_unlock(&st->mu);
	/* index seeds, robots, sitemaps and feeds first (their links join
	 * the queue early), then pages, each in the order they were added */
	for (int k = PNF_INDEX; k >= PNF_PAGE; k--)
		for (size_t i = 0; i < n; i++)
			if ((int)v[i].kind == k)
				fn(ctx, &v[i]);
	for (size_t i = 0; i < n; i++)
		pnf_urlrec_free(&v[i]);
	free(v);
}

void pnf_urlrec_free(pnf_urlrec *u)
{
	free(u->url);
	free(u->etag);
	free(u->last_modified);
}

void pnf_state_done(pnf_state *st, const char *url, int http_status,
                    const char *etag, const char *last_modified)
{
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *q = st->q[Q_DONE];
	bind_text(q, 1, url);
	sqlite3_bind_int(q, 2, http_status);
	bind_text(q, 3, etag);
	bind_text(q, 4, last_modified);
	sqlite3_bind_int64(q, 5, st->feed_interval_s);
	run(st, q);
	pthread_mutex_unlock(&st->mu);
}

void pnf_state_retry_later(pnf_state *st, const char *url, int attempts, long long not_before,
                           const char *error)
{
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *q = st->q[Q_RETRY];
	bind_text(q, 1, url);
	sqlite3_bind_int(q, 2, attempts);
	bind_text(q, 3, error);
	sqlite3_bind_int64(q, 4, not_before);
	run(st, q);
	pthread_mutex_unlock(&st->mu);
}

void pnf_state_failed(pnf_state *st, const char *url, int http_status, const char *error)
{
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *q = st->q[Q_FAILED];
	bind_text(q, 1, url);
	sqlite3_bind_int(q, 2, http_status);
	bind_text(q, 3, error);
	sqlite3_bind_int64(q, 4, st->feed_interval_s);
	run(st, q);
	pthread_mutex_unlock(&st->mu);
}

bool pnf_state_robots_get(pnf_state *st, const char *origin, char **body, int *status)
{
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *q = st->q[Q_ROBOTS_GET];
	bind_text(q, 1, origin);
	bool found = false;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_type(q, 1) != SQLITE_NULL) {
		*body = col_dup(q, 0);
		*status = sqlite3_column_int(q, 1);
		found = true;
	} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_die(st, "select");
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	pthread_mutex_unlock(&st->mu);
	return found;
}

void pnf_state_robots_put(pnf_state *st, const char *origin, const char *body, int status)
{
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *q = st->q[Q_ROBOTS_PUT];
	bind_text(q, 1, origin);
	bind_text(q, 2, body ? body : "");
	sqlite3_bind_int(q, 3, status);
	run(st, q);
	pthread_mutex_unlock(&st->mu);
}

long long pnf_state_backoff_get(pnf_state *st, const char *origin)
{
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *q = st->q[Q_BACKOFF_GET];
	bind_text(q, 1, origin);
	long long v = 0;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	else if (rc != SQLITE_DONE)
		db_die(st, "select");
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	pthread_mutex_unlock(&st->mu);
	return v;
}

void pnf_state_backoff_put(pnf_state *st, const char *origin, long long until)
{
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *q = st->q[Q_BACKOFF_PUT];
	bind_text(q, 1, origin);
	sqlite3_bind_int64(q, 2, until);
	run(st, q);
	pthread_mutex_unlock(&st->mu);
}
