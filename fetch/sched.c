/* sched.c - the libcurl multi loop: starts transfers as per-host
 * politeness allows (robots.txt first, delay between starts, connection
 * cap, 429/503 pauses) and hands finished ones to outcome.c. */
#include "sched_int.h"

#include <string.h>
#include <unistd.h>

double pnf_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Reads the robots.txt cache and backoff of a host seen for the first time. */
static void load_host(pnf_sched *s, pnf_host *h)
{
	h->loaded = true;
	if (!s->o->robots) {
		pnf_host_set_robots(h, pnf_robots_allow_all());
	} else {
		char *body = NULL;
		int status;
		if (pnf_state_robots_get(s->run->st, h->origin, &body, &status))
			pnf_host_set_robots(h, status >= 200 && status < 300
			                     ? pnf_robots_parse(body, strlen(body), s->o->user_agent)
			                     : pnf_robots_allow_all());
		free(body);
	}
	long long until = pnf_state_backoff_get(s->run->st, h->origin);
	long long left = until - (long long)time(NULL);
	if (left > 0)
		h->backoff_until = pnf_now() + (double)left;
}

/* Length of url's "scheme://authority" prefix. */
static size_t prefix_len(const char *url)
{
	const char *p = strstr(url, "://");
	return p ? (size_t)(p + 3 - url) + strcspn(p + 3, "/?#") : 0;
}

void pnf_sched_add_job(pnf_sched *s, pnf_job *j)
{
	/* seeds and sitemap links come in runs of one host: the last
	 * prefix's host saves building and hashing the origin per URL */
	size_t n = prefix_len(j->url);
	pnf_host *h;
	if (n && n == s->last_prefix_len && memcmp(j->url, s->last_prefix, n) == 0) {
		h = s->last_host;
	} else {
		char *origin = pnf_url_origin(j->url);
		if (!origin) {
			pnf_job_free(j);
			return;
		}
		h = pnf_hosts_get(s->hosts, origin);
		free(origin);
		free(s->last_prefix);
		s->last_prefix = pn_xstrndup(j->url, n);
		s->last_prefix_len = n;
		s->last_host = h;
	}
	if (!h->loaded)
		load_host(s, h);
	pnf_host_push(h, j, false);
}

static pnf_job *job_from(const pnf_urlrec *u)
{
	pnf_job *j = pn_xcalloc(1, sizeof *j);
	j->url = pn_xstrdup(u->url);
	j->kind = u->kind;
	j->attempts = u->attempts;
	j->redirects = u->redirects;
	j->etag = u->etag ? pn_xstrdup(u->etag) : NULL;
	j->last_modified = u->last_modified ? pn_xstrdup(u->last_modified) : NULL;
	return j;
}

static void enqueue(void *ctx, const pnf_urlrec *u)
{
	if (pnf_url_is_http(u->url))
		pnf_sched_add_job(ctx, job_from(u));
}

static void finish(pnf_sched *s, CURL *e, CURLcode rc)
{
	pnf_xfer *x = NULL;
	curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&x);
	curl_multi_remove_handle(s->multi, e);
	if (x->prev)
		x->prev->next = x->next;
	else
		s->inflight = x->next;
	if (x->next)
		x->next->prev = x->prev;
	s->active--;
	x->job->host->active--;
	pnf_outcome(s, x, rc);
	pnf_xfer_clear(x);
	s->idle[s->nidle++] = x; /* never more than --parallel */
}

/* After an interruption: transfers in flight and retries are dropped;
 * their URLs are still queued in the state database. */
static void abandon(pnf_sched *s)
{
	for (pnf_xfer *x; (x = s->inflight);) {
		s->inflight = x->next;
		curl_multi_remove_handle(s->multi, x->easy);
		pnf_job_free(x->job);
		pnf_xfer_free(x);
	}
	s->active = 0;
	for (pnf_job *j; (j = s->delayed);) {
		s->delayed = j->next;
		pnf_job_free(j);
	}
}

/* ---- starting transfers -------------------------------------------- */

static void start(pnf_sched *s, pnf_job *j)
{
	pnf_xfer *x = s->nidle ? s->idle[--s->nidle] : pnf_xfer_new(s->o);
	pnf_xfer_start(x, j);
	if (curl_multi_add_handle(s->multi, x->easy) != CURLM_OK)
		pn_die(PN_EXIT_INTERNAL, "curl_multi_add_handle failed");
	x->prev = NULL;
	x->next = s->inflight;
	if (x->next)
		x->next->prev = x;
	s->inflight = x;
	s->active++;
	j->host->active++;
}

static void start_probe(pnf_sched *s, pnf_host *h)
{
	pnf_job *j = pn_xcalloc(1, sizeof *j);
	/* the origin always names its port; the URL we ask for need not */
	size_t n = strlen(h->origin);
	bool https = strncmp(h->origin, "https:", 6) == 0;
	const char *dflt = https ? ":443" : ":80";
	size_t dn = strlen(dflt);
	if (n > dn && strcmp(h->origin + n - dn, dflt) == 0)
		n -= dn;
	j->url = pn_xasprintf("%.*s/robots.txt", (int)n, h->origin);
	j->kind = PNF_ROBOTS;
	j->robots_probe = true;
	j->host = h;
	h->robots_state = PNF_ROBOTS_FETCHING;
	start(s, j);
}

