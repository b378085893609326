/* main.c - pn-parse: web pages (WARC, HTML files, directories, stdin) to
 * article JSONL. See docs/parse.md. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "pn.h"
#include "input.h"
#include "page.h"

#define DEFAULT_MAX_SIZE (16u << 20)

static void usage(FILE *fp)
{
	fprintf(fp,
	        "usage: %s [-o FILE] [--max-size BYTES] [-h] [INPUT...]\n"
	        "Turn web pages into article records (JSON Lines, one per page).\n"
	        "INPUT: WARC file (.warc, .warc.gz), HTML file (.html, .html.gz), directory\n"
	        "(searched recursively for both), or - for stdin (the default).\n"
	        "  -o, --output FILE   write records to FILE instead of stdout\n"
	        "  --max-size BYTES    skip pages larger than this (suffix k, M, G;\n"
	        "                      default 16M)\n"
	        "  -h, --help          this help\n"
	        "WARC responses with HTTP status other than 200 or a non-HTML type are\n"
	        "counted, not warned about.\n"
	        "Exit status: 0 all pages done, 1 some pages skipped (warned on stderr),\n"
	        "2 usage, 4 an input or the output could not be opened or written.\n",
	        pn_progname());
}

static size_t parse_size(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return 0;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	return *end ? 0 : (size_t)v;
}

typedef struct run {
	pnp_in in;
	FILE *out;
} run;

static bool page_with_progress(const pnp_page *pg, void *ctx)
{
	run *r = ctx;
	bool ok = pnp_page_process(pg, r->out);
	pn_progress("%lu pages, %lu skipped", r->in.st.pages + ok, r->in.st.failed + !ok);
	return ok;
}

/* Returns -1 to go on, or the exit status for main. */
static int parse_args(int argc, char **argv, const char **outpath, pnp_in *in)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"max-size", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': *outpath = optarg; break;
		case 'm':
			if (!(in->max_size = parse_size(optarg))) {
				pn_warn("--max-size: not a positive size: %s", optarg);
				return PN_EXIT_USAGE;
			}
			break;
		case 'h': usage(stdout); return PN_EXIT_OK;
		default: usage(stderr); return PN_EXIT_USAGE;
		}
	}
	return -1;
}

int main(int argc, char **argv)
{
	pn_setprogname(argv[0]);
	const char *outpath = NULL;
	run r = {.in = {.max_size = DEFAULT_MAX_SIZE, .fn = page_with_progress, .ctx = &r},
	         .out = stdout};
	pnp_in *in = &r.in;
	int rc = parse_args(argc, argv, &outpath, in);
	if (rc >= 0)
		return rc;
	if (outpath && !(r.out = fopen(outpath, "w")))
		pn_die(PN_EXIT_IO, "%s: %s", outpath, strerror(errno));
	bool io_err = false;
	if (optind == argc)
		io_err |= pnp_in_read(in, "-") < 0;
	for (int i = optind; i < argc; i++)
		io_err |= pnp_in_read(in, argv[i]) < 0;
	pn_progress_done();
	if (fflush(r.out) != 0 || ferror(r.out) || (r.out != stdout && fclose(r.out) != 0))
		pn_die(PN_EXIT_IO, "%s: %s", outpath ? outpath : "<stdout>", strerror(errno));
	if (in->st.failed || in->st.not_ok || in->st.not_html)
		pn_warn("%lu pages written, %lu skipped, %lu not articles (%lu HTTP status other than 200, %lu not HTML)",
		        in->st.pages, in->st.failed, in->st.not_ok + in->st.not_html, in->st.not_ok,
		        in->st.not_html);
	return io_err ? PN_EXIT_IO : in->st.failed ? PN_EXIT_PARTIAL : PN_EXIT_OK;
}
