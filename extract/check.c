/* check.c - `pn-extract --check-rules`: every example of every rule, as TAP.
 *
 * Each example sentence goes through the whole extractor as a one-sentence
 * article published on PNX_EXAMPLE_DCT, so an example tests what users get
 * (normalisation, gazetteers, slot filling), not just the regex. An
 * example+ must yield at least one item (event, entity, timex) from its
 * rule, one of which meets all its `expect` lines; an example- must yield
 * none. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

/* A JSON field as text for comparing with an expect value: strings as is,
 * null as "null", numbers printed, arrays match if any element does. */
static bool field_is(json_t *j, const char *want)
{
	if (json_is_array(j)) {
		for (size_t i = 0; i < json_array_size(j); i++)
			if (field_is(json_array_get(j, i), want))
				return true;
		return false;
	}
	if (!j || json_is_null(j))
		return strcmp(want, "null") == 0;
	if (json_is_string(j))
		return strcmp(json_string_value(j), want) == 0;
	if (json_is_integer(j)) {
		char buf[32];
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(j));
		return strcmp(buf, want) == 0;
	}
	return false;
}

/* Field key of item: a top-level field, else one of its attrs. */
static json_t *item_field(json_t *item, const char *key)
{
	json_t *v = json_object_get(item, key);
	if (!v)
		v = json_object_get(json_object_get(item, "attrs"), key);
	return v;
}

/* One item meets every expect line of the example. */
static bool item_matches(json_t *item, const pnx_example *ex, pn_buf *why)
{
	for (size_t i = 0; i < ex->nexpect; i++) {
		const pnx_kv *kv = &ex->expect[i];
		json_t *f = item_field(item, kv->key);
		if (!field_is(f, kv->value)) {
			char *got = f ? json_dumps(f, JSON_ENCODE_ANY) : NULL;
			pn_buf_printf(why, "#     line %u: %s: got %s, expected %s\n", kv->line, kv->key,
			              got ? got : "(none)", kv->value);
			free(got);
			return false;
		}
	}
	return true;
}

/* The items this rule produced for the example, as JSON objects. */
static json_t *rule_items(pnx_extractor *x, pnx_doc *d, const pnx_rule *r)
{
	json_t *items = json_array();
	if (strcmp(r->kind, "event") == 0) {
		json_t *evs = pnx_events_json(d, x->rs->version);
		size_t i;
		json_t *ev;
		json_array_foreach(evs, i, ev)
			if (field_is(json_object_get(ev, "rule"), r->id))
				json_array_append(items, ev);
		json_decref(evs);
	} else if (strcmp(r->kind, "timex") == 0) {
		json_t *all = pnx_timexes_json(d);
		for (size_t i = 0; i < d->ntx; i++) {
			if (!d->tx[i].rule || strcmp(d->tx[i].rule, r->id) != 0)
				continue;
			json_t *t = json_array_get(all, i);
			json_object_set_new(t, "grain", d->tx[i].grain ? json_string(d->tx[i].grain) : json_null());
			json_object_set_new(t, "mod", d->tx[i].mod ? json_string(d->tx[i].mod) : json_null());
			if (d->tx[i].pair >= 0) {
				/* key2 = the other end of an interval, as --tag-timex --check has it */
				json_t *o = json_array_get(all, (size_t)d->tx[i].pair);
				json_object_set(t, "value2", json_object_get(o, "value"));
				json_object_set(t, "text2", json_object_get(o, "text"));
				json_object_set(t, "type2", json_object_get(o, "type"));
			}
			json_array_append(items, t);
		}
		json_decref(all);
	} else {
		/* Entities merge mentions from many rules: take those of the
		 * rule's type that have a mention where the rule matches (all
		 * of its type for a lookup rule). */
		json_t *ents = pnx_entities_json(d);
		for (size_t i = 0; !r->npats && i < d->nents; i++)
			if (strcmp(d->ents[i].type, r->type) == 0)
				json_array_append(items, json_array_get(ents, i));
		for (size_t k = 0; k < r->npats; k++) {
			if (!pnx_pattern_match(&r->pats[k], d->norm.text, d->norm.len, 0, x->md))
				continue;
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
			size_t ms = pnx_norm_orig_start(&d->norm, ov[0]), me = pnx_norm_orig_end(&d->norm, ov[1]);
			for (size_t i = 0; i < d->nents; i++) {
				if (strcmp(d->ents[i].type, r->type) != 0)
					continue;
				json_t *mentions = json_object_get(json_array_get(ents, i), "mentions");
				bool hit = false;
				for (size_t j = 0; j < json_array_size(mentions) && !hit; j++) {
					json_t *m = json_array_get(mentions, j);
					size_t s = (size_t)json_integer_value(json_object_get(m, "start"));
					size_t e = (size_t)json_integer_value(json_object_get(m, "end"));
					hit = s < me && ms < e;
				}
				if (hit)
					json_array_append(items, json_array_get(ents, i));
			}
		}
		json_decref(ents);
	}
	return items;
}

