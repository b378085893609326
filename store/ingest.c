/* ingest.c - one enriched article into the database.
 *
 * Re-loading an article replaces everything derived from it: the article
 * row is updated in place (its pk, and so its FTS rowid, stays), and its
 * mentions and events are deleted and written again. Entities and aliases
 * are shared across articles and only ever added. All of this runs inside
 * the caller's transaction, which is what makes an article all-or-nothing.
 * Every statement here writes or reads one row; the common case (a new
 * article) costs 2 + entities + events statements once entities are cached.
 */
#include "pns.h"

#include <stdlib.h>
#include <string.h>

enum {
	INS_ARTICLE, SEL_ARTICLE, UPD_ARTICLE, INS_FTS, DEL_FTS, DEL_MENTIONS, DEL_EVENTS,
	SEL_ENTITY, INS_ENTITY, UPD_ENTITY, INS_ALIAS, INS_MENTION, INS_EVENT, N_STMT
};

/* Article columns in bind order (?2.. after pk/id in ?1). */
#define ARTICLE_COLS "url, canonical_url, title, published, published_source, modified," \
	" authors, site_name, lang, text, source, loaded_at"

static const char *const sql[N_STMT] = {
	/* Try the insert first: a new article then costs one statement. */
	[INS_ARTICLE] = "INSERT INTO articles (id, " ARTICLE_COLS ")"
	                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
	                " ON CONFLICT (id) DO NOTHING",
	[SEL_ARTICLE] = "SELECT pk FROM articles WHERE id = ?1",
	[UPD_ARTICLE] = "UPDATE articles SET (" ARTICLE_COLS ")"
	                " = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) WHERE pk = ?1",
	[INS_FTS] = "INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
	/* Must run before the UPDATE: FTS5 needs the old text to delete it. */
	[DEL_FTS] = "INSERT INTO articles_fts (articles_fts, rowid, title, text)"
	            " SELECT 'delete', pk, title, text FROM articles WHERE pk = ?1",
	[DEL_MENTIONS] = "DELETE FROM mentions WHERE article = ?1",
	[DEL_EVENTS] = "DELETE FROM events WHERE id BETWEEN ?1 * 65536 AND ?1 * 65536 + 65535",
	[SEL_ENTITY] = "SELECT id, attrs FROM entities WHERE type = ?1 AND name = ?2",
	[INS_ENTITY] = "INSERT INTO entities (type, name, attrs) VALUES (?1, ?2, ?3)",
	[UPD_ENTITY] = "UPDATE entities SET attrs = ?2 WHERE id = ?1",
	[INS_ALIAS] = "INSERT OR IGNORE INTO entity_aliases (entity, alias) VALUES (?1, ?2)",
	/* An entity listed twice in one article gets its offsets appended.
	 * (A multi-row VALUES version of this was 50% slower: a multi-row
	 * upsert needs a statement journal.) */
	[INS_MENTION] = "INSERT INTO mentions (article, entity, n, offsets) VALUES (?1, ?2, ?3, ?4)"
	                " ON CONFLICT DO UPDATE SET n = n + excluded.n, offsets = CASE"
	                " WHEN excluded.n = 0 THEN offsets WHEN n = 0 THEN excluded.offsets"
	                " ELSE substr(offsets, 1, length(offsets) - 1) || ',' ||"
	                " substr(excluded.offsets, 2) END",
	/* ?1 article pk, ?2 seq, then the P_* parameters of write_event. */
	[INS_EVENT] = "INSERT INTO events (id, article, seq, type, status, date, date_grain,"
	              " date_start, date_end, date_text, date_source, drug, company, agency,"
	              " jurisdiction, indication, designation, sentence, sentence_start,"
	              " sentence_end, rule, rules_version, extra, canonical)"
	              " VALUES (?1 * 65536 + ?2, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	              " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
};

struct pns_ingest {
	sqlite3 *db;
	sqlite3_stmt *st[N_STMT];
	pns_cache *entities; /* "type\0name" -> id, attrs */
	pns_cache *aliases;  /* "id\0alias" -> 1 once written */
	pn_buf key;          /* cache keys */
	const char *file;    /* where the article is, for messages */
	unsigned long line;
	char now[21];        /* loaded_at */
	pns_counts counts;
};

