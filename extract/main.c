/* main.c - pn-extract: article JSONL in, enriched JSONL out (FORMATS.md §3).
 * See docs/extract.md. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "extract.h"
#include "jsonw.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pn-extract [-o FILE] [--rules DIR] [--explain] [--timexes] [FILE...]\n"
		"       pn-extract --check-rules [--rules DIR]\n"
		"       pn-extract --tag-timex [--dct YYYY-MM-DD] [FILE]\n"
		"\n"
		"Reads article JSONL (FILEs or stdin) and writes each article with its\n"
		"entities, events (and timexes) added, one JSON object per line.\n"
		"\n"
		"  -o, --output FILE   write to FILE instead of stdout\n"
		"  -r, --rules DIR     rules directory (default: $PN_RULES_DIR or the built-in one)\n"
		"  -e, --explain       print on stderr which rule fired on which span\n"
		"  -t, --timexes       also output the timexes found (field \"timexes\")\n"
		"      --check-rules   run every rule example, print TAP, exit 3 if one fails\n"
		"      --tag-timex     plain text in, timex spans out (see --tag-timex -h)\n"
		"  -h, --help          this help\n"
		"\n"
		"Exit status: 0 all articles processed; 1 some lines or articles were\n"
		"skipped (each reported as file:line); 2 usage; 3 bad rules (file:line);\n"
		"4 cannot read an input or write the output; 70 internal error.\n");
}

typedef struct pnx_opts {
	const char *output, *rules;
	bool explain, timexes, check;
} pnx_opts;

static int parse_args(int argc, char **argv, pnx_opts *o)
{
	static const struct option longs[] = {
		{"output", required_argument, NULL, 'o'}, {"rules", required_argument, NULL, 'r'},
		{"explain", no_argument, NULL, 'e'}, {"timexes", no_argument, NULL, 't'},
		{"timex", no_argument, NULL, 't'}, {"check-rules", no_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, "o:r:eth", longs, NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case 'r': o->rules = optarg; break;
		case 'e': o->explain = true; break;
		case 't': o->timexes = true; break;
		case 'c': o->check = true; break;
		case 'h': usage(stdout); exit(PN_EXIT_OK);
		default: usage(stderr); exit(PN_EXIT_USAGE);
		}
	}
	return optind;
}

typedef struct pnx_run {
	pnx_extractor *x;
	pnx_doc doc;
	FILE *out;
	pn_buf line;          /* the output record being written, reused */
	bool timexes;
	unsigned long done, skipped;
	int io_error;
} pnx_run;

/* The fields pn-extract adds; true when key is one of them (and wrote it). */
static bool write_added(pnx_run *run, const char *key, pn_buf *b)
{
	if (strcmp(key, "entities") == 0)
		pnx_entities_write(&run->doc, b);
	else if (strcmp(key, "events") == 0)
		pnx_events_write(&run->doc, run->x->rs->version, b);
	else if (run->timexes && strcmp(key, "timexes") == 0)
		pnx_timexes_write(&run->doc, b);
	else
		return false;
	return true;
}

/* The input record with entities, events (and timexes) set, as jansson's
 * json_object_set_new + json_dumpf(JSON_COMPACT | JSON_PRESERVE_ORDER)
 * would write it (a field already present is replaced in place, new ones
 * go last), but without building a tree for the added fields. */
static void write_record(pnx_run *run, json_t *obj)
{
	static const char *const added[] = {"entities", "events", "timexes"};
	pn_buf *b = &run->line;
	bool have[3] = {false, false, !run->timexes};
	const char *key;
	json_t *val;
	pn_buf_reset(b);
	pn_buf_addc(b, '{');
	json_object_foreach(obj, key, val) {
		if (b->len > 1)
			pn_buf_addc(b, ',');
		pn_json_str(b, key, strlen(key));
		pn_buf_addc(b, ':');
		if (!write_added(run, key, b))
			pnx_jw_value(b, val);
		for (size_t i = 0; i < 3; i++)
			have[i] |= strcmp(key, added[i]) == 0;
	}
	for (size_t i = 0; i < 3; i++) {
		if (have[i])
			continue;
		if (b->len > 1)
			pn_buf_addc(b, ',');
		pn_json_str(b, added[i], strlen(added[i]));
		pn_buf_addc(b, ':');
		write_added(run, added[i], b);
	}
	pn_buf_add(b, "}\n", 2);
	if (fwrite(b->data, 1, b->len, run->out) != b->len)
		pn_die(PN_EXIT_IO, "write error: %s", strerror(errno));
}

