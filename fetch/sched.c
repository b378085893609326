/* sched.c - placeholder: http(s) fetching lands next. */
#include "fetch.h"

static void count(void *ctx, const pnf_urlrec *u)
{
	pnf_run *run = ctx;
	if (pnf_url_is_http(u->url)) {
		pn_warn("%s: http(s) fetching not implemented yet", u->url);
		run->stats.failed++;
	}
}

void pnf_sched_run(pnf_run *run)
{
	pnf_state_each_due(run->st, run->o->force_feeds, count, run);
}
