/* output.c - the enriched fields of FORMATS.md §3. Everything inside the
 * doc is in folded offsets; here each span goes back to the original text,
 * whose bytes are also what "text"/"sentence" fields quote. */
#include "extract.h"

#include <stdlib.h>

static json_t *orig_text(const pnx_doc *d, size_t s, size_t e)
{
	size_t os = pnx_norm_orig_start(&d->norm, s), oe = pnx_norm_orig_end(&d->norm, e);
	return json_stringn(d->norm.orig + os, oe - os);
}

static int by_start(const void *a, const void *b)
{
	const pnx_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

json_t *pnx_entities_json(const pnx_doc *d)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < d->nents; i++) {
		pnx_entity *e = &d->ents[i];
		qsort(e->mentions, e->nmentions, sizeof *e->mentions, by_start);
		json_t *aliases = json_array(), *mentions = json_array();
		for (size_t j = 0; j < e->naliases; j++)
			json_array_append_new(aliases, json_string(e->aliases[j]));
		for (size_t j = 0; j < e->nmentions; j++) {
			pnx_span m = e->mentions[j];
			json_array_append_new(mentions, json_pack("{s:I,s:I,s:o}",
				"start", (json_int_t)pnx_norm_orig_start(&d->norm, m.start),
				"end", (json_int_t)pnx_norm_orig_end(&d->norm, m.end),
				"text", orig_text(d, m.start, m.end)));
		}
		json_array_append_new(arr, json_pack("{s:s,s:s,s:o,s:O,s:o}", "type", e->type, "name", e->name,
			"aliases", aliases, "attrs", e->attrs, "mentions", mentions));
	}
	return arr;
}

static json_t *ent_name(const pnx_doc *d, int i)
{
	return i < 0 ? json_null() : json_string(d->ents[i].name);
}

static json_t *opt(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *pnx_events_json(const pnx_doc *d, const char *rules_version)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < d->nevs; i++) {
		const pnx_event *ev = &d->evs[i];
		if (ev->dropped)
			continue;
		pnx_span s = d->sents[ev->sent];
		json_t *o = json_object();
		json_object_set_new(o, "type", json_string(ev->type));
		json_object_set_new(o, "status", json_string(ev->status));
		json_object_set_new(o, "date", ev->date[0] ? json_string(ev->date) : json_null());
		json_object_set_new(o, "date_grain", opt(ev->date[0] ? ev->grain : NULL));
		json_object_set_new(o, "date_text", ev->date_span.end > ev->date_span.start
			? orig_text(d, ev->date_span.start, ev->date_span.end) : json_string(""));
		json_object_set_new(o, "date_source", opt(ev->date[0] ? ev->date_source : NULL));
		json_object_set_new(o, "drug", ent_name(d, ev->drug));
		json_object_set_new(o, "company", ent_name(d, ev->company));
		json_object_set_new(o, "agency", ev->agency >= 0 ? ent_name(d, ev->agency) : opt(ev->agency_name));
		json_object_set_new(o, "jurisdiction", opt(ev->jurisdiction));
		json_object_set_new(o, "indication", ent_name(d, ev->indication));
		json_object_set_new(o, "designation", opt(ev->designation));
		json_object_set_new(o, "sentence", orig_text(d, s.start, s.end));
		json_object_set_new(o, "sentence_start", json_integer((json_int_t)pnx_norm_orig_start(&d->norm, s.start)));
		json_object_set_new(o, "sentence_end", json_integer((json_int_t)pnx_norm_orig_end(&d->norm, s.end)));
		json_object_set_new(o, "rule", json_string(ev->rule));
		json_object_set_new(o, "rules_version", json_string(rules_version));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *pnx_timexes_json(const pnx_doc *d)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < d->ntx; i++) {
		const pnx_timex *t = &d->tx[i];
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:s,s:o}",
			"start", (json_int_t)pnx_norm_orig_start(&d->norm, t->start),
			"end", (json_int_t)pnx_norm_orig_end(&d->norm, t->end),
			"type", t->type, "value", t->value, "text", orig_text(d, t->start, t->end)));
	}
	return arr;
}
