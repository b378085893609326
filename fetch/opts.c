/* opts.c - pn-fetch command line. */
#include "fetch.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
"usage: pn-fetch [options] [URL...]\n"
"Fetch pharma news pages, feeds, sitemaps and index pages into a WARC 1.1 archive.\n"
"\n"
"  -s, --seeds FILE            seeds: [page|feed|sitemap|robots|index] URL [every=30m]\n"
"  -r, --rules FILE            site rules: HOST article|skip REGEX\n"
"      --state DB              crawl state (SQLite); without it nothing is remembered\n"
"  -o, --output FILE           write the WARC (.warc.gz) to FILE\n"
"  -O, --archive-dir DIR       write DIR/pharmanews-YYYYmmddHHMMSS-N.warc.gz\n"
"                              (default: WARC on stdout, never to a terminal)\n"
"      --allow-file            accept file:// URLs given as seeds or arguments\n"
"      --delay MS              per-host delay between requests (default 1000)\n"
"      --max-conns-per-host N  connections per host (default 2)\n"
"      --parallel N            connections in total (default 16)\n"
"      --timeout S             whole-transfer timeout (default 30)\n"
"      --connect-timeout S     connect timeout (default 10)\n"
"      --max-size BYTES        body size cap, also after gzip (default 10485760)\n"
"      --max-redirects N       redirect hops per URL (default 5)\n"
"      --retries N             retries of transient failures (default 3)\n"
"      --max-wait S            longest Retry-After/backoff waited in a run (default 60)\n"
"      --feed-interval S       re-fetch feeds/sitemaps after S seconds (default 900)\n"
"      --force-feeds           fetch feeds, sitemaps, index pages even when not due\n"
"      --refresh               re-check pages already fetched (conditional GET)\n"
"      --archive-all           also archive redirects, feeds, sitemaps, robots.txt,\n"
"                              index pages\n"
"      --gzip-level N          zlib level of each WARC record, 0-9 (default 1)\n"
"      --user-agent UA         User-Agent (its first word is the robots.txt token)\n"
"      --no-robots             do not fetch or obey robots.txt\n"
"      --impolite-hosts LIST   host[:port],... fetched with no delay or connection cap\n"
"  -h, --help                  this help\n"
"\n"
"Exit status: 0 all fetched, 1 some URLs failed, 2 usage, 3 bad seeds/rules,\n"
"4 I/O error, 5 state database locked by another run. See docs/fetch.md.\n");
}

enum {
	O_STATE = 256, O_ALLOW_FILE, O_DELAY, O_CONNS, O_PARALLEL, O_TIMEOUT, O_CTIMEOUT,
	O_MAXSIZE, O_REDIRS, O_RETRIES, O_MAXWAIT, O_FEEDINT, O_FORCE, O_REFRESH, O_ALL,
	O_UA, O_NOROBOTS, O_IMPOLITE, O_GZIP
};

static const struct option longopts[] = {
	{"seeds", required_argument, NULL, 's'},
	{"rules", required_argument, NULL, 'r'},
	{"state", required_argument, NULL, O_STATE},
	{"output", required_argument, NULL, 'o'},
	{"archive-dir", required_argument, NULL, 'O'},
	{"allow-file", no_argument, NULL, O_ALLOW_FILE},
	{"delay", required_argument, NULL, O_DELAY},
	{"max-conns-per-host", required_argument, NULL, O_CONNS},
	{"parallel", required_argument, NULL, O_PARALLEL},
	{"timeout", required_argument, NULL, O_TIMEOUT},
	{"connect-timeout", required_argument, NULL, O_CTIMEOUT},
	{"max-size", required_argument, NULL, O_MAXSIZE},
	{"max-redirects", required_argument, NULL, O_REDIRS},
	{"retries", required_argument, NULL, O_RETRIES},
	{"max-wait", required_argument, NULL, O_MAXWAIT},
	{"feed-interval", required_argument, NULL, O_FEEDINT},
	{"force-feeds", no_argument, NULL, O_FORCE},
	{"refresh", no_argument, NULL, O_REFRESH},
	{"archive-all", no_argument, NULL, O_ALL},
	{"gzip-level", required_argument, NULL, O_GZIP},
	{"user-agent", required_argument, NULL, O_UA},
	{"no-robots", no_argument, NULL, O_NOROBOTS},
	{"impolite-hosts", required_argument, NULL, O_IMPOLITE},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

static long num(const char *opt, const char *arg, long min, long max)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max) {
		pn_warn("%s: expected a number from %ld to %ld, got '%s'", opt, min, max, arg);
		usage(stderr);
		exit(PN_EXIT_USAGE);
	}
	return v;
}

void pnf_opts_parse(pnf_opts *o, int argc, char **argv)
{
	*o = (pnf_opts){
		.user_agent = "pharmanews/" PN_VERSION " (pn-fetch; news text mining)",
		.robots = true,
		.delay_ms = 1000,
		.max_conns_per_host = 2,
		.parallel = 16,
		.timeout_s = 30,
		.connect_timeout_s = 10,
		.max_size = 10L << 20,
		.max_redirects = 5,
		.retries = 3,
		.max_wait_s = 60,
		.feed_interval_s = 900,
		.gzip_level = 1,
	};
	int c;
	while ((c = getopt_long(argc, argv, "s:r:o:O:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': o->seeds = optarg; break;
		case 'r': o->rules = optarg; break;
		case 'o': o->out = optarg; break;
		case 'O': o->archive_dir = optarg; break;
		case 'h': usage(stdout); exit(PN_EXIT_OK);
		case O_STATE: o->state = optarg; break;
		case O_ALLOW_FILE: o->allow_file = true; break;
		case O_DELAY: o->delay_ms = num("--delay", optarg, 0, 3600000); break;
		case O_CONNS: o->max_conns_per_host = num("--max-conns-per-host", optarg, 1, 1000); break;
		case O_PARALLEL: o->parallel = num("--parallel", optarg, 1, 10000); break;
		case O_TIMEOUT: o->timeout_s = num("--timeout", optarg, 1, 86400); break;
		case O_CTIMEOUT: o->connect_timeout_s = num("--connect-timeout", optarg, 1, 3600); break;
		case O_MAXSIZE: o->max_size = num("--max-size", optarg, 1, 1L << 40); break;
		case O_REDIRS: o->max_redirects = num("--max-redirects", optarg, 0, 100); break;
		case O_RETRIES: o->retries = num("--retries", optarg, 0, 100); break;
		case O_MAXWAIT: o->max_wait_s = num("--max-wait", optarg, 0, 86400); break;
		case O_FEEDINT: o->feed_interval_s = num("--feed-interval", optarg, 0, 86400 * 365); break;
		case O_FORCE: o->force_feeds = true; break;
		case O_REFRESH: o->refresh = true; break;
		case O_ALL: o->archive_all = true; break;
		case O_GZIP: o->gzip_level = num("--gzip-level", optarg, 0, 9); break;
		case O_UA: o->user_agent = optarg; break;
		case O_NOROBOTS: o->robots = false; break;
		case O_IMPOLITE: o->impolite = optarg; break;
		default: usage(stderr); exit(PN_EXIT_USAGE);
		}
	}
	if (o->out && o->archive_dir) {
		pn_warn("-o and -O are mutually exclusive");
		exit(PN_EXIT_USAGE);
	}
	o->urls = argv + optind;
	o->nurls = argc - optind;
	if (!o->seeds && o->nurls == 0) {
		pn_warn("nothing to fetch: give -s SEEDS or URLs");
		usage(stderr);
		exit(PN_EXIT_USAGE);
	}
}
