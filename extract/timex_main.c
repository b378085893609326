/* timex_main.c - `pn-extract --tag-timex`: the temporal tagger on its own,
 * for plain text or for the documents exported by score_timex.py. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <string.h>
#include "norm.h"
#include "rules.h"
#include "timex_int.h"

typedef struct pnx_topts {
	const char *dct, *rules, *file;
	bool docs, chars;
} pnx_topts;

static void pnx_usage(FILE *f)
{
	fprintf(f,
	        "usage: pn-extract --tag-timex [--dct YYYY-MM-DD] [--chars] [--rules DIR] [FILE]\n"
	        "       pn-extract --tag-timex --docs-jsonl [--chars] [--rules DIR] [FILE]\n"
	        "Tags the temporal expressions of FILE (default: standard input) and prints one\n"
	        "JSON object per expression, e.g.\n"
	        "  {\"start\":3,\"end\":19,\"type\":\"DATE\",\"value\":\"2025-01-15\",\"text\":\"January 15, 2025\",\"grain\":\"day\"}\n"
	        "(\"grain\", \"mod\" and \"pair\" only when set, then the \"rule\" that matched;\n"
	        "docs/timex.md explains the values).\n"
	        "  --dct DATE      publication date YYYY-MM-DD that relative expressions resolve\n"
	        "                  against; without it they stay underspecified (XXXX-..., PAST_REF)\n"
	        "  --docs-jsonl    FILE holds {\"doc\",\"dct\",\"text\"} lines (score_timex.py export);\n"
	        "                  every output object then carries \"doc\"\n"
	        "  --chars         offsets in Unicode code points instead of bytes\n"
	        "  --rules DIR     rules directory (default: $PN_RULES_DIR, else the one next to\n"
	        "                  the executable, else the installed one)\n"
	        "  -h, --help      this text\n"
	        "Exit status: 0 ok, 1 some --docs-jsonl lines were bad, 2 usage,\n"
	        "3 bad rules, 4 cannot read the input. The examples of the timex rules are\n"
	        "checked by pn-extract --check-rules.\n");
}

static int pnx_parse_opts(int argc, char **argv, pnx_topts *o)
{
	static const struct option longopts[] = {
		{"dct", required_argument, NULL, 'd'},  {"docs-jsonl", no_argument, NULL, 'j'},
		{"chars", no_argument, NULL, 'c'},      {"rules", required_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0},
	};
	int c;
	long days;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!pnx_tdct_parse(optarg, &days)) {
				pn_warn("--dct: \"%s\" is not a YYYY-MM-DD date", optarg);
				return PN_EXIT_USAGE;
			}
			o->dct = optarg;
			break;
		case 'j': o->docs = true; break;
		case 'c': o->chars = true; break;
		case 'r': o->rules = optarg; break;
		case 'h': pnx_usage(stdout); return -1;
		default: pnx_usage(stderr); return PN_EXIT_USAGE;
		}
	}
	if (argc - optind > 1 || (o->docs && o->dct)) {
		pn_warn(o->docs && o->dct ? "--dct and --docs-jsonl exclude each other (each document has its dct)"
		                          : "--tag-timex takes at most one FILE");
		return PN_EXIT_USAGE;
	}
	o->file = optind < argc ? argv[optind] : "-";
	return PN_EXIT_OK;
}

/* Code points in s[0..n). */
static size_t pnx_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Tags the folded text and prints spans with offsets into the original. */
static void pnx_tag_emit(const pnx_timex_tagger *t, pnx_norm *nm, const char *doc, const char *text, size_t len,
                         const char *dct, bool chars)
{
	pnx_timex *x;
	pnx_norm_run(nm, text, len);
	size_t n = pnx_timex_tag(t, nm->text, nm->len, dct, &x);
	for (size_t i = 0; i < n; i++) {
		size_t s = pnx_norm_orig_start(nm, x[i].start), e = pnx_norm_orig_end(nm, x[i].end);
		json_t *o = json_object();
		if (doc)
			json_object_set_new(o, "doc", json_string(doc));
		json_object_set_new(o, "start", json_integer((json_int_t)(chars ? pnx_chars(text, s) : s)));
		json_object_set_new(o, "end", json_integer((json_int_t)(chars ? pnx_chars(text, e) : e)));
		json_object_set_new(o, "type", json_string(x[i].type));
		json_object_set_new(o, "value", json_string(x[i].value));
		json_object_set_new(o, "text", json_stringn(text + s, e - s));
		if (x[i].grain)
			json_object_set_new(o, "grain", json_string(x[i].grain));
		if (x[i].mod)
			json_object_set_new(o, "mod", json_string(x[i].mod));
		if (x[i].pair >= 0)
			json_object_set_new(o, "pair", json_integer(x[i].pair - (int)i));
		json_object_set_new(o, "rule", json_string(x[i].rule));
		pn_jsonl_write(stdout, o);
		json_decref(o);
	}
	free(x);
}

