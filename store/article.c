/* article.c - one enriched article line into a pns_article, with yajl.
 *
 * yajl is an event parser: it builds no tree and allocates nothing per
 * value, and an unescaped string comes as a pointer into the line. That
 * made parsing 8x cheaper than jansson's tree (docs/store.md, PERFORMANCE).
 * The callbacks below follow the article's fixed shape (article, entities,
 * their aliases and mentions, events) with a small stack of containers,
 * check each field's type as it comes, and copy the strings pn-store keeps
 * into the line's arena. Values pn-store keeps as JSON text (authors,
 * source, attrs, unknown event fields) are written out again as compact
 * JSON while they stream past; unknown article fields are skipped.
 *
 * What yajl 2.1 leaves unchecked is checked here and in jcheck.c, so that
 * a bad line is bad whatever the library: strict UTF-8 and lone surrogate
 * escapes (jcheck.c), nesting limited to 2048 levels, and a real beyond
 * the range of a double (yajl has no depth limit and passes numbers
 * through as text).
 */
#include "pns.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#define MAX_DEPTH 2048
#define MAX_EVENTS 65536 /* events.id packs the article and the position in 16 bits */

/* What the next value is, decided by the enclosing container and key. */
enum slot {
	S_IGNORE, S_ROOT, S_ID, S_ART_STR, S_AUTHORS, S_SOURCE, S_ENTITIES, S_EVENTS,
	S_ENTITY, S_ENT_TYPE, S_ENT_NAME, S_ENT_ATTRS, S_ALIASES, S_ALIAS, S_MENTIONS,
	S_MENTION, S_M_OFFSET, S_M_TEXT, S_EVENT, S_EV_STR, S_EV_OFFSET, S_EV_EXTRA
};

/* Containers of the fixed shape; anything deeper is captured or skipped. */
enum cont { C_ROOT, C_ENTITIES, C_ENTITY, C_ALIASES, C_MENTIONS, C_MENTION, C_EVENTS, C_EVENT };

struct pns_reader {
	yajl_handle h;
	const char *line;        /* being parsed */
	size_t len;
	pns_arena *arena;
	pns_article art;
	size_t cap_entities, cap_events, cap_aliases, n_aliases;

	enum cont stack[8];
	int top;                 /* containers open in stack */
	int depth;               /* every container open, for MAX_DEPTH */
	enum slot key_slot;      /* set by the last key of a fixed-shape object */
	int key_arg;             /* field index for S_ART_STR, S_EV_STR, offsets */
	const char *key_name;    /* of a known key, for messages */
	size_t next_key[C_EVENT + 1]; /* lookup() hints by container */

	int skip;                /* depth inside a skipped container */
	int cap;                 /* depth inside a captured container */
	enum slot cap_slot;      /* where the captured text goes */
	size_t cap_items;        /* elements at depth 1 (authors: must be strings) */
	pn_buf *out;             /* capture target: &text, or &extra */
	pn_buf text, extra, offsets, num;

	size_t n_mentions;       /* of the entity being read */
	int64_t moff[2];         /* start, end of the mention being read */
	bool has_moff[2], bad_mention;
	bool has_type, has_name; /* of the entity or event being read */

	const char *err;         /* JSON error raised by a callback */
	size_t err_col;
	char *why;               /* the caller's buffer for the first shape error */
	size_t whylen;
	bool failed;             /* why holds one */
};

static const pns_str EMPTY_ARRAY = {"[]", 2};

pns_reader *pns_reader_new(void)
{
	pns_reader *r = pn_xcalloc(1, sizeof *r);
	r->arena = pns_arena_new();
	return r;
}

void pns_reader_free(pns_reader *r)
{
	if (!r)
		return;
	pns_arena_free(r->arena);
	free(r->art.entities);
	free(r->art.events);
	free(r->art.aliases);
	pn_buf_free(&r->text);
	pn_buf_free(&r->extra);
	pn_buf_free(&r->offsets);
	pn_buf_free(&r->num);
	free(r);
}

