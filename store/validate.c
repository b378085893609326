/* validate.c - type checks of one enriched article before anything is
 * written, so a bad line is rejected whole and named precisely. */
#include "pns.h"

#include <stdarg.h>
#include <stdio.h>

const char *const pns_event_text_fields[] = {
	"type", "status", "date", "date_grain", "date_text", "date_source", "drug",
	"company", "agency", "jurisdiction", "indication", "designation",
	"sentence", "rule", "rules_version", NULL};

static const char *const article_text_fields[] = {
	"url", "canonical_url", "title", "published", "published_source", "modified",
	"site_name", "lang", "text", NULL};

__attribute__((format(printf, 3, 4)))
static bool fail(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return false;
}

/* Missing and null are both fine for optional fields. */
static bool is_null(const pns_jnode *v) { return !v || v->type == PNS_JNULL; }
static bool is(const pns_jnode *v, enum pns_jtype t) { return v && v->type == t; }
static bool opt(const pns_jnode *v, enum pns_jtype t) { return is_null(v) || v->type == t; }
static bool is_offset(const pns_jnode *v) { return is(v, PNS_JNUM) && v->is_int && v->i >= 0; }
static bool opt_offset(const pns_jnode *v) { return is_null(v) || is_offset(v); }

static bool check_mention(const pns_json *d, const pns_jnode *m)
{
	const pns_jnode *s = pns_json_get(d, m, "start"), *e = pns_json_get(d, m, "end");
	return is(m, PNS_JOBJ) && is_offset(s) && is_offset(e) && e->i >= s->i &&
	       opt(pns_json_get(d, m, "text"), PNS_JSTR);
}

static bool check_entity(const pns_json *d, const pns_jnode *e, size_t i, char *why, size_t n)
{
	if (!is(e, PNS_JOBJ))
		return fail(why, n, "entities[%zu]: expected object", i);
	const pns_jnode *name = pns_json_get(d, e, "name");
	if (!is(pns_json_get(d, e, "type"), PNS_JSTR))
		return fail(why, n, "entities[%zu].type: expected string", i);
	if (!is(name, PNS_JSTR) || name->len == 0)
		return fail(why, n, "entities[%zu].name: expected non-empty string", i);
	if (!opt(pns_json_get(d, e, "attrs"), PNS_JOBJ))
		return fail(why, n, "entities[%zu].attrs: expected object or null", i);
	const pns_jnode *aliases = pns_json_get(d, e, "aliases");
	const pns_jnode *mentions = pns_json_get(d, e, "mentions");
	size_t k = 0;
	if (!opt(aliases, PNS_JARR))
		return fail(why, n, "entities[%zu].aliases: expected array or null", i);
	for (const pns_jnode *v = pns_json_first(aliases); v; v = pns_json_next(d, v), k++)
		if (!is(v, PNS_JSTR))
			return fail(why, n, "entities[%zu].aliases[%zu]: expected string", i, k);
	if (!opt(mentions, PNS_JARR))
		return fail(why, n, "entities[%zu].mentions: expected array or null", i);
	k = 0;
	for (const pns_jnode *v = pns_json_first(mentions); v; v = pns_json_next(d, v), k++)
		if (!check_mention(d, v))
			return fail(why, n, "entities[%zu].mentions[%zu]: expected "
			            "{start, end, text} with 0 <= start <= end", i, k);
	return true;
}

static bool check_event(const pns_json *d, const pns_jnode *e, size_t i, char *why, size_t n)
{
	if (!is(e, PNS_JOBJ))
		return fail(why, n, "events[%zu]: expected object", i);
	const pns_jnode *type = pns_json_get(d, e, "type");
	if (!is(type, PNS_JSTR) || type->len == 0)
		return fail(why, n, "events[%zu].type: expected non-empty string", i);
	for (const char *const *f = pns_event_text_fields; *f; f++)
		if (!opt(pns_json_get(d, e, *f), PNS_JSTR))
			return fail(why, n, "events[%zu].%s: expected string or null", i, *f);
	if (!opt_offset(pns_json_get(d, e, "sentence_start")))
		return fail(why, n, "events[%zu].sentence_start: expected non-negative integer", i);
	if (!opt_offset(pns_json_get(d, e, "sentence_end")))
		return fail(why, n, "events[%zu].sentence_end: expected non-negative integer", i);
	return true;
}

bool pns_validate(const pns_json *d, char *why, size_t n)
{
	const pns_jnode *art = d->nodes;
	if (!is(art, PNS_JOBJ))
		return fail(why, n, "not a JSON object");
	const pns_jnode *id = pns_json_get(d, art, "id");
	if (!id)
		return fail(why, n, "missing \"id\"");
	if (!is(id, PNS_JSTR) || id->len == 0)
		return fail(why, n, "\"id\": expected non-empty string");
	for (const char *const *f = article_text_fields; *f; f++)
		if (!opt(pns_json_get(d, art, *f), PNS_JSTR))
			return fail(why, n, "\"%s\": expected string or null", *f);
	const pns_jnode *authors = pns_json_get(d, art, "authors");
	if (!opt(authors, PNS_JARR))
		return fail(why, n, "\"authors\": expected array or null");
	size_t i = 0;
	for (const pns_jnode *v = pns_json_first(authors); v; v = pns_json_next(d, v), i++)
		if (!is(v, PNS_JSTR))
			return fail(why, n, "\"authors\"[%zu]: expected string", i);
	if (!opt(pns_json_get(d, art, "source"), PNS_JOBJ))
		return fail(why, n, "\"source\": expected object or null");
	const pns_jnode *ents = pns_json_get(d, art, "entities");
	const pns_jnode *evs = pns_json_get(d, art, "events");
	if (!opt(ents, PNS_JARR))
		return fail(why, n, "\"entities\": expected array or null");
	if (!opt(evs, PNS_JARR))
		return fail(why, n, "\"events\": expected array or null");
	/* events.id packs the article and the position in 16 bits. */
	if (evs && evs->len > 65536)
		return fail(why, n, "\"events\": %u events, at most 65536 per article", evs->len);
	i = 0;
	for (const pns_jnode *v = pns_json_first(ents); v; v = pns_json_next(d, v), i++)
		if (!check_entity(d, v, i, why, n))
			return false;
	i = 0;
	for (const pns_jnode *v = pns_json_first(evs); v; v = pns_json_next(d, v), i++)
		if (!check_event(d, v, i, why, n))
			return false;
	return true;
}
