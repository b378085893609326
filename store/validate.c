/* validate.c - type checks of one enriched article before anything is
 * written, so a bad line is rejected whole and named precisely. */
#include "pns.h"

#include <math.h>
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

bool pns_offset(const json_t *v, bool reals, int64_t *out)
{
	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return *out >= 0;
	}
	/* A line read with JSON_DECODE_INT_AS_REAL has no integers at all. */
	if (reals && json_is_real(v)) {
		double d = json_real_value(v);
		if (d >= 0 && d <= 9007199254740992.0 && d == floor(d)) {
			*out = (int64_t)d;
			return true;
		}
	}
	return false;
}

/* Missing and null are both fine for optional fields. */
static bool opt(const json_t *v, json_type t) { return !v || json_is_null(v) || json_typeof(v) == t; }
static bool nonempty_string(const json_t *v) { return json_is_string(v) && json_string_length(v) > 0; }

static bool opt_offset(const json_t *v, bool reals)
{
	int64_t ignored;
	return !v || json_is_null(v) || pns_offset(v, reals, &ignored);
}

static bool check_mention(const json_t *m, bool reals)
{
	int64_t s, e;
	return json_is_object(m) && pns_offset(json_object_get(m, "start"), reals, &s) &&
	       pns_offset(json_object_get(m, "end"), reals, &e) && e >= s &&
	       opt(json_object_get(m, "text"), JSON_STRING);
}

static bool check_entity(const json_t *e, bool reals, size_t i, char *why, size_t n)
{
	if (!json_is_object(e))
		return fail(why, n, "entities[%zu]: expected object", i);
	if (!json_is_string(json_object_get(e, "type")))
		return fail(why, n, "entities[%zu].type: expected string", i);
	if (!nonempty_string(json_object_get(e, "name")))
		return fail(why, n, "entities[%zu].name: expected non-empty string", i);
	if (!opt(json_object_get(e, "attrs"), JSON_OBJECT))
		return fail(why, n, "entities[%zu].attrs: expected object or null", i);
	const json_t *aliases = json_object_get(e, "aliases");
	const json_t *mentions = json_object_get(e, "mentions");
	size_t k;
	const json_t *v;
	if (!opt(aliases, JSON_ARRAY))
		return fail(why, n, "entities[%zu].aliases: expected array or null", i);
	json_array_foreach(aliases, k, v)
		if (!json_is_string(v))
			return fail(why, n, "entities[%zu].aliases[%zu]: expected string", i, k);
	if (!opt(mentions, JSON_ARRAY))
		return fail(why, n, "entities[%zu].mentions: expected array or null", i);
	json_array_foreach(mentions, k, v)
		if (!check_mention(v, reals))
			return fail(why, n, "entities[%zu].mentions[%zu]: expected "
			            "{start, end, text} with 0 <= start <= end", i, k);
	return true;
}

static bool check_event(const json_t *e, bool reals, size_t i, char *why, size_t n)
{
	if (!json_is_object(e))
		return fail(why, n, "events[%zu]: expected object", i);
	if (!nonempty_string(json_object_get(e, "type")))
		return fail(why, n, "events[%zu].type: expected non-empty string", i);
	for (const char *const *f = pns_event_text_fields; *f; f++)
		if (!opt(json_object_get(e, *f), JSON_STRING))
			return fail(why, n, "events[%zu].%s: expected string or null", i, *f);
	if (!opt_offset(json_object_get(e, "sentence_start"), reals))
		return fail(why, n, "events[%zu].sentence_start: expected non-negative integer", i);
	if (!opt_offset(json_object_get(e, "sentence_end"), reals))
		return fail(why, n, "events[%zu].sentence_end: expected non-negative integer", i);
	return true;
}

bool pns_validate(const json_t *art, bool reals, char *why, size_t n)
{
	if (!json_is_object(art))
		return fail(why, n, "not a JSON object");
	const json_t *id = json_object_get(art, "id");
	if (!id)
		return fail(why, n, "missing \"id\"");
	if (!nonempty_string(id))
		return fail(why, n, "\"id\": expected non-empty string");
	for (const char *const *f = article_text_fields; *f; f++)
		if (!opt(json_object_get(art, *f), JSON_STRING))
			return fail(why, n, "\"%s\": expected string or null", *f);
	const json_t *authors = json_object_get(art, "authors");
	if (!opt(authors, JSON_ARRAY))
		return fail(why, n, "\"authors\": expected array or null");
	size_t i;
	const json_t *v;
	json_array_foreach(authors, i, v)
		if (!json_is_string(v))
			return fail(why, n, "\"authors\"[%zu]: expected string", i);
	if (!opt(json_object_get(art, "source"), JSON_OBJECT))
		return fail(why, n, "\"source\": expected object or null");
	const json_t *ents = json_object_get(art, "entities");
	const json_t *evs = json_object_get(art, "events");
	if (!opt(ents, JSON_ARRAY))
		return fail(why, n, "\"entities\": expected array or null");
	if (!opt(evs, JSON_ARRAY))
		return fail(why, n, "\"events\": expected array or null");
	/* events.id packs the article and the position in 16 bits. */
	if (json_array_size(evs) > 65536)
		return fail(why, n, "\"events\": %zu events, at most 65536 per article",
		            json_array_size(evs));
	json_array_foreach(ents, i, v)
		if (!check_entity(v, reals, i, why, n))
			return false;
	json_array_foreach(evs, i, v)
		if (!check_event(v, reals, i, why, n))
			return false;
	return true;
}
