/* db.c - opening the database with the settings every command relies on,
 * and turning SQLite errors into pn exit codes. */
#include "pns.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *pns_db_path(const char *opt)
{
	if (opt && *opt)
		return opt;
	const char *env = getenv("PN_DB");
	return env && *env ? env : "pharmanews.db";
}

_Noreturn void pns_db_die(sqlite3 *db, const char *what)
{
	int code = sqlite3_errcode(db);
	bool busy = code == SQLITE_BUSY || code == SQLITE_LOCKED;
	pn_die(busy ? PN_EXIT_LOCKED : PN_EXIT_IO, "%s%s: %s", what,
	       busy ? " (database busy past the timeout)" : "", sqlite3_errmsg(db));
}

void pns_exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		/* The statement itself, shortened: enough to tell which one. */
		char *what = pn_xasprintf("%s: %.40s", sqlite3_db_filename(db, "main"), sql);
		pns_db_die(db, what);
	}
}

sqlite3_stmt *pns_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		char *what = pn_xasprintf("preparing \"%.60s\"", sql);
		pns_db_die(db, what);
	}
	return st;
}

sqlite3 *pns_db_open(const char *path, bool create, int timeout_ms)
{
	struct stat sb;
	if (!create && stat(path, &sb) != 0)
		pn_die(PN_EXIT_IO, "%s: %s (load something first)", path, strerror(errno));
	/* Memory statistics take a global mutex on every allocation, and a
	 * connection used by one thread needs no mutex of its own: together
	 * 3% of the load time. (sqlite3_config fails harmlessly once SQLite
	 * is initialised, i.e. from the second database opened.) */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3 *db;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		pn_warn("%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		exit(PN_EXIT_IO);
	}
	sqlite3_extended_result_codes(db, 0);
	sqlite3_busy_timeout(db, timeout_ms);
	/* WAL: readers never block the loader and a killed loader loses only
	 * its open transaction. NORMAL is durable up to the last checkpointed
	 * commit and never corrupts in WAL mode. Debian builds SQLite with
	 * SECURE_DELETE, which zeroes every page a reload frees; nothing here
	 * is secret, so skip that cost. */
	/* page_size only applies to a new, empty file (it must come before
	 * WAL): 16 KiB pages made loading 8% (short texts) to 16% (long
	 * texts, FTS) faster than the default 4 KiB. */
	static const char setup[] = "PRAGMA page_size = 16384;"
	                            "PRAGMA journal_mode = WAL;"
	                            "PRAGMA synchronous = NORMAL;"
	                            "PRAGMA secure_delete = OFF;"
	                            "PRAGMA cache_size = -65536;"
	                            "PRAGMA temp_store = MEMORY;";
	/* While another process switches a new file to WAL, SQLite reports
	 * SQLITE_BUSY here without calling the busy handler: wait by hand. */
	int rc;
	for (int waited = 0;
	     (rc = sqlite3_exec(db, setup, NULL, NULL, NULL)) == SQLITE_BUSY && waited < timeout_ms;
	     waited += 20)
		sqlite3_sleep(20);
	if (rc != SQLITE_OK) {
		char *what = pn_xasprintf("%s: setting up", path);
		pns_db_die(db, what);
	}
	pns_schema_migrate(db, path);
	return db;
}

void pns_db_close(sqlite3 *db)
{
	/* Statements are finalized by their owners first, so this cannot
	 * return SQLITE_BUSY; a failure here would be a leak, i.e. a bug. */
	if (sqlite3_close(db) != SQLITE_OK)
		pn_die(PN_EXIT_INTERNAL, "closing database: %s", sqlite3_errmsg(db));
}