/* ---- errors ---------------------------------------------------------- */

/* A JSON error found by a callback: stops the parse. */
static int json_fail(pns_reader *r, const char *what)
{
	r->err = what;
	r->err_col = yajl_get_bytes_consumed(r->h);
	return 0;
}

/* A field of the wrong shape: remembered (the first only); parsing goes
 * on so that a JSON error later in the line is still the one reported. */
__attribute__((format(printf, 2, 3)))
static void fail(pns_reader *r, const char *fmt, ...)
{
	if (r->failed)
		return;
	r->failed = true;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->why, r->whylen, fmt, ap);
	va_end(ap);
}

static size_t entity_index(const pns_reader *r) { return r->art.n_entities - 1; }
static size_t event_index(const pns_reader *r) { return r->art.n_events - 1; }

/* The message for a value of the wrong type in slot s. */
static void type_error(pns_reader *r, enum slot s)
{
	switch (s) {
	case S_ROOT: fail(r, "not a JSON object"); break;
	case S_ID: fail(r, "\"id\": expected non-empty string"); break;
	case S_ART_STR: fail(r, "\"%s\": expected string or null", r->key_name); break;
	case S_AUTHORS: fail(r, "\"authors\": expected array or null"); break;
	case S_SOURCE: fail(r, "\"source\": expected object or null"); break;
	case S_ENTITIES: fail(r, "\"entities\": expected array or null"); break;
	case S_EVENTS: fail(r, "\"events\": expected array or null"); break;
	case S_ENTITY: fail(r, "entities[%zu]: expected object", r->art.n_entities); break;
	case S_ENT_TYPE: fail(r, "entities[%zu].type: expected string", entity_index(r)); break;
	case S_ENT_NAME:
		fail(r, "entities[%zu].name: expected non-empty string", entity_index(r));
		break;
	case S_ENT_ATTRS:
		fail(r, "entities[%zu].attrs: expected object or null", entity_index(r));
		break;
	case S_ALIASES:
		fail(r, "entities[%zu].aliases: expected array or null", entity_index(r));
		break;
	case S_ALIAS:
		fail(r, "entities[%zu].aliases[%zu]: expected string", entity_index(r),
		     r->n_aliases - r->art.entities[entity_index(r)].alias0);
		break;
	case S_MENTIONS:
		fail(r, "entities[%zu].mentions: expected array or null", entity_index(r));
		break;
	case S_MENTION: case S_M_OFFSET: case S_M_TEXT:
		fail(r, "entities[%zu].mentions[%zu]: expected {start, end, text} with 0 <= start <= end",
		     entity_index(r), r->n_mentions);
		break;
	case S_EVENT: fail(r, "events[%zu]: expected object", r->art.n_events); break;
	case S_EV_STR:
		if (r->key_arg == PNS_E_TYPE)
			fail(r, "events[%zu].type: expected non-empty string", event_index(r));
		else
			fail(r, "events[%zu].%s: expected string or null", event_index(r),
			     r->key_name);
		break;
	case S_EV_OFFSET:
		fail(r, "events[%zu].%s: expected non-negative integer", event_index(r),
		     r->key_name);
		break;
	case S_IGNORE: case S_EV_EXTRA: break;
	}
}

/* ---- the fixed shape --------------------------------------------------- */

/* A string yajl found without escapes is a pointer into the line, which
 * outlives the article: kept as is. One with escapes is in yajl's buffer,
 * which the next string overwrites: copied. */
static bool in_line(const pns_reader *r, const char *s)
{
	return (uintptr_t)s - (uintptr_t)r->line < r->len;
}

static pns_str keep(pns_reader *r, const char *s, size_t n)
{
	if (s && in_line(r, s))
		return (pns_str){s, n};
	return (pns_str){pns_arena_strndup(r->arena, s ? s : "", n), n};
}

