/* main.c - pn-fetch: crawl pharma news seeds into a WARC 1.1 archive.
 * See docs/fetch.md. */
#include "fetch.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <string.h>

static void add_seeds(pnf_run *run)
{
	pnf_seeds seeds = {0};
	if (run->o->seeds)
		pnf_seeds_load(&seeds, run->o->seeds, run->o->allow_file);
	for (int i = 0; i < run->o->nurls; i++)
		pnf_seeds_add_arg(&seeds, run->o->urls[i], run->o->allow_file);
	pnf_state_add_seeds(run->st, seeds.v, seeds.n, run->o->refresh);
	pnf_seeds_free(&seeds);
}

static void fetch_local(void *ctx, const pnf_urlrec *u)
{
	if (!pnf_interrupted())
		pnf_local_fetch(ctx, u);
}

static void summary(const pnf_run *run, const char *archive, double secs)
{
	const pnf_stats *s = &run->stats;
	pn_progress_done();
	pn_warn("%lu fetched, %lu unchanged, %lu failed, %lu deferred, %lu robots-denied, "
	        "%lu redirects, %lu retries, %lu feeds/sitemaps, %lu new links, %.1f MB in %.2f s "
	        "(%.1f pages/s) -> %s",
	        s->fetched, s->unchanged, s->failed, s->deferred, s->robots_denied, s->redirects,
	        s->retries, s->feeds, s->links, (double)s->bytes / 1e6, secs,
	        secs > 0 ? (double)(s->fetched + s->unchanged) / secs : 0.0, archive);
}

int main(int argc, char **argv)
{
	pn_setprogname(argv[0]);
	pnf_opts o;
	pnf_opts_parse(&o, argc, argv);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		pn_die(PN_EXIT_INTERNAL, "curl_global_init failed");
	LIBXML_TEST_VERSION
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);

	pnf_run run = {.o = &o};
	run.rules = pnf_rules_load(o.rules);
	run.st = pnf_state_open(o.state);
	pnf_state_set_feed_interval(run.st, o.feed_interval_s);
	add_seeds(&run);
	run.w = pnf_warc_open(o.out, o.archive_dir, &o);

	pnf_signals_install();
	pnf_state_each_due(run.st, o.force_feeds, true, fetch_local, &run);
	pnf_sched_run(&run);

	char *archive = pn_xstrdup(pnf_warc_name(run.w));
	pnf_warc_close(run.w);
	pnf_state_close(run.st);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	summary(&run, archive, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	free(archive);
	pnf_rules_free(run.rules);
	xmlCleanupParser();
	curl_global_cleanup();
	if (pnf_interrupted())
		pn_warn("interrupted by signal %d; the URLs left are still queued", pnf_interrupted());
	return run.stats.failed || pnf_interrupted() ? PN_EXIT_PARTIAL : PN_EXIT_OK;
}
