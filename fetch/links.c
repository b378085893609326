/* links.c - where discovered links enter the queue: site rules, scheme
 * check, de-duplication through the state database, and a hand-off to
 * the running scheduler. */
#include "fetch.h"

#include <stdlib.h>

bool pnf_queue_link(pnf_run *run, enum pnf_kind from, const char *url, enum pnf_kind kind,
                    const char *lastmod)
{
	/* file:// is allowed only when given explicitly, never from a link */
	if (!pnf_url_is_http(url))
		return false;
	if (kind == PNF_PAGE && !pnf_rules_accept(run->rules, url, from == PNF_INDEX))
		return false;
	if (!pnf_state_add_link(run->st, url, kind, 0, lastmod))
		return false;
	run->stats.links++;
	if (run->enqueue) {
		pnf_urlrec u = {.url = (char *)url, .kind = kind};
		run->enqueue(run->enqueue_ctx, &u);
	}
	return true;
}

typedef struct source {
	pnf_run *run;
	enum pnf_kind kind;
} source;

static void on_link(void *ctx, const char *url, enum pnf_kind kind, const char *lastmod)
{
	source *src = ctx;
	pnf_queue_link(src->run, src->kind, url, kind, lastmod);
}

int pnf_queue_links_of(pnf_run *run, enum pnf_kind kind, const char *url, const char *body,
                       size_t len, const char **err)
{
	source src = {run, kind};
	if (kind == PNF_ROBOTS) {
		pnf_robots *r = pnf_robots_parse(body, len, run->o->user_agent);
		for (size_t i = 0; i < pnf_robots_nsitemaps(r); i++) {
			char *sm = pnf_url_resolve(url, pnf_robots_sitemap(r, i));
			if (sm)
				pnf_queue_link(run, PNF_ROBOTS, sm, PNF_SITEMAP, NULL);
			free(sm);
		}
		pnf_robots_free(r);
		return 0;
	}
	if (kind == PNF_INDEX) {
		pnf_html_links(body, len, url, on_link, &src);
		return 0;
	}
	return pnf_feed_links(body, len, url, on_link, &src, err) < 0 ? -1 : 0;
}
