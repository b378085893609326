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
static bool opt_string(json_t *v) { return !v || json_is_null(v) || json_is_string(v); }
static bool opt_array(json_t *v) { return !v || json_is_null(v) || json_is_array(v); }
static bool opt_object(json_t *v) { return !v || json_is_null(v) || json_is_object(v); }
static bool is_offset(json_t *v) { return json_is_integer(v) && json_integer_value(v) >= 0; }
static bool opt_offset(json_t *v) { return !v || json_is_null(v) || is_offset(v); }

static bool check_mention(json_t *m)
{
	json_t *s = json_object_get(m, "start"), *e = json_object_get(m, "end");
	return json_is_object(m) && is_offset(s) && is_offset(e) &&
	       json_integer_value(e) >= json_integer_value(s) &&
	       opt_string(json_object_get(m, "text"));
}

static bool check_entity(json_t *e, size_t i, char *why, size_t n)
{
	if (!json_is_object(e))
		return fail(why, n, "entities[%zu]: expected object", i);
	json_t *name = json_object_get(e, "name");
	if (!json_is_string(json_object_get(e, "type")))
		return fail(why, n, "entities[%zu].type: expected string", i);
	if (!json_is_string(name) || json_string_length(name) == 0)
		return fail(why, n, "entities[%zu].name: expected non-empty string", i);
	if (!opt_object(json_object_get(e, "attrs")))
		return fail(why, n, "entities[%zu].attrs: expected object or null", i);
	json_t *aliases = json_object_get(e, "aliases"), *mentions = json_object_get(e, "mentions");
	json_t *v;
	size_t k;
	if (!opt_array(aliases))
		return fail(why, n, "entities[%zu].aliases: expected array or null", i);
	json_array_foreach(aliases, k, v)
		if (!json_is_string(v))
			return fail(why, n, "entities[%zu].aliases[%zu]: expected string", i, k);
	if (!opt_array(mentions))
		return fail(why, n, "entities[%zu].mentions: expected array or null", i);
	json_array_foreach(mentions, k, v)
		if (!check_mention(v))
			return fail(why, n, "entities[%zu].mentions[%zu]: expected "
			            "{start, end, text} with 0 <= start <= end", i, k);
	return true;
}

static bool check_event(json_t *e, size_t i, char *why, size_t n)
{
	if (!json_is_object(e))
		return fail(why, n, "events[%zu]: expected object", i);
	json_t *type = json_object_get(e, "type");
	if (!json_is_string(type) || json_string_length(type) == 0)
		return fail(why, n, "events[%zu].type: expected non-empty string", i);
	for (const char *const *f = pns_event_text_fields; *f; f++)
		if (!opt_string(json_object_get(e, *f)))
			return fail(why, n, "events[%zu].%s: expected string or null", i, *f);
	if (!opt_offset(json_object_get(e, "sentence_start")))
		return fail(why, n, "events[%zu].sentence_start: expected non-negative integer", i);
	if (!opt_offset(json_object_get(e, "sentence_end")))
		return fail(why, n, "events[%zu].sentence_end: expected non-negative integer", i);
	return true;
}

bool pns_validate(json_t *art, char *why, size_t n)
{
	json_t *id = json_object_get(art, "id");
	if (!id)
		return fail(why, n, "missing \"id\"");
	if (!json_is_string(id) || json_string_length(id) == 0)
		return fail(why, n, "\"id\": expected non-empty string");
	for (const char *const *f = article_text_fields; *f; f++)
		if (!opt_string(json_object_get(art, *f)))
			return fail(why, n, "\"%s\": expected string or null", *f);
	json_t *authors = json_object_get(art, "authors"), *v;
	size_t i;
	if (!opt_array(authors))
		return fail(why, n, "\"authors\": expected array or null");
	json_array_foreach(authors, i, v)
		if (!json_is_string(v))
			return fail(why, n, "\"authors\"[%zu]: expected string", i);
	if (!opt_object(json_object_get(art, "source")))
		return fail(why, n, "\"source\": expected object or null");
	json_t *ents = json_object_get(art, "entities"), *evs = json_object_get(art, "events");
	if (!opt_array(ents))
		return fail(why, n, "\"entities\": expected array or null");
	if (!opt_array(evs))
		return fail(why, n, "\"events\": expected array or null");
	/* events.id packs the article and the position in 16 bits. */
	if (json_array_size(evs) > 65536)
		return fail(why, n, "\"events\": %zu events, at most 65536 per article",
		            json_array_size(evs));
	json_array_foreach(ents, i, v)
		if (!check_entity(v, i, why, n))
			return false;
	json_array_foreach(evs, i, v)
		if (!check_event(v, i, why, n))
			return false;
	return true;
}
