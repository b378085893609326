/* output.c - the enriched fields of FORMATS.md §3, written straight into a
 * buffer (jsonw.h) rather than built as jansson trees: at tens of MB/s the
 * trees cost more than the extraction. Everything inside the doc is in
 * folded offsets; here each span goes back to the original text, whose
 * bytes are also what "text"/"sentence" fields quote. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "jsonw.h"

static void key(pn_buf *b, const char *k, bool comma)
{
	if (comma)
		pn_buf_addc(b, ',');
	pn_buf_addc(b, '"');
	pn_buf_adds(b, k);
	pn_buf_add(b, "\":", 2);
}

static void orig_text(pn_buf *b, const pnx_doc *d, size_t s, size_t e)
{
	size_t os = pnx_norm_orig_start(&d->norm, s), oe = pnx_norm_orig_end(&d->norm, e);
	pn_json_str(b, d->norm.orig + os, oe - os);
}

static int by_start(const void *a, const void *b)
{
	const pnx_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

void pnx_entities_write(const pnx_doc *d, pn_buf *b)
{
	pn_buf_addc(b, '[');
	for (size_t i = 0; i < d->nents; i++) {
		pnx_entity *e = &d->ents[i];
		qsort(e->mentions, e->nmentions, sizeof *e->mentions, by_start);
		if (i)
			pn_buf_addc(b, ',');
		pn_buf_addc(b, '{');
		key(b, "type", false);
		pnx_jw_cstr(b, e->type);
		key(b, "name", true);
		pnx_jw_cstr(b, e->name);
		key(b, "aliases", true);
		pn_buf_addc(b, '[');
		for (size_t j = 0; j < e->naliases; j++) {
			if (j)
				pn_buf_addc(b, ',');
			pnx_jw_cstr(b, e->aliases[j]);
		}
		pn_buf_addc(b, ']');
		key(b, "attrs", true);
		pnx_jw_value(b, e->attrs);
		key(b, "mentions", true);
		pn_buf_addc(b, '[');
		for (size_t j = 0; j < e->nmentions; j++) {
			pnx_span m = e->mentions[j];
			if (j)
				pn_buf_addc(b, ',');
			pn_buf_addc(b, '{');
			key(b, "start", false);
			pnx_jw_int(b, (long long)pnx_norm_orig_start(&d->norm, m.start));
			key(b, "end", true);
			pnx_jw_int(b, (long long)pnx_norm_orig_end(&d->norm, m.end));
			key(b, "text", true);
			orig_text(b, d, m.start, m.end);
			pn_buf_addc(b, '}');
		}
		pn_buf_add(b, "]}", 2);
	}
	pn_buf_addc(b, ']');
}

static void ent_name(pn_buf *b, const pnx_doc *d, int i)
{
	pnx_jw_cstr(b, i < 0 ? NULL : d->ents[i].name);
}

void pnx_events_write(const pnx_doc *d, const char *rules_version, pn_buf *b)
{
	pn_buf_addc(b, '[');
	bool first = true;
	for (size_t i = 0; i < d->nevs; i++) {
		const pnx_event *ev = &d->evs[i];
		if (ev->dropped)
			continue;
		if (!first)
			pn_buf_addc(b, ',');
		first = false;
		pnx_span s = d->sents[ev->sent];
		bool dated = ev->date[0] != '\0';
		pn_buf_addc(b, '{');
		key(b, "type", false);
		pnx_jw_cstr(b, ev->type);
		key(b, "status", true);
		pnx_jw_cstr(b, ev->status);
		key(b, "date", true);
		pnx_jw_cstr(b, dated ? ev->date : NULL);
		key(b, "date_grain", true);
		pnx_jw_cstr(b, dated ? ev->grain : NULL);
		key(b, "date_text", true);
		if (ev->date_span.end > ev->date_span.start)
			orig_text(b, d, ev->date_span.start, ev->date_span.end);
		else
			pnx_jw_cstr(b, "");
		key(b, "date_source", true);
		pnx_jw_cstr(b, dated ? ev->date_source : NULL);
		key(b, "drug", true);
		ent_name(b, d, ev->drug);
		key(b, "company", true);
		ent_name(b, d, ev->company);
		key(b, "agency", true);
		if (ev->agency >= 0)
			ent_name(b, d, ev->agency);
		else
			pnx_jw_cstr(b, ev->agency_name);
		key(b, "jurisdiction", true);
		pnx_jw_cstr(b, ev->jurisdiction);
		key(b, "indication", true);
		ent_name(b, d, ev->indication);
		key(b, "designation", true);
		pnx_jw_cstr(b, ev->designation);
		key(b, "sentence", true);
		orig_text(b, d, s.start, s.end);
		key(b, "sentence_start", true);
		pnx_jw_int(b, (long long)pnx_norm_orig_start(&d->norm, s.start));
		key(b, "sentence_end", true);
		pnx_jw_int(b, (long long)pnx_norm_orig_end(&d->norm, s.end));
		key(b, "rule", true);
		pnx_jw_cstr(b, ev->rule);
		key(b, "rules_version", true);
		pnx_jw_cstr(b, rules_version);
		pn_buf_addc(b, '}');
	}
	pn_buf_addc(b, ']');
}

void pnx_timexes_write(const pnx_doc *d, pn_buf *b)
{
	pn_buf_addc(b, '[');
	for (size_t i = 0; i < d->ntx; i++) {
		const pnx_timex *t = &d->tx[i];
		if (i)
			pn_buf_addc(b, ',');
		pn_buf_addc(b, '{');
		key(b, "start", false);
		pnx_jw_int(b, (long long)pnx_norm_orig_start(&d->norm, t->start));
		key(b, "end", true);
		pnx_jw_int(b, (long long)pnx_norm_orig_end(&d->norm, t->end));
		key(b, "type", true);
		pnx_jw_cstr(b, t->type);
		key(b, "value", true);
		pnx_jw_cstr(b, t->value);
		key(b, "text", true);
		orig_text(b, d, t->start, t->end);
		pn_buf_addc(b, '}');
	}
	pn_buf_addc(b, ']');
}

/* The trees --check-rules compares expectations against: the same bytes,
 * read back, so there is one serialiser. */
static json_t *reread(pn_buf *b)
{
	json_t *j = json_loadb(b->data, b->len, JSON_ALLOW_NUL, NULL);
	if (!j)
		pn_die(PN_EXIT_INTERNAL, "output.c wrote JSON jansson cannot read");
	pn_buf_free(b);
	return j;
}

json_t *pnx_entities_json(const pnx_doc *d)
{
	pn_buf b = PN_BUF_INIT;
	pnx_entities_write(d, &b);
	return reread(&b);
}

json_t *pnx_events_json(const pnx_doc *d, const char *rules_version)
{
	pn_buf b = PN_BUF_INIT;
	pnx_events_write(d, rules_version, &b);
	return reread(&b);
}

json_t *pnx_timexes_json(const pnx_doc *d)
{
	pn_buf b = PN_BUF_INIT;
	pnx_timexes_write(d, &b);
	return reread(&b);
}