/* Starts what host h may start now; returns when it must wait. */
static void start_host(pnf_sched *s, pnf_host *h, double t)
{
	if (h->backoff_until > t) {
		double left = h->backoff_until - t;
		if (left > (double)s->o->max_wait_s)
			for (pnf_job *j; (j = pnf_host_pop(h));)
				pnf_sched_defer(s, j, left, "host asked to back off (Retry-After)");
		return;
	}
	if (h->robots_state == PNF_ROBOTS_UNKNOWN) {
		start_probe(s, h);
		return;
	}
	if (h->robots_state == PNF_ROBOTS_FETCHING)
		return;
	if (h->unreachable) {
		for (pnf_job *j; (j = pnf_host_pop(h));)
			pnf_sched_defer(s, j, 0, "robots.txt unreachable");
		return;
	}
	while (h->queued && s->active < s->o->parallel && h->active < h->max_conns && t >= h->next_at) {
		pnf_job *j = pnf_host_pop(h);
		char *pq = pnf_url_path_query(j->url);
		bool ok = j->kind == PNF_ROBOTS || pnf_robots_allowed(h->robots, pq);
		free(pq);
		if (!ok) {
			pnf_state_failed(s->run->st, j->url, 0, "disallowed by robots.txt");
			s->run->stats.robots_denied++;
			pnf_job_free(j);
			continue;
		}
		start(s, j);
		h->next_at = t + (double)h->delay_ms / 1000.0;
	}
}

static void promote_delayed(pnf_sched *s, double t)
{
	for (pnf_job **pp = &s->delayed; *pp;) {
		pnf_job *j = *pp;
		if (j->not_before <= t) {
			*pp = j->next;
			pnf_host_push(j->host, j, true);
		} else {
			pp = &j->next;
		}
	}
}

/* Starts what politeness allows; returns whether anything is left to do
 * and sets *wake to the time of the next possible start. */
static bool start_ready(pnf_sched *s, double *wake)
{
	double t = pnf_now();
	promote_delayed(s, t);
	size_t n = pnf_hosts_count(s->hosts);
	bool pending = s->delayed != NULL;
	*wake = t + 1.0;
	for (pnf_job *j = s->delayed; j; j = j->next)
		if (j->not_before < *wake)
			*wake = j->not_before;
	for (size_t k = 0; k < n && s->active < s->o->parallel; k++) {
		pnf_host *h = pnf_hosts_at(s->hosts, (s->rr + k) % n);
		if (h->queued)
			start_host(s, h, t);
		if (!h->queued)
			continue;
		pending = true;
		/* a host waiting for a free slot or its robots.txt is woken by a
		 * finished transfer, not by the clock */
		if (h->active < h->max_conns && h->robots_state != PNF_ROBOTS_FETCHING) {
			double at = h->backoff_until > h->next_at ? h->backoff_until : h->next_at;
			if (at < *wake)
				*wake = at;
		}
	}
	s->rr++;
	/* hosts beyond the parallel limit still have work */
	for (size_t k = 0; k < n && !pending; k++)
		pending = pnf_hosts_at(s->hosts, k)->queued > 0;
	return pending || s->active > 0;
}

void pnf_sched_run(pnf_run *run)
{
	pnf_sched s = {.run = run, .o = run->o};
	srand((unsigned)time(NULL) ^ (unsigned)getpid()); /* backoff jitter */
	s.multi = curl_multi_init();
	s.hosts = pnf_hosts_new(run->o);
	s.idle = pn_xcalloc((size_t)run->o->parallel, sizeof *s.idle);
	if (!s.multi)
		pn_die(PN_EXIT_INTERNAL, "curl_multi_init failed");
	curl_multi_setopt(s.multi, CURLMOPT_MAXCONNECTS, run->o->parallel * 2);
	pnf_state_each_due(run->st, run->o->force_feeds, false, enqueue, &s);
	run->enqueue = enqueue;
	run->enqueue_ctx = &s;
	double last_commit = pnf_now(), wake;
	while (!pnf_interrupted() && start_ready(&s, &wake)) {
		int running;
		curl_multi_perform(s.multi, &running);
		CURLMsg *m;
		int left, finished = 0;
		while ((m = curl_multi_info_read(s.multi, &left)))
			if (m->msg == CURLMSG_DONE) {
				finish(&s, m->easy_handle, m->data.result);
				finished++;
			}
		double t = pnf_now();
		if (t - last_commit >= 1.0) {
			pnf_warc_flush(run->w);
			pnf_state_commit(run->st);
			last_commit = t;
		}
		pn_progress("%lu fetched, %lu failed, %d active", run->stats.fetched,
		            run->stats.failed, s.active);
		/* freed slots are refilled before waiting */
		int ms = finished ? 0 : (int)((wake - t) * 1000);
		if (ms > 0 || (s.active && !finished)) {
			pnf_warc_kick(run->w);
			curl_multi_poll(s.multi, NULL, 0, ms < 0 ? 0 : ms > 1000 ? 1000 : ms, NULL);
		}
	}
	run->enqueue = NULL;
	abandon(&s);
	pnf_hosts_free(s.hosts);
	free(s.last_prefix);
	while (s.nidle)
		pnf_xfer_free(s.idle[--s.nidle]);
	free(s.idle);
	curl_multi_cleanup(s.multi);
}