pns_ingest *pns_ingest_new(sqlite3 *db)
{
	pns_ingest *g = pn_xcalloc(1, sizeof *g);
	g->db = db;
	for (int i = 0; i < N_STMT; i++)
		g->st[i] = pns_prepare(db, sql[i]);
	g->entities = pns_cache_new();
	g->aliases = pns_cache_new();
	return g;
}

void pns_ingest_free(pns_ingest *g)
{
	if (!g)
		return;
	for (int i = 0; i < N_STMT; i++)
		sqlite3_finalize(g->st[i]);
	pns_cache_free(g->entities);
	pns_cache_free(g->aliases);
	pn_buf_free(&g->key);
	free(g);
}

const pns_counts *pns_ingest_counts(const pns_ingest *g) { return &g->counts; }

_Noreturn static void db_fail(pns_ingest *g, const char *what)
{
	char *msg = pn_xasprintf("%s:%lu: %s", g->file, g->line, what);
	pns_db_die(g->db, msg);
}

/* Steps a statement returning at most one row; returns column 0 as an
 * integer, or 0 if there was no row. Resets the statement. */
static int64_t step_id(pns_ingest *g, int which)
{
	sqlite3_stmt *st = g->st[which];
	int rc = sqlite3_step(st);
	int64_t id = 0;
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		db_fail(g, sql[which]);
	sqlite3_reset(st);
	return id;
}

static void step(pns_ingest *g, int which)
{
	sqlite3_stmt *st = g->st[which];
	if (sqlite3_step(st) != SQLITE_DONE)
		db_fail(g, sql[which]);
	sqlite3_reset(st);
}

/* Binds s, or NULL if missing. Every statement binds every parameter
 * each time (bindings are not cleared between rows). The parsed line
 * outlives the statement step, hence SQLITE_STATIC. */