static pns_str keep_buf(pns_reader *r, const pn_buf *b) { return keep(r, b->data, b->len); }

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = *cap ? 2 * *cap : 16;
	if (*cap < need)
		*cap = need;
	return pn_xrealloc(p, *cap * size);
}

static enum slot next_slot(const pns_reader *r)
{
	if (r->top == 0)
		return S_ROOT;
	switch (r->stack[r->top - 1]) {
	case C_ENTITIES: return S_ENTITY;
	case C_ALIASES: return S_ALIAS;
	case C_MENTIONS: return S_MENTION;
	case C_EVENTS: return S_EVENT;
	default: return r->key_slot;
	}
}

/* The keys each fixed-shape object knows, with the slot of their value,
 * in the order pn-extract writes them: the search starts after the key
 * found last, so it usually succeeds at once (this runs for every key).
 * The last entry is the slot of any other key. */
struct key { const char *name; size_t len; enum slot slot; int arg; };
#define K(name, slot, arg) {name, sizeof name - 1, slot, arg}

static const struct key article_keys[] = {
	K("id", S_ID, 0), K("url", S_ART_STR, PNS_A_URL),
	K("canonical_url", S_ART_STR, PNS_A_CANONICAL_URL), K("title", S_ART_STR, PNS_A_TITLE),
	K("published", S_ART_STR, PNS_A_PUBLISHED),
	K("published_source", S_ART_STR, PNS_A_PUBLISHED_SOURCE),
	K("modified", S_ART_STR, PNS_A_MODIFIED), K("authors", S_AUTHORS, PNS_A_AUTHORS),
	K("site_name", S_ART_STR, PNS_A_SITE_NAME), K("lang", S_ART_STR, PNS_A_LANG),
	K("text", S_ART_STR, PNS_A_TEXT), K("source", S_SOURCE, PNS_A_SOURCE),
	K("entities", S_ENTITIES, 0), K("events", S_EVENTS, 0), {NULL, 0, S_IGNORE, 0}};
static const struct key entity_keys[] = {
	K("type", S_ENT_TYPE, 0), K("name", S_ENT_NAME, 0), K("aliases", S_ALIASES, 0),
	K("attrs", S_ENT_ATTRS, 0), K("mentions", S_MENTIONS, 0), {NULL, 0, S_IGNORE, 0}};
static const struct key mention_keys[] = {
	K("start", S_M_OFFSET, 0), K("end", S_M_OFFSET, 1), K("text", S_M_TEXT, 0),
	{NULL, 0, S_IGNORE, 0}};
static const struct key event_keys[] = {
	K("type", S_EV_STR, PNS_E_TYPE), K("status", S_EV_STR, PNS_E_STATUS),
	K("date", S_EV_STR, PNS_E_DATE), K("date_grain", S_EV_STR, PNS_E_DATE_GRAIN),
	K("date_text", S_EV_STR, PNS_E_DATE_TEXT), K("date_source", S_EV_STR, PNS_E_DATE_SOURCE),
	K("drug", S_EV_STR, PNS_E_DRUG), K("company", S_EV_STR, PNS_E_COMPANY),
	K("agency", S_EV_STR, PNS_E_AGENCY), K("jurisdiction", S_EV_STR, PNS_E_JURISDICTION),
	K("indication", S_EV_STR, PNS_E_INDICATION),
	K("designation", S_EV_STR, PNS_E_DESIGNATION), K("sentence", S_EV_STR, PNS_E_SENTENCE),
	K("sentence_start", S_EV_OFFSET, 0), K("sentence_end", S_EV_OFFSET, 1),
	K("rule", S_EV_STR, PNS_E_RULE), K("rules_version", S_EV_STR, PNS_E_RULES_VERSION),
	{NULL, 0, S_EV_EXTRA, 0}};
#undef K
#define N_KEYS(t) (sizeof t / sizeof t[0] - 1)