static void process_object(pnx_run *run, json_t *obj, const char *file, unsigned long line)
{
	json_t *text = json_object_get(obj, "text");
	if (!json_is_string(text)) {
		pn_warn("%s:%lu: no \"text\" string, article skipped", file, line);
		run->skipped++;
		return;
	}
	const char *published = json_string_value(json_object_get(obj, "published"));
	pnx_extract(run->x, &run->doc, json_string_value(text), json_string_length(text), published);
	uint64_t t = pnx_prof_cpu();
	write_record(run, obj);
	pnx_prof_part(PNX_PART_WRITE, t);
	run->done++;
}

static void process_file(pnx_run *run, const char *path)
{
	pn_jsonl_reader *r = pn_jsonl_open(path);
	if (!r) {
		pn_warn("%s: %s", path, strerror(errno));
		run->io_error = 1;
		return;
	}
	json_t *obj;
	int rc;
	for (;;) {
		uint64_t t = pnx_prof_cpu();
		rc = pn_jsonl_next(r, &obj);
		pnx_prof_part(PNX_PART_READ, t);
		if (rc == 0)
			break;
		if (rc < 0) {
			run->skipped++;
			continue;
		}
		process_object(run, obj, pn_jsonl_name(r), pn_jsonl_lineno(r));
		uint64_t t2 = pnx_prof_cpu();
		json_decref(obj);
		pnx_prof_part(PNX_PART_WRITE, t2);
		pn_progress("pn-extract: %lu articles", run->done);
	}
	pn_jsonl_close(r);
}

int main(int argc, char **argv)
{
	pn_setprogname(argv[0]);
	if (argc > 1 && strcmp(argv[1], "--tag-timex") == 0)
		return pnx_timex_main(argc - 1, argv + 1);
	pnx_opts o = {0};
	int first = parse_args(argc, argv, &o);
	pnx_rules *rs = pnx_rules_load(o.rules ? o.rules : pn_rules_dir());
	pnx_run run = {.timexes = o.timexes, .out = stdout};
	run.x = pnx_extractor_new(rs, o.explain ? stderr : NULL);
	run.x->lazy_timexes = !o.timexes; /* the event pass tags what it needs */
	int code = PN_EXIT_OK;
	if (o.check) {
		code = pnx_check_rules(run.x, stdout);
	} else {
		if (o.output && !(run.out = fopen(o.output, "w")))
			pn_die(PN_EXIT_IO, "%s: %s", o.output, strerror(errno));
		if (first == argc)
			process_file(&run, "-");
		for (int i = first; i < argc; i++)
			process_file(&run, argv[i]);
		pn_progress_done();
		if (fflush(run.out) != 0 || (run.out != stdout && fclose(run.out) != 0))
			pn_die(PN_EXIT_IO, "%s: write error: %s", o.output ? o.output : "<stdout>", strerror(errno));
		if (run.skipped)
			pn_warn("%lu line%s or article%s skipped", run.skipped, run.skipped == 1 ? "" : "s",
			        run.skipped == 1 ? "" : "s");
		code = run.io_error ? PN_EXIT_IO : run.skipped ? PN_EXIT_PARTIAL : PN_EXIT_OK;
		if (pnx_prof_on())
			pnx_prof_report(rs, stderr);
	}
	pnx_doc_free(&run.doc);
	pn_buf_free(&run.line);
	pnx_extractor_free(run.x);
	pnx_rules_free(rs);
	return code;
}
