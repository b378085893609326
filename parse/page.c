/* page.c - one page to one article record (docs/FORMATS.md section 2). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "pn.h"
#include "parse.h"
#include "page.h"

/* JSON needs UTF-8; URLs and headers from the wire may not be. */
static json_t *pg_str(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_string(s);
	if (j)
		return j;
	char *copy = pn_xstrdup(s);
	for (char *c = copy; *c; c++)
		if ((unsigned char)*c >= 0x80)
			*c = '?';
	j = json_string(copy);
	free(copy);
	return j;
}

static json_t *pg_source(const pnp_page *pg, const char *charset)
{
	json_t *src = json_object();
	json_object_set_new(src, "file", pg_str(pg->file));
	json_object_set_new(src, "warc_record_id", pg_str(pg->record_id));
	json_object_set_new(src, "warc_date", pg_str(pg->warc_date));
	json_object_set_new(src, "http_status",
	                    pg->http_status ? json_integer(pg->http_status) : json_null());
	json_object_set_new(src, "charset", pg_str(charset));
	return src;
}

static json_t *pg_record(const pnp_page *pg, const pnp_meta *m, const char *text,
                         const char *charset)
{
	char id[17];
	pn_article_id(pg->url, id);
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(id));
	json_object_set_new(o, "url", pg_str(pg->url));
	json_object_set_new(o, "canonical_url", pg_str(m->canonical_url));
	json_object_set_new(o, "title", pg_str(m->title ? m->title : ""));
	json_object_set_new(o, "published", pg_str(m->published));
	json_object_set_new(o, "published_source",
	                    json_string(m->published_source ? m->published_source : "none"));
	json_object_set_new(o, "modified", pg_str(m->modified));
	json_t *au = json_array();
	for (size_t i = 0; i < m->nauthors; i++)
		json_array_append_new(au, pg_str(m->authors[i]));
	json_object_set_new(o, "authors", au);
	json_object_set_new(o, "site_name", pg_str(m->site_name));
	json_object_set_new(o, "lang", pg_str(m->lang));
	json_object_set_new(o, "text", pg_str(text));
	json_object_set_new(o, "source", pg_source(pg, charset));
	return o;
}

/* Far deeper than any real page, yet parsed in about a second. */
#define PG_MAX_DEPTH 10000

static void pg_warn(const pnp_page *pg, const char *why)
{
	if (pg->recno)
		pn_warn("%s: record %lu: %s: %s", pg->file, pg->recno, pg->url, why);
	else
		pn_warn("%s: %s", pg->file, why);
}

bool pnp_page_process(const pnp_page *pg, void *ctx)
{
	FILE *out = ctx;
	size_t len, slen;
	unsigned depth;
	const char *charset;
	char *html = pnp_to_utf8(pg->data, pg->len, pg->content_type, &len, &charset);
	char *lean = pnp_strip_raw(html, len, &slen, &depth);
	if (depth > PG_MAX_DEPTH) {
		pg_warn(pg, "elements nested too deeply (more than 10000 levels)");
		free(lean);
		free(html);
		return false;
	}
	GumboOptions opt = kGumboDefaultOptions;
	opt.max_errors = 0; /* parse errors are not reported: don't collect them */
	GumboOutput *doc = gumbo_parse_with_options(&opt, lean, slen);
	pnp_meta m;
	pnp_meta_extract(doc, html, len, pg->url, &m);
	char *text = pnp_body_extract(doc, m.title);
	bool ok = *text != '\0';
	if (ok) {
		json_t *rec = pg_record(pg, &m, text, charset);
		pn_jsonl_write(out, rec);
		json_decref(rec);
	} else {
		pg_warn(pg, "no article text found");
	}
	free(text);
	pnp_meta_free(&m);
	gumbo_destroy_output(&opt, doc);
	free(lean);
	free(html);
	return ok;
}