/* Sets key_slot, key_arg and key_name for the value of key k; *next is
 * where the search of this object kind starts. */
static void lookup(pns_reader *r, const struct key *t, size_t n_keys, size_t *next,
                   const char *k, size_t n)
{
	const struct key *found = &t[n_keys];
	for (size_t i = 0, j = *next; i < n_keys; i++, j = j + 1 == n_keys ? 0 : j + 1)
		if (t[j].len == n && memcmp(t[j].name, k, n) == 0) {
			found = &t[j];
			*next = j + 1 == n_keys ? 0 : j + 1;
			break;
		}
	r->key_slot = found->slot;
	r->key_arg = found->arg;
	r->key_name = found->name;
}

/* Unknown fields of an event go to its extra object, key first. */
static void event_key(pns_reader *r, const char *k, size_t n)
{
	lookup(r, event_keys, N_KEYS(event_keys), &r->next_key[C_EVENT], k, n);
	if (r->key_slot == S_EV_EXTRA) {
		pn_buf_addc(&r->extra, r->extra.len ? ',' : '{');
		pn_json_str(&r->extra, k, n);
		pn_buf_addc(&r->extra, ':');
	}
}

static void push(pns_reader *r, enum cont c) { r->stack[r->top++] = c; }

static void begin_entity(pns_reader *r)
{
	pns_article *a = &r->art;
	a->entities = grow(a->entities, &r->cap_entities, a->n_entities + 1, sizeof *a->entities);
	a->entities[a->n_entities++] = (pns_entity){.offsets = EMPTY_ARRAY, .alias0 = r->n_aliases};
	r->has_type = r->has_name = false;
}

static void end_entity(pns_reader *r)
{
	if (!r->has_type)
		fail(r, "entities[%zu].type: expected string", entity_index(r));
	else if (!r->has_name)
		fail(r, "entities[%zu].name: expected non-empty string", entity_index(r));
}

static void begin_event(pns_reader *r)
{
	pns_article *a = &r->art;
	a->events = grow(a->events, &r->cap_events, a->n_events + 1, sizeof *a->events);
	a->events[a->n_events++] = (pns_event){0};
	pn_buf_reset(&r->extra);
	r->has_type = false;
}

static void end_event(pns_reader *r)
{
	pns_event *ev = &r->art.events[event_index(r)];
	if (!r->has_type)
		fail(r, "events[%zu].type: expected non-empty string", event_index(r));
	if (r->extra.len) {
		pn_buf_addc(&r->extra, '}');
		ev->extra = keep_buf(r, &r->extra);
	}
}

