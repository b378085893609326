/* links.c - where discovered links enter the queue: site rules, scheme
 * check, de-duplication through the state database, and a hand-off to
 * the running scheduler. */
#include "fetch.h"

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