static bool check_example(pnx_extractor *x, pnx_doc *d, const pnx_rule *r, const pnx_example *ex, pn_buf *why)
{
	pnx_extract(x, d, ex->text, strlen(ex->text), PNX_EXAMPLE_DCT);
	json_t *items = rule_items(x, d, r);
	size_t n = json_array_size(items);
	bool ok = true;
	if (!ex->positive) {
		if (n) {
			char *s = json_dumps(json_array_get(items, 0), JSON_COMPACT);
			pn_buf_printf(why, "#   produced %s\n", s);
			free(s);
			ok = false;
		}
	} else if (!n) {
		pn_buf_printf(why, "#   rule %s produced nothing\n", r->id);
		ok = false;
	}
	if (ok && ex->nexpect) {
		bool met = false;
		pn_buf tmp = PN_BUF_INIT;
		for (size_t i = 0; i < n && !met; i++) {
			pn_buf_printf(&tmp, "#   item %zu:\n", i + 1);
			met = item_matches(json_array_get(items, i), ex, &tmp);
		}
		if (!met) {
			pn_buf_printf(why, "#   no item meets the expect lines:\n%s", pn_buf_cstr(&tmp));
			ok = false;
		}
		pn_buf_free(&tmp);
	}
	json_decref(items);
	unsigned line;
	size_t miss;
	pnx_subject sj = {d->norm.text, d->norm.len, d->words, d->nwords, NULL, NULL, 0, NULL, 0};
	if (!pnx_anchor_covers(r, &sj, x->md, &line, &miss)) {
		pn_buf_printf(why, "#   anchor: the pattern of line %u matches at \"%.30s\", not the start of a word with an anchor ending\n",
		              line, d->norm.text + miss);
		ok = false;
	}
	if (!pnx_needs_cover(r, d->norm.text, d->norm.len, x->md, &line, &miss)) {
		pn_buf_printf(why, "#   needs: the pattern of line %u matches at \"%.30s\", which holds no match of a needs line\n",
		              line, d->norm.text + miss);
		ok = false;
	}
	return ok;
}

int pnx_check_rules(pnx_extractor *x, FILE *out)
{
	const pnx_rules *rs = x->rs;
	size_t total = 0;
	for (size_t i = 0; i < rs->nrules; i++)
		total += rs->rules[i].nexamples;
	fprintf(out, "1..%zu\n", total);
	pnx_doc d = {0};
	pn_buf why = PN_BUF_INIT;
	size_t n = 0, failed = 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		const pnx_rule *r = &rs->rules[i];
		for (size_t k = 0; k < r->nexamples; k++) {
			const pnx_example *ex = &r->examples[k];
			pn_buf_reset(&why);
			bool ok = check_example(x, &d, r, ex, &why);
			fprintf(out, "%sok %zu - %s:%u: %s example%c\n", ok ? "" : "not ", ++n, r->file, ex->line, r->id,
			        ex->positive ? '+' : '-');
			if (!ok) {
				fprintf(out, "#   %s\n%s", ex->text, pn_buf_cstr(&why));
				failed++;
			}
		}
	}
	pn_buf_free(&why);
	pnx_doc_free(&d);
	if (failed)
		fprintf(out, "# %zu of %zu examples failed\n", failed, total);
	return failed ? PN_EXIT_CONFIG : PN_EXIT_OK;
}