/* v >= 0 in decimal (snprintf was a visible cost here). */
static void add_int(pn_buf *b, int64_t v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	uint64_t u = (uint64_t)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	pn_buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void end_mention(pns_reader *r)
{
	if (r->bad_mention || !r->has_moff[0] || !r->has_moff[1] || r->moff[1] < r->moff[0]) {
		type_error(r, S_MENTION);
	} else {
		pn_buf *b = &r->offsets;
		if (r->n_mentions)
			pn_buf_addc(b, ',');
		pn_buf_addc(b, '[');
		add_int(b, r->moff[0]);
		pn_buf_addc(b, ',');
		add_int(b, r->moff[1]);
		pn_buf_addc(b, ']');
	}
	r->n_mentions++;
}

/* ---- capture: a value kept as JSON text -------------------------------- */

/* Every value written while capturing is followed by a ','; a closing
 * bracket replaces the ',' of the container's last value. */
static void cap_close(pns_reader *r, char bracket)
{
	pn_buf *b = r->out;
	if (b->data[b->len - 1] == ',')
		b->data[b->len - 1] = bracket;
	else
		pn_buf_addc(b, bracket);
	if (--r->cap > 0) {
		pn_buf_addc(b, ',');
		return;
	}
	switch (r->cap_slot) {
	case S_AUTHORS: r->art.f[PNS_A_AUTHORS] = keep_buf(r, b); break;
	case S_SOURCE: r->art.f[PNS_A_SOURCE] = keep_buf(r, b); break;
	case S_ENT_ATTRS: r->art.entities[entity_index(r)].attrs = keep_buf(r, b); break;
	default: break; /* S_EV_EXTRA: the event's extra goes on */
	}
}

static void cap_open(pns_reader *r, enum slot s, char bracket)
{
	if (r->cap == 0) {
		r->cap_slot = s;
		r->cap_items = 0;
		r->out = s == S_EV_EXTRA ? &r->extra : &r->text;
		if (s != S_EV_EXTRA)
			pn_buf_reset(&r->text);
	} else if (r->cap == 1) {
		r->cap_items++;
		if (r->cap_slot == S_AUTHORS)
			fail(r, "\"authors\"[%zu]: expected string", r->cap_items - 1);
	}
	r->cap++;
	pn_buf_addc(r->out, bracket);
}

/* A scalar inside a captured value, or as an extra field of an event. */
static void cap_scalar(pns_reader *r, const char *text, size_t n, bool string)
{
	pn_buf *b = r->cap ? r->out : &r->extra;
	if (r->cap == 1) {
		r->cap_items++;
		if (r->cap_slot == S_AUTHORS && !string)
			fail(r, "\"authors\"[%zu]: expected string", r->cap_items - 1);
	}
	if (string)
		pn_json_str(b, text, n);
	else
		pn_buf_add(b, text, n);
	if (r->cap)
		pn_buf_addc(b, ',');
}

/* ---- yajl callbacks ------------------------------------------------------ */

static int on_null(void *ctx)
{
	pns_reader *r = ctx;
	if (r->skip)
		return 1;
	if (r->cap) {
		cap_scalar(r, "null", 4, false);
		return 1;
	}
	enum slot s = next_slot(r);
	pns_article *a = &r->art;
	switch (s) {
	case S_ART_STR: case S_AUTHORS: case S_SOURCE: a->f[r->key_arg] = (pns_str){0}; break;
	case S_ENTITIES: a->n_entities = 0; break;
	case S_EVENTS: a->n_events = 0; break;
	case S_ENT_ATTRS: a->entities[entity_index(r)].attrs = (pns_str){0}; break;
	case S_ALIASES: a->entities[entity_index(r)].n_aliases = 0; break;
	case S_MENTIONS:
		a->entities[entity_index(r)].offsets = EMPTY_ARRAY;
		a->entities[entity_index(r)].n_mentions = 0;
		break;
	case S_M_TEXT: case S_IGNORE: break;
	case S_EV_STR:
		if (r->key_arg == PNS_E_TYPE)
			type_error(r, s);
		a->events[event_index(r)].f[r->key_arg] = (pns_str){0};
		break;
	case S_EV_OFFSET: a->events[event_index(r)].has_sentence[r->key_arg] = false; break;
	case S_EV_EXTRA: cap_scalar(r, "null", 4, false); break;
	default: type_error(r, s);
	}
	return 1;
}

static int on_boolean(void *ctx, int v)
{
	pns_reader *r = ctx;
	if (r->skip)
		return 1;
	enum slot s = r->cap ? S_EV_EXTRA : next_slot(r);
	if (s == S_EV_EXTRA)
		cap_scalar(r, v ? "true" : "false", v ? 4 : 5, false);
	else if (s != S_IGNORE)
		type_error(r, s);
	return 1;
}

/* An offset: a non-negative integer, or a real with an integral value
 * (7.0) up to 2^53. */
static bool offset_value(pns_reader *r, const char *s, size_t n, bool real, int64_t *out)
{
	if (!real && n <= 18 && s[0] != '-') {
		int64_t v = 0;
		for (size_t i = 0; i < n; i++)
			v = v * 10 + (s[i] - '0');
		*out = v;
		return true;
	}
	pn_buf_reset(&r->num);
	pn_buf_add(&r->num, s, n);
	if (!real) {
		errno = 0;
		long long v = strtoll(r->num.data, NULL, 10);
		if (errno == 0) {
			*out = v;
			return v >= 0;
		}
	}
	double d = strtod(r->num.data, NULL);
	if (d >= 0 && d <= 9007199254740992.0 && d == floor(d)) {
		*out = (int64_t)d;
		return true;
	}
	return false;
}

/* yajl hands numbers over as text: that text is what pn-store keeps in
 * JSON values (so 0.8 stays 0.8 and big integers stay exact); a real
 * beyond the range of a double is refused as jansson did. */
static int on_number(void *ctx, const char *s, size_t n)
{
	pns_reader *r = ctx;
	bool real = false;
	for (size_t i = 0; i < n && !real; i++)
		real = s[i] == '.' || s[i] == 'e' || s[i] == 'E';
	if (real || n > 18) {
		pn_buf_reset(&r->num);
		pn_buf_add(&r->num, s, n);
		if (isinf(strtod(r->num.data, NULL)))
			return json_fail(r, "real number overflow");
	}
	if (r->skip)
		return 1;
	enum slot sl = r->cap ? S_EV_EXTRA : next_slot(r);
	int64_t v;
	switch (sl) {
	case S_EV_EXTRA: cap_scalar(r, s, n, false); break;
	case S_M_OFFSET:
		if (offset_value(r, s, n, real, &v))
			r->moff[r->key_arg] = v, r->has_moff[r->key_arg] = true;
		else
			r->bad_mention = true;
		break;
	case S_EV_OFFSET:
		if (offset_value(r, s, n, real, &v)) {
			pns_event *ev = &r->art.events[event_index(r)];
			ev->sentence[r->key_arg] = v;
			ev->has_sentence[r->key_arg] = true;
		} else {
			type_error(r, sl);
		}
		break;
	case S_IGNORE: break;
	default: type_error(r, sl);
	}
	return 1;
}

static int on_string(void *ctx, const unsigned char *us, size_t n)
{
	pns_reader *r = ctx;
	const char *s = (const char *)us;
	if (r->skip)
		return 1;
	if (r->cap) {
		cap_scalar(r, s, n, true);
		return 1;
	}
	enum slot sl = next_slot(r);
	pns_article *a = &r->art;
	switch (sl) {
	case S_ID:
		if (n == 0)
			type_error(r, sl);
		a->id = keep(r, s, n);
		break;
	case S_ART_STR: a->f[r->key_arg] = keep(r, s, n); break;
	case S_ENT_TYPE:
		a->entities[entity_index(r)].type = keep(r, s, n);
		r->has_type = true;
		break;
	case S_ENT_NAME:
		if (n == 0)
			type_error(r, sl);
		a->entities[entity_index(r)].name = keep(r, s, n);
		r->has_name = true;
		break;
	case S_ALIAS:
		a->aliases = grow(a->aliases, &r->cap_aliases, r->n_aliases + 1, sizeof *a->aliases);
		a->aliases[r->n_aliases++] = keep(r, s, n);
		a->entities[entity_index(r)].n_aliases++;
		break;
	case S_EV_STR:
		if (r->key_arg == PNS_E_TYPE) {
			if (n == 0)
				type_error(r, sl);
			r->has_type = true;
		}
		a->events[event_index(r)].f[r->key_arg] = keep(r, s, n);
		break;
	case S_EV_EXTRA: cap_scalar(r, s, n, true); break;
	case S_M_TEXT: case S_IGNORE: break;
	default: type_error(r, sl);
	}
	return 1;
}

static int on_key(void *ctx, const unsigned char *uk, size_t n)
{
	pns_reader *r = ctx;
	const char *k = (const char *)uk;
	/* A NUL can only come from an escape (so not in the line). */
	if (!in_line(r, k) && memchr(k, '\0', n))
		return json_fail(r, "NUL byte in object key");
	if (r->skip)
		return 1;
	if (r->cap) {
		pn_json_str(r->out, k, n);
		pn_buf_addc(r->out, ':');
		return 1;
	}
	switch (r->stack[r->top - 1]) {
	case C_ROOT: lookup(r, article_keys, N_KEYS(article_keys), &r->next_key[C_ROOT], k, n); break;
	case C_ENTITY:
		lookup(r, entity_keys, N_KEYS(entity_keys), &r->next_key[C_ENTITY], k, n);
		break;
	case C_MENTION:
		lookup(r, mention_keys, N_KEYS(mention_keys), &r->next_key[C_MENTION], k, n);
		break;
	case C_EVENT: event_key(r, k, n); break;
	default: break; /* arrays have no keys */
	}
	return 1;
}

static int start(pns_reader *r, bool map)
{
	if (++r->depth > MAX_DEPTH)
		return json_fail(r, "nested too deeply");
	if (r->skip) {
		r->skip++;
		return 1;
	}
	if (r->cap) {
		cap_open(r, r->cap_slot, map ? '{' : '[');
		return 1;
	}
	enum slot s = next_slot(r);
	pns_article *a = &r->art;
	if (map) {
		switch (s) {
		case S_ROOT:
			*a = (pns_article){.entities = a->entities, .aliases = a->aliases,
			                   .events = a->events};
			push(r, C_ROOT);
			return 1;
		case S_ENTITY: begin_entity(r); push(r, C_ENTITY); return 1;
		case S_MENTION:
			r->has_moff[0] = r->has_moff[1] = r->bad_mention = false;
			push(r, C_MENTION);
			return 1;
		case S_EVENT: begin_event(r); push(r, C_EVENT); return 1;
		case S_SOURCE: case S_ENT_ATTRS: case S_EV_EXTRA: cap_open(r, s, '{'); return 1;
		default: break;
		}
	} else {
		switch (s) {
		case S_ENTITIES: a->n_entities = 0; push(r, C_ENTITIES); return 1;
		case S_EVENTS: a->n_events = 0; push(r, C_EVENTS); return 1;
		case S_ALIASES: {
			pns_entity *e = &a->entities[entity_index(r)];
			e->alias0 = r->n_aliases;
			e->n_aliases = 0;
			push(r, C_ALIASES);
			return 1;
		}
		case S_MENTIONS:
			r->n_mentions = 0;
			pn_buf_reset(&r->offsets);
			pn_buf_addc(&r->offsets, '[');
			push(r, C_MENTIONS);
			return 1;
		case S_AUTHORS: case S_EV_EXTRA: cap_open(r, s, '['); return 1;
		default: break;
		}
	}
	if (s != S_IGNORE)
		type_error(r, s);
	r->skip = 1;
	return 1;
}

static int end(pns_reader *r)
{
	r->depth--;
	if (r->skip) {
		r->skip--;
		return 1;
	}
	pns_article *a = &r->art;
	switch (r->stack[--r->top]) {
	case C_ROOT:
		if (!a->id.p)
			fail(r, "missing \"id\"");
		break;
	case C_ENTITY: end_entity(r); break;
	case C_MENTION: end_mention(r); break;
	case C_MENTIONS: {
		pn_buf_addc(&r->offsets, ']');
		pns_entity *e = &a->entities[entity_index(r)];
		e->offsets = keep_buf(r, &r->offsets);
		e->n_mentions = r->n_mentions;
		break;
	}
	case C_EVENT: end_event(r); break;
	case C_EVENTS:
		if (a->n_events > MAX_EVENTS)
			fail(r, "\"events\": %zu events, at most %d per article", a->n_events, MAX_EVENTS);
		break;
	case C_ENTITIES: case C_ALIASES: break;
	}
	return 1;
}

static int on_start_map(void *ctx) { return start(ctx, true); }
static int on_start_array(void *ctx) { return start(ctx, false); }

static int on_end_map(void *ctx)
{
	pns_reader *r = ctx;
	if (r->cap && !r->skip) {
		r->depth--;
		cap_close(r, '}');
		return 1;
	}
	return end(r);
}

static int on_end_array(void *ctx)
{
	pns_reader *r = ctx;
	if (r->cap && !r->skip) {
		r->depth--;
		cap_close(r, ']');
		return 1;
	}
	return end(r);
}

static const yajl_callbacks callbacks = {
	on_null, on_boolean, NULL, NULL, on_number, on_string,
	on_start_map, on_key, on_end_map, on_start_array, on_end_array};

/* Plain words for yajl's messages that say the same as jansson's did. */
static const char *plain_words(const char *msg)
{
	static const struct { const char *yajl, *why; } words[] = {
		{"premature EOF", "unexpected end of input"},
		{"trailing garbage", "end of file expected"},
		{"invalid character inside string", "control character in string"},
		{"after '\\u'", "invalid escape"},
		{"occurs before a character which it may not", "invalid escape"},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(msg, words[i].yajl))
			return words[i].why;
	return NULL;
}

static void bad_json(char *why, size_t whylen, size_t col, const char *what)
{
	snprintf(why, whylen, "bad JSON: column %zu: %s", col, what);
}

/* yajl's message for the error it stopped at, "lexical error: what.\n",
 * as "bad JSON: column N: what" (in plain words where plain_words has them). */
static void report_yajl_error(pns_reader *r, size_t len, char *why, size_t whylen)
{
	unsigned char *msg = yajl_get_error(r->h, 0, NULL, 0);
	const char *text = msg ? (const char *)msg : "parse error";
	const char *plain = plain_words(text);
	const char *colon = strstr(text, ": ");
	const char *from = colon ? colon + 2 : text;
	int n = (int)strcspn(from, "\n");
	while (n && from[n - 1] == '.')
		n--;
	/* A cut line: yajl stops at its end. */
	size_t col = plain && strcmp(plain, "unexpected end of input") == 0
	           ? len + 1 : yajl_get_bytes_consumed(r->h) + 1;
	if (plain)
		bad_json(why, whylen, col, plain);
	else
		snprintf(why, whylen, "bad JSON: column %zu: %.*s", col, n, from);
	if (msg)
		yajl_free_error(r->h, msg);
}

const pns_article *pns_read(pns_reader *r, const char *line, size_t len, char *why,
                            size_t whylen)
{
	size_t at = pns_utf8_error((const unsigned char *)line, len);
	if (at < len) {
		bad_json(why, whylen, at + 1, "invalid UTF-8");
		return NULL;
	}
	pns_arena_reset(r->arena);
	r->top = r->depth = r->skip = r->cap = 0;
	r->n_aliases = 0;
	r->err = NULL;
	r->failed = false;
	r->why = why;
	r->whylen = whylen;
	r->line = line;
	r->len = len;
	r->art.id = (pns_str){0};
	/* yajl 2.1 cannot be reset: a handle per line (under a microsecond). */
	r->h = yajl_alloc(&callbacks, NULL, r);
	if (!r->h)
		pn_die(PN_EXIT_INTERNAL, "out of memory");
	yajl_config(r->h, yajl_dont_validate_strings, 1); /* done strictly above */
	yajl_status st = yajl_parse(r->h, (const unsigned char *)line, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(r->h);
	bool ok = st == yajl_status_ok;
	if (r->err) {
		bad_json(why, whylen, r->err_col + 1, r->err);
	} else if (!ok) {
		report_yajl_error(r, len, why, whylen);
	}
	yajl_free(r->h);
	r->h = NULL;
	if (!ok)
		return NULL;
	if ((at = pns_surrogate_error(line, len)) < len) {
		bad_json(why, whylen, at + 1, "invalid Unicode escape (lone surrogate)");
		return NULL;
	}
	return r->failed ? NULL : &r->art;
}