/* Replaces every byte that is not part of a well-formed UTF-8 sequence
 * (RFC 3629: no overlongs, surrogates or code points past U+10FFFF) by
 * '?'; returns how many were replaced. */
static size_t pnx_utf8_repair(char *s, size_t n)
{
	size_t bad = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t k = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
		         : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		bool ok = k > 0 && i + k <= n;
		for (size_t j = 1; ok && j < k; j++)
			ok = ((unsigned char)s[i + j] & 0xC0) == 0x80;
		if (ok && k == 3) {
			unsigned char d = (unsigned char)s[i + 1];
			ok = !(c == 0xE0 && d < 0xA0) && !(c == 0xED && d >= 0xA0);
		} else if (ok && k == 4) {
			unsigned char d = (unsigned char)s[i + 1];
			ok = !(c == 0xF0 && d < 0x90) && !(c == 0xF4 && d >= 0x90);
		}
		if (!ok) {
			s[i++] = '?';
			bad++;
		} else {
			i += k;
		}
	}
	return bad;
}

/* Plain text: the whole file is one document. Invalid UTF-8 bytes become
 * '?' so that byte offsets still hold. */
static int pnx_tag_text(const pnx_timex_tagger *t, pnx_norm *nm, const pnx_topts *o)
{
	FILE *f = strcmp(o->file, "-") ? fopen(o->file, "rb") : stdin;
	if (!f) {
		pn_warn("%s: %s", o->file, strerror(errno));
		return PN_EXIT_IO;
	}
	pn_buf b = PN_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		pn_buf_add(&b, chunk, n);
	int err = ferror(f) ? errno : 0;
	if (f != stdin)
		fclose(f);
	if (err) {
		pn_warn("%s: %s", o->file, strerror(err));
		pn_buf_free(&b);
		return PN_EXIT_IO;
	}
	pn_buf_cstr(&b);
	if (pnx_utf8_repair(b.data, b.len))
		pn_warn("%s: invalid UTF-8 bytes replaced by '?'", o->file);
	pnx_tag_emit(t, nm, NULL, b.data ? b.data : "", b.len, o->dct, o->chars);
	pn_buf_free(&b);
	return PN_EXIT_OK;
}

/* score_timex.py's docs.jsonl: one {"doc","dct","text"} per line. */
static int pnx_tag_docs(const pnx_timex_tagger *t, pnx_norm *nm, const pnx_topts *o)
{
	pn_jsonl_reader *r = pn_jsonl_open(o->file);
	if (!r) {
		pn_warn("%s: %s", o->file, strerror(errno));
		return PN_EXIT_IO;
	}
	json_t *obj;
	int rc, status = PN_EXIT_OK;
	while ((rc = pn_jsonl_next(r, &obj)) != 0) {
		if (rc < 0) {
			status = PN_EXIT_PARTIAL;
			continue;
		}
		const char *doc = json_string_value(json_object_get(obj, "doc"));
		const char *dct = json_string_value(json_object_get(obj, "dct"));
		json_t *text = json_object_get(obj, "text");
		long days;
		if (!doc || !json_is_string(text) || (dct && !pnx_tdct_parse(dct, &days))) {
			pn_warn("%s:%lu: need \"doc\" and \"text\" strings and an optional \"dct\" YYYY-MM-DD",
			        pn_jsonl_name(r), pn_jsonl_lineno(r));
			status = PN_EXIT_PARTIAL;
		} else {
			pnx_tag_emit(t, nm, doc, json_string_value(text), json_string_length(text), dct, o->chars);
		}
		json_decref(obj);
	}
	pn_jsonl_close(r);
	return status;
}

int pnx_timex_main(int argc, char **argv)
{
	pnx_topts o = {0};
	int rc = pnx_parse_opts(argc, argv, &o);
	if (rc)
		return rc < 0 ? PN_EXIT_OK : rc;
	pnx_rules *rs = pnx_rules_load(o.rules ? o.rules : pn_rules_dir());
	pnx_timex_tagger *t = pnx_timex_new(rs);
	pnx_norm nm = {0};
	rc = o.docs ? pnx_tag_docs(t, &nm, &o) : pnx_tag_text(t, &nm, &o);
	pnx_norm_free(&nm);
	if (fflush(stdout) != 0 && rc == PN_EXIT_OK) {
		pn_warn("standard output: %s", strerror(errno));
		rc = PN_EXIT_IO;
	}
	pnx_timex_free(t);
	pnx_rules_free(rs);
	return rc;
}
