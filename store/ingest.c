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
	pn_buf key;          /* cache keys, mention offsets */
	pn_buf authors, source, attrs, extra; /* JSON text of those values */
	bool reals;          /* the article was read with JSON_DECODE_INT_AS_REAL */
	const char *where;   /* "file:line" of the article, for messages */
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
	pn_buf_free(&g->authors);
	pn_buf_free(&g->source);
	pn_buf_free(&g->attrs);
	pn_buf_free(&g->extra);
	free(g);
}

const pns_counts *pns_ingest_counts(const pns_ingest *g) { return &g->counts; }

_Noreturn static void db_fail(pns_ingest *g, const char *what)
{
	char *msg = pn_xasprintf("%s: %s", g->where, what);
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
	sqlite3_clear_bindings(st);
	return id;
}

static void step(pns_ingest *g, int which)
{
	sqlite3_stmt *st = g->st[which];
	if (sqlite3_step(st) != SQLITE_DONE)
		db_fail(g, sql[which]);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Binds obj[key] if it is a string; unbound parameters are NULL. The
 * parsed line outlives the statement step, hence SQLITE_STATIC. */
static void bind_string(sqlite3_stmt *st, int i, const json_t *v)
{
	if (json_is_string(v))
		sqlite3_bind_text(st, i, json_string_value(v), (int)json_string_length(v),
		                  SQLITE_STATIC);
}

static void bind_field(sqlite3_stmt *st, int i, const json_t *obj, const char *key)
{
	bind_string(st, i, json_object_get(obj, key));
}

/* Fewest significant digits (15..17) that give d back. */
static int real_digits(double d)
{
	char s[40];
	for (int p = 15; p < 17; p++) {
		snprintf(s, sizeof s, "%.*g", p, d);
		if (strtod(s, NULL) == d)
			return p;
	}
	return 17;
}

/* Digits every real in v needs, 0 if v holds none. */
static int max_real_digits(const json_t *v)
{
	int d = 0;
	size_t i;
	const char *k;
	json_t *m;
	switch (json_typeof(v)) {
	case JSON_REAL: return real_digits(json_real_value(v));
	case JSON_ARRAY:
		json_array_foreach(v, i, m) {
			int n = max_real_digits(m);
			d = n > d ? n : d;
		}
		return d;
	case JSON_OBJECT:
		json_object_foreach((json_t *)v, k, m) {
			int n = max_real_digits(m);
			d = n > d ? n : d;
		}
		return d;
	default: return 0;
	}
}

/* v as compact JSON text in b, keys in input order. jansson prints reals
 * with 17 digits by default (0.8 as 0.80000000000000004); the fewest that
 * give each real back are used instead. */
static void dump(pn_buf *b, const json_t *v)
{
	size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(max_real_digits(v));
	pn_buf_reset(b);
	size_t n = json_dumpb(v, b->data, b->cap, flags);
	if (n >= b->cap) {
		pn_buf_reserve(b, n + 1);
		n = json_dumpb(v, b->data, b->cap, flags);
	}
	if (n == 0 || n >= b->cap)
		pn_die(PN_EXIT_INTERNAL, "json_dumpb failed");
	b->len = n;
	b->data[n] = '\0';
}

/* Arrays and objects are stored as JSON text, dumped once per article
 * into b; NULL when v is missing or null. */
static const pn_buf *dump_field(pn_buf *b, const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return NULL;
	dump(b, v);
	return b;
}

static void bind_buf(sqlite3_stmt *st, int i, const pn_buf *b)
{
	if (b)
		sqlite3_bind_text(st, i, b->data, (int)b->len, SQLITE_STATIC);
}

static void bind_article(pns_ingest *g, sqlite3_stmt *st, const json_t *art,
                         const pn_buf *authors, const pn_buf *source)
{
	static const char *const text_cols[] = {"url", "canonical_url", "title", "published",
	                                        "published_source", "modified"};
	for (int i = 0; i < 6; i++)
		bind_field(st, 2 + i, art, text_cols[i]);
	bind_buf(st, 8, authors);
	bind_field(st, 9, art, "site_name");
	bind_field(st, 10, art, "lang");
	bind_field(st, 11, art, "text");
	bind_buf(st, 12, source);
	sqlite3_bind_text(st, 13, g->now, -1, SQLITE_STATIC);
}

/* Returns the article's pk; *replaced tells whether it existed, in which
 * case its FTS entry has been deleted and its row updated. */
static int64_t write_article(pns_ingest *g, const json_t *art, bool *replaced)
{
	const pn_buf *authors = dump_field(&g->authors, art, "authors");
	const pn_buf *source = dump_field(&g->source, art, "source");
	sqlite3_stmt *st = g->st[INS_ARTICLE];
	bind_field(st, 1, art, "id");
	bind_article(g, st, art, authors, source);
	step(g, INS_ARTICLE);
	int64_t pk;
	*replaced = sqlite3_changes(g->db) == 0;
	if (*replaced) {
		bind_field(g->st[SEL_ARTICLE], 1, art, "id");
		pk = step_id(g, SEL_ARTICLE);
		sqlite3_bind_int64(g->st[DEL_FTS], 1, pk);
		step(g, DEL_FTS);
		st = g->st[UPD_ARTICLE];
		sqlite3_bind_int64(st, 1, pk);
		bind_article(g, st, art, authors, source);
		step(g, UPD_ARTICLE);
	} else {
		pk = sqlite3_last_insert_rowid(g->db);
	}
	st = g->st[INS_FTS];
	sqlite3_bind_int64(st, 1, pk);
	bind_field(st, 2, art, "title");
	bind_field(st, 3, art, "text");
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
static int64_t find_entity(pns_ingest *g, const json_t *type, const json_t *name)
{
	sqlite3_stmt *st = g->st[SEL_ENTITY];
	bind_string(st, 1, type);
	bind_string(st, 2, name);
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
	sqlite3_clear_bindings(st);
	return id;
}

/* The entity's id, inserting it if new and updating its attrs if they
 * changed: the latest rules' view of an entity wins. */
static int64_t entity_id(pns_ingest *g, const json_t *ent)
{
	const json_t *type = json_object_get(ent, "type");
	const json_t *name = json_object_get(ent, "name");
	const pn_buf *attrs_b = dump_field(&g->attrs, ent, "attrs");
	const char *attrs = attrs_b ? attrs_b->data : NULL;
	size_t attrs_len = attrs_b ? attrs_b->len : 0;
	pn_buf_reset(&g->key);
	pn_buf_add(&g->key, json_string_value(type), json_string_length(type) + 1);
	pn_buf_add(&g->key, json_string_value(name), json_string_length(name));
	const char *cached;
	size_t cached_len;
	int64_t id = pns_cache_get(g->entities, g->key.data, g->key.len, &cached, &cached_len);
	if (!id && (id = find_entity(g, type, name)) != 0)
		pns_cache_get(g->entities, g->key.data, g->key.len, &cached, &cached_len);
	if (!id) {
		sqlite3_stmt *st = g->st[INS_ENTITY];
		bind_string(st, 1, type);
		bind_string(st, 2, name);
		if (attrs)
			sqlite3_bind_text(st, 3, attrs, (int)attrs_len, SQLITE_STATIC);
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

static void write_aliases(pns_ingest *g, int64_t id, const json_t *ent)
{
	const json_t *name = json_object_get(ent, "name");
	const json_t *aliases = json_object_get(ent, "aliases");
	size_t i;
	const json_t *a;
	json_array_foreach(aliases, i, a) {
		size_t len = json_string_length(a);
		if (len == json_string_length(name) &&
		    memcmp(json_string_value(a), json_string_value(name), len) == 0)
			continue;
		pn_buf_reset(&g->key);
		pn_buf_add(&g->key, &id, sizeof id);
		pn_buf_add(&g->key, json_string_value(a), len);
		if (pns_cache_get(g->aliases, g->key.data, g->key.len, NULL, NULL))
			continue;
		sqlite3_bind_int64(g->st[INS_ALIAS], 1, id);
		bind_string(g->st[INS_ALIAS], 2, a);
		step(g, INS_ALIAS);
		pns_cache_put(g->aliases, g->key.data, g->key.len, 1, NULL, 0);
	}
}

/* printf was 5% of the load time here. */
static void add_int(pn_buf *b, int64_t v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	uint64_t u = (uint64_t)v; /* validated >= 0 */
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	pn_buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

/* A validated offset (pns_offset). */
static int64_t offset(const pns_ingest *g, const json_t *v)
{
	int64_t o = 0;
	pns_offset(v, g->reals, &o);
	return o;
}

static void write_entities(pns_ingest *g, int64_t pk, const json_t *art)
{
	const json_t *ents = json_object_get(art, "entities");
	sqlite3_stmt *st = g->st[INS_MENTION];
	size_t i, j;
	const json_t *ent, *m;
	json_array_foreach(ents, i, ent) {
		int64_t id = entity_id(g, ent);
		write_aliases(g, id, ent);
		const json_t *mentions = json_object_get(ent, "mentions");
		pn_buf_reset(&g->key);
		pn_buf_addc(&g->key, '[');
		json_array_foreach(mentions, j, m) {
			if (j)
				pn_buf_addc(&g->key, ',');
			pn_buf_addc(&g->key, '[');
			add_int(&g->key, offset(g, json_object_get(m, "start")));
			pn_buf_addc(&g->key, ',');
			add_int(&g->key, offset(g, json_object_get(m, "end")));
			pn_buf_addc(&g->key, ']');
		}
		pn_buf_addc(&g->key, ']');
		size_t n = json_array_size(mentions);
		sqlite3_bind_int64(st, 1, pk);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_int64(st, 3, (int64_t)n);
		sqlite3_bind_text(st, 4, g->key.data, (int)g->key.len, SQLITE_STATIC);
		step(g, INS_MENTION);
		g->counts.mentions += n;
	}
}

/* Parameters of INS_EVENT taken straight from the event's fields. */
enum { P_TYPE = 3, P_DATE = 5, P_GRAIN = 6, P_START = 7, P_END = 8, P_DRUG = 11,
       P_COMPANY = 12, P_AGENCY = 13, P_JURISDICTION = 14, P_EXTRA = 22, P_CANONICAL = 23,
       N_PARAMS = 24 };

static const struct { const char *name; size_t len; int param; } event_fields[] = {
#define F(name, param) {name, sizeof name - 1, param}
	F("type", P_TYPE), F("status", 4), F("date", P_DATE), F("date_grain", P_GRAIN),
	F("date_text", 9), F("date_source", 10), F("drug", P_DRUG), F("company", P_COMPANY),
	F("agency", P_AGENCY), F("jurisdiction", P_JURISDICTION), F("indication", 15),
	F("designation", 16), F("sentence", 17), F("sentence_start", 18),
	F("sentence_end", 19), F("rule", 20), F("rules_version", 21),
#undef F
};

static int event_param(const char *key, size_t len)
{
	for (size_t i = 0; i < sizeof event_fields / sizeof event_fields[0]; i++)
		if (len == event_fields[i].len && memcmp(key, event_fields[i].name, len) == 0)
			return event_fields[i].param;
	return 0;
}

/* Merge key: (type, drug, agency or else jurisdiction, date); an event
 * without a drug is keyed by its company instead so that two acquisitions
 * on the same day stay apart. Returns the key's 63-bit FNV-1a hash (the
 * canonical event id; two keys colliding is a 1 in 2^40 chance even at a
 * million distinct events), or 0 for undated or subject-less events,
 * which are not merged. f[] holds the event's strings by parameter. */
static int64_t canonical_id(const char *const f[N_PARAMS])
{
	const char *drug = f[P_DRUG] ? f[P_DRUG] : "";
	const char *company = *drug || !f[P_COMPANY] ? "" : f[P_COMPANY];
	if (!f[P_DATE] || (!*drug && !*company))
		return 0;
	const char *agency = f[P_AGENCY] ? f[P_AGENCY] : f[P_JURISDICTION] ? f[P_JURISDICTION] : "";
	const char *key[5] = {f[P_TYPE], drug, company, agency, f[P_DATE]};
	uint64_t h = 1469598103934665603u;
	for (int i = 0; i < 5; i++)
		for (const char *p = key[i];; p++) {
			h = (h ^ (unsigned char)*p) * 1099511628211u;
			if (!*p) /* the NUL separates the fields */
				break;
		}
	h &= INT64_MAX;
	return h ? (int64_t)h : 1;
}

/* One pass over the event's fields binds the known ones; the others are
 * kept in extra as a JSON object so nothing pn-extract emits is lost. */
static void write_event(pns_ingest *g, int64_t pk, size_t seq, json_t *ev)
{
	sqlite3_stmt *st = g->st[INS_EVENT];
	const char *f[N_PARAMS] = {0};
	const char *k;
	json_t *v, *extra = NULL;
	json_object_foreach(ev, k, v) {
		int param = event_param(k, json_object_iter_key_len(json_object_key_to_iter(k)));
		if (!param) {
			/* The values are shared (incref'd), not copied. */
			if (!extra)
				extra = json_object();
			if (!extra || json_object_set(extra, k, v) != 0)
				pn_die(PN_EXIT_INTERNAL, "out of memory");
		} else if (json_is_string(v)) {
			bind_string(st, param, v);
			f[param] = json_string_value(v);
		} else if (json_is_number(v)) {
			sqlite3_bind_int64(st, param, offset(g, v));
		}
	}
	if (extra) {
		dump(&g->extra, extra);
		json_decref(extra);
		sqlite3_bind_text(st, P_EXTRA, g->extra.data, (int)g->extra.len, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 1, pk);
	sqlite3_bind_int64(st, 2, (int64_t)seq);
	char start[11], end[11];
	const char *grain;
	if (f[P_DATE] && pns_date_range(f[P_DATE], start, end, &grain)) {
		sqlite3_bind_text(st, P_START, start, 10, SQLITE_STATIC);
		sqlite3_bind_text(st, P_END, end, 10, SQLITE_STATIC);
		if (!f[P_GRAIN])
			sqlite3_bind_text(st, P_GRAIN, grain, -1, SQLITE_STATIC);
	}
	int64_t canon = canonical_id(f);
	if (canon)
		sqlite3_bind_int64(st, P_CANONICAL, canon);
	step(g, INS_EVENT);
	g->counts.events++;
}

void pns_ingest_article(pns_ingest *g, const json_t *art, bool reals, const char *where)
{
	g->reals = reals;
	g->where = where;
	pn_utc_now(g->now);
	bool replaced;
	int64_t pk = write_article(g, art, &replaced);
	if (replaced) {
		clear_article(g, pk);
		g->counts.replaced++;
	}
	write_entities(g, pk, art);
	size_t seq;
	json_t *ev;
	json_array_foreach(json_object_get(art, "events"), seq, ev)
		write_event(g, pk, seq, ev);
	g->counts.articles++;
}