static void bind_str(sqlite3_stmt *st, int i, pns_str s)
{
	if (s.p)
		sqlite3_bind_text(st, i, s.p, (int)s.len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_article(pns_ingest *g, sqlite3_stmt *st, const pns_article *art)
{
	for (int i = 0; i < PNS_A_N; i++)
		bind_str(st, 2 + i, art->f[i]);
	sqlite3_bind_text(st, 2 + PNS_A_N, g->now, -1, SQLITE_STATIC);
}

/* Returns the article's pk; *replaced tells whether it existed, in which
 * case its FTS entry has been deleted and its row updated. */
static int64_t write_article(pns_ingest *g, const pns_article *art, bool *replaced)
{
	sqlite3_stmt *st = g->st[INS_ARTICLE];
	bind_str(st, 1, art->id);
	bind_article(g, st, art);
	step(g, INS_ARTICLE);
	int64_t pk;
	*replaced = sqlite3_changes(g->db) == 0;
	if (*replaced) {
		bind_str(g->st[SEL_ARTICLE], 1, art->id);
		pk = step_id(g, SEL_ARTICLE);
		sqlite3_bind_int64(g->st[DEL_FTS], 1, pk);
		step(g, DEL_FTS);
		st = g->st[UPD_ARTICLE];
		sqlite3_bind_int64(st, 1, pk);
		bind_article(g, st, art);
		step(g, UPD_ARTICLE);
	} else {
		pk = sqlite3_last_insert_rowid(g->db);
	}
	st = g->st[INS_FTS];
	sqlite3_bind_int64(st, 1, pk);
	bind_str(st, 2, art->f[PNS_A_TITLE]);
	bind_str(st, 3, art->f[PNS_A_TEXT]);
	step(g, INS_FTS);
	return pk;
}

/* Deletes the derived rows of an article being replaced. */
static void clear_article(pns_ingest *g, int64_t pk)
{
	for (int which = DEL_MENTIONS; which <= DEL_EVENTS; which++) {
		sqlite3_bind_int64(g->st[which], 1, pk);
		step(g, which);
	}
}

/* Looks the entity (g->key) up in the database and caches it; 0 if it is
 * not there yet. */
static int64_t find_entity(pns_ingest *g, const pns_entity *e)
{
	sqlite3_stmt *st = g->st[SEL_ENTITY];
	bind_str(st, 1, e->type);
	bind_str(st, 2, e->name);
	int rc = sqlite3_step(st);
	int64_t id = 0;
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		pns_cache_put(g->entities, g->key.data, g->key.len, id,
		              (const char *)sqlite3_column_text(st, 1),
		              (size_t)sqlite3_column_bytes(st, 1));
	} else if (rc != SQLITE_DONE) {
		db_fail(g, sql[SEL_ENTITY]);
	}
	sqlite3_reset(st);
	return id;
}

/* The entity's id, inserting it if new and updating its attrs if they
 * changed: the latest rules' view of an entity wins. */
static int64_t entity_id(pns_ingest *g, const pns_entity *e)
{
	const char *attrs = e->attrs.p;
	size_t attrs_len = e->attrs.len;
	pn_buf_reset(&g->key);
	pn_buf_add(&g->key, e->type.p, e->type.len);
	pn_buf_addc(&g->key, '\0');
	pn_buf_add(&g->key, e->name.p, e->name.len);
	const char *cached;
	size_t cached_len;
	int64_t id = pns_cache_get(g->entities, g->key.data, g->key.len, &cached, &cached_len);
	if (!id && (id = find_entity(g, e)) != 0)
		pns_cache_get(g->entities, g->key.data, g->key.len, &cached, &cached_len);
	if (!id) {
		sqlite3_stmt *st = g->st[INS_ENTITY];
		bind_str(st, 1, e->type);
		bind_str(st, 2, e->name);
		bind_str(st, 3, e->attrs);
		step(g, INS_ENTITY);
		id = sqlite3_last_insert_rowid(g->db);
		pns_cache_put(g->entities, g->key.data, g->key.len, id, attrs, attrs_len);
		g->counts.entities++;
	} else if (attrs && (!cached || cached_len != attrs_len ||
	                     memcmp(attrs, cached, attrs_len) != 0)) {
		sqlite3_bind_int64(g->st[UPD_ENTITY], 1, id);
		sqlite3_bind_text(g->st[UPD_ENTITY], 2, attrs, (int)attrs_len, SQLITE_STATIC);
		step(g, UPD_ENTITY);
		pns_cache_put(g->entities, g->key.data, g->key.len, id, attrs, attrs_len);
	}
	return id;
}

static void write_aliases(pns_ingest *g, int64_t id, const pns_entity *e, const pns_str *aliases)
{
	for (size_t i = 0; i < e->n_aliases; i++) {
		pns_str a = aliases[e->alias0 + i];
		if (a.len == e->name.len && memcmp(a.p, e->name.p, a.len) == 0)
			continue;
		pn_buf_reset(&g->key);
		pn_buf_add(&g->key, &id, sizeof id);
		pn_buf_add(&g->key, a.p, a.len);
		if (pns_cache_get(g->aliases, g->key.data, g->key.len, NULL, NULL))
			continue;
		sqlite3_bind_int64(g->st[INS_ALIAS], 1, id);
		bind_str(g->st[INS_ALIAS], 2, a);
		step(g, INS_ALIAS);
		pns_cache_put(g->aliases, g->key.data, g->key.len, 1, NULL, 0);
	}
}

static void write_entities(pns_ingest *g, int64_t pk, const pns_article *art)
{
	sqlite3_stmt *st = g->st[INS_MENTION];
	for (size_t i = 0; i < art->n_entities; i++) {
		const pns_entity *e = &art->entities[i];
		int64_t id = entity_id(g, e);
		write_aliases(g, id, e, art->aliases);
		sqlite3_bind_int64(st, 1, pk);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_int64(st, 3, (int64_t)e->n_mentions);
		bind_str(st, 4, e->offsets);
		step(g, INS_MENTION);
		g->counts.mentions += e->n_mentions;
	}
}

/* Parameters of INS_EVENT: ?1 article pk, ?2 seq, then the string fields
 * in enum pns_event_field order from ?3, and these. */
enum { P_FIELDS = 3, P_START = 7, P_END = 8, P_SENTENCE_START = 18, P_EXTRA = 22,
       P_CANONICAL = 23 };

/* enum pns_event_field -> parameter: the columns date_start, date_end sit
 * between date_grain and date_text, sentence_start/end after sentence. */
static int event_param(int f)
{
	return P_FIELDS + f + (f > PNS_E_DATE_GRAIN ? 2 : 0) + (f > PNS_E_SENTENCE ? 2 : 0);
}

/* A field up to its first NUL (as C strings were hashed before pns_str
 * had lengths, so that canonical ids stay the same); "" if missing. */
static pns_str upto_nul(pns_str s)
{
	return s.p ? (pns_str){s.p, strnlen(s.p, s.len)} : (pns_str){"", 0};
}

/* Merge key: (type, drug, agency or else jurisdiction, date); an event
 * without a drug is keyed by its company instead so that two acquisitions
 * on the same day stay apart. Returns the key's 63-bit FNV-1a hash (the
 * canonical event id; two keys colliding is a 1 in 2^40 chance even at a
 * million distinct events), or 0 for undated or subject-less events,
 * which are not merged. */
static int64_t canonical_id(const pns_event *ev)
{
	pns_str drug = upto_nul(ev->f[PNS_E_DRUG]);
	pns_str company = drug.len ? (pns_str){"", 0} : upto_nul(ev->f[PNS_E_COMPANY]);
	if (!ev->f[PNS_E_DATE].p || (!drug.len && !company.len))
		return 0;
	pns_str agency = upto_nul(ev->f[PNS_E_AGENCY].p ? ev->f[PNS_E_AGENCY]
	                                                : ev->f[PNS_E_JURISDICTION]);
	pns_str key[5] = {upto_nul(ev->f[PNS_E_TYPE]), drug, company, agency,
	                  upto_nul(ev->f[PNS_E_DATE])};
	uint64_t h = 1469598103934665603u;
	for (int i = 0; i < 5; i++) {
		for (size_t j = 0; j < key[i].len; j++)
			h = (h ^ (unsigned char)key[i].p[j]) * 1099511628211u;
		h *= 1099511628211u; /* a NUL separates the fields */
	}
	h &= INT64_MAX;
	return h ? (int64_t)h : 1;
}

static void write_event(pns_ingest *g, int64_t pk, size_t seq, const pns_event *ev)
{
	sqlite3_stmt *st = g->st[INS_EVENT];
	sqlite3_bind_int64(st, 1, pk);
	sqlite3_bind_int64(st, 2, (int64_t)seq);
	for (int f = 0; f < PNS_E_N; f++)
		bind_str(st, event_param(f), ev->f[f]);
	for (int i = 0; i < 2; i++)
		if (ev->has_sentence[i])
			sqlite3_bind_int64(st, P_SENTENCE_START + i, ev->sentence[i]);
		else
			sqlite3_bind_null(st, P_SENTENCE_START + i);
	bind_str(st, P_EXTRA, ev->extra);
	char start[11], end[11];
	const char *grain;
	pns_str date = ev->f[PNS_E_DATE];
	if (date.p && pns_date_range(date.p, date.len, start, end, &grain)) {
		sqlite3_bind_text(st, P_START, start, 10, SQLITE_STATIC);
		sqlite3_bind_text(st, P_END, end, 10, SQLITE_STATIC);
		if (!ev->f[PNS_E_DATE_GRAIN].p)
			sqlite3_bind_text(st, event_param(PNS_E_DATE_GRAIN), grain, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_null(st, P_START);
		sqlite3_bind_null(st, P_END);
	}
	int64_t canon = canonical_id(ev);
	if (canon)
		sqlite3_bind_int64(st, P_CANONICAL, canon);
	else
		sqlite3_bind_null(st, P_CANONICAL);
	step(g, INS_EVENT);
	g->counts.events++;
}

void pns_ingest_article(pns_ingest *g, const pns_article *art, const char *file,
                        unsigned long line)
{
	g->file = file;
	g->line = line;
	pn_utc_now(g->now);
	bool replaced;
	int64_t pk = write_article(g, art, &replaced);
	if (replaced) {
		clear_article(g, pk);
		g->counts.replaced++;
	}
	write_entities(g, pk, art);
	for (size_t seq = 0; seq < art->n_events; seq++)
		write_event(g, pk, seq, &art->events[seq]);
	g->counts.articles++;
}
