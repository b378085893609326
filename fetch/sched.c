/* sched.c - the libcurl multi loop: starts transfers as per-host
 * politeness allows (robots.txt first, delay between starts, connection
 * cap, 429/503 pauses), and turns each finished transfer into an
 * outcome: archived, unchanged, redirected, retried later, deferred to
 * the next run, or failed. No per-URL failure stops the run. */
#include "fetch.h"

#include <curl/curl.h>
#include <string.h>
#include <unistd.h>

#define MAX_BACKOFF_S 300.0
#define MAX_RETRY_AFTER_S 86400L

typedef struct sched {
	pnf_run *run;
	const pnf_opts *o;
	CURLM *multi;
	pnf_hosts *hosts;
	pnf_job *delayed;  /* retries waiting for their not_before */
	int active;
	size_t rr;         /* round-robin start among hosts, for fairness */
} sched;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Reads the robots.txt cache and backoff of a host seen for the first time. */
static void load_host(sched *s, pnf_host *h)
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
		h->backoff_until = now() + (double)left;
}

static void add_job(sched *s, pnf_job *j)
{
	char *origin = pnf_url_origin(j->url);
	if (!origin) {
		pnf_job_free(j);
		return;
	}
	pnf_host *h = pnf_hosts_get(s->hosts, origin);
	free(origin);
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
		add_job(ctx, job_from(u));
}

/* ---- outcomes -------------------------------------------------------- */

static void fail(sched *s, pnf_job *j, int status, const char *why)
{
	pn_warn("%s: %s", j->url, why);
	pnf_state_failed(s->run->st, j->url, status, why);
	s->run->stats.failed++;
	pnf_job_free(j);
}

/* Leaves j queued in the database for a run secs from now. */
static void defer(sched *s, pnf_job *j, double secs, const char *why)
{
	pn_warn("%s: %s; deferred to a later run", j->url, why);
	pnf_state_retry_later(s->run->st, j->url, j->attempts, (long long)time(NULL) + (long long)secs, why);
	s->run->stats.deferred++;
	pnf_job_free(j);
}

/* wait < 0: exponential backoff with jitter. */
static void retry(sched *s, pnf_job *j, int status, const char *why, double wait)
{
	j->attempts++;
	if (j->attempts > s->o->retries) {
		char *msg = pn_xasprintf("%s (gave up after %d tries)", why, j->attempts);
		fail(s, j, status, msg);
		free(msg);
		return;
	}
	if (wait < 0) {
		wait = (double)(1L << (j->attempts - 1 < 16 ? j->attempts - 1 : 16));
		wait *= 0.75 + 0.5 * ((double)(rand() % 1000) / 1000.0);
		if (wait > MAX_BACKOFF_S)
			wait = MAX_BACKOFF_S;
	}
	if (wait > (double)s->o->max_wait_s) {
		defer(s, j, wait, why);
		return;
	}
	s->run->stats.retries++;
	j->not_before = now() + wait;
	j->next = s->delayed;
	s->delayed = j;
}

/* Retry-After as seconds from now (delta or HTTP-date), -1 if absent. */
static double retry_after(pnf_xfer *x)
{
	char *v = pnf_xfer_header(x, "Retry-After");
	if (!v)
		return -1;
	char *end;
	long secs = strtol(v, &end, 10);
	if (end == v || *end) {
		time_t t = curl_getdate(v, NULL);
		secs = t < 0 ? -1 : (long)(t - time(NULL));
		if (t >= 0 && secs < 0)
			secs = 0;
	}
	free(v);
	if (secs > MAX_RETRY_AFTER_S)
		secs = MAX_RETRY_AFTER_S;
	return (double)secs;
}

/* Hands the exchange to the WARC writer: x's buffers are emptied, so
 * read what else is needed from them first. */
static void archive(sched *s, pnf_xfer *x)
{
	char *ip = NULL;
	curl_easy_getinfo(x->easy, CURLINFO_PRIMARY_IP, &ip);
	pnf_warc_exchange(s->run->w, x->job->url, ip, &x->req, &x->hdr, &x->body);
}

static void mark_done(sched *s, pnf_xfer *x, int status)
{
	char *etag = pnf_xfer_header(x, "ETag");
	char *lm = pnf_xfer_header(x, "Last-Modified");
	pnf_state_done(s->run->st, x->job->url, status, etag, lm);
	free(etag);
	free(lm);
}

static void on_link(void *ctx, const char *url, enum pnf_kind kind, const char *lastmod)
{
	pnf_queue_link(ctx, url, kind, lastmod);
}

/* Decoded body, or NULL after failing the job. Caller frees. */
static char *decoded(sched *s, pnf_xfer *x, int status, size_t *len)
{
	char *enc = pnf_xfer_header(x, "Content-Encoding");
	pn_buf out = PN_BUF_INIT;
	const char *err;
	int rc = pnf_body_decode(enc, x->body.data, x->body.len, (size_t)s->o->max_size, &out, &err);
	free(enc);
	if (rc < 0) {
		pn_buf_free(&out);
		fail(s, x->job, status, err);
		x->job = NULL;
		return NULL;
	}
	*len = out.len;
	return pn_buf_steal(&out);
}

/* Feeds, sitemaps and robots.txt seeds: queue what they link to. */
static void got_links(sched *s, pnf_xfer *x, int status)
{
	size_t len;
	char *body = decoded(s, x, status, &len);
	if (!body)
		return;
	pnf_job *j = x->job;
	if (j->kind == PNF_ROBOTS) {
		pnf_robots *r = pnf_robots_parse(body, len, s->o->user_agent);
		for (size_t i = 0; i < pnf_robots_nsitemaps(r); i++) {
			char *sm = pnf_url_resolve(j->url, pnf_robots_sitemap(r, i));
			if (sm)
				pnf_queue_link(s->run, sm, PNF_SITEMAP, NULL);
			free(sm);
		}
		pnf_robots_free(r);
	} else {
		const char *err;
		if (pnf_feed_links(body, len, j->url, on_link, s->run, &err) < 0) {
			free(body);
			fail(s, j, status, err);
			x->job = NULL;
			return;
		}
	}
	free(body);
	s->run->stats.feeds++;
	mark_done(s, x, status);
	if (s->o->archive_all)
		archive(s, x);
}

static void got_page(sched *s, pnf_xfer *x, int status)
{
	char *enc = pnf_xfer_header(x, "Content-Encoding");
	const char *err;
	int rc = pnf_body_decode(enc, x->body.data, x->body.len, (size_t)s->o->max_size, NULL, &err);
	free(enc);
	if (rc < 0) {
		fail(s, x->job, status, err);
		x->job = NULL;
		return;
	}
	s->run->stats.fetched++;
	mark_done(s, x, status);
	archive(s, x);
}

static bool in_chain(const pnf_job *j, const char *url)
{
	if (strcmp(j->url, url) == 0)
		return true;
	for (const char *p = j->chain; p && *p;) {
		size_t n = strcspn(p, "\n");
		if (strlen(url) == n && strncmp(p, url, n) == 0)
			return true;
		p += n + (p[n] == '\n');
	}
	return false;
}

static void got_redirect(sched *s, pnf_xfer *x, int status)
{
	pnf_job *j = x->job;
	char *loc = pnf_xfer_header(x, "Location");
	char *target = loc ? pnf_url_resolve(j->url, loc) : NULL;
	free(loc);
	char *why = NULL;
	if (!target || !pnf_url_is_http(target))
		why = pn_xasprintf("HTTP %d redirect to a missing or non-http(s) location", status);
	else if (j->redirects >= s->o->max_redirects)
		why = pn_xasprintf("more than %ld redirects", s->o->max_redirects);
	else if (in_chain(j, target))
		why = pn_xasprintf("redirect loop back to %s", target);
	if (why) {
		fail(s, j, status, why);
		free(why);
		free(target);
		x->job = NULL;
		return;
	}
	s->run->stats.redirects++;
	mark_done(s, x, status);
	/* pn-parse wants pages; the hops are in the state database */
	if (s->o->archive_all)
		archive(s, x);
	/* a target already known is fetched (or was) on its own account */
	if (pnf_state_add_link(s->run->st, target, j->kind, j->redirects + 1, NULL)) {
		pnf_job *n = pn_xcalloc(1, sizeof *n);
		n->url = target;
		n->kind = j->kind;
		n->redirects = j->redirects + 1;
		n->chain = j->chain ? pn_xasprintf("%s\n%s", j->chain, j->url) : pn_xstrdup(j->url);
		add_job(s, n);
	} else {
		free(target);
	}
}

static bool transient(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_SSL_CONNECT_ERROR:
		return true;
	default:
		return false;
	}
}

/* 429/503 pause the whole host: other URLs there would get the same. */
static void pause_host(sched *s, pnf_host *h, double wait)
{
	double until = now() + wait;
	if (until > h->backoff_until)
		h->backoff_until = until;
	pnf_state_backoff_put(s->run->st, h->origin, (long long)time(NULL) + (long long)wait);
}

static void finish_job(sched *s, pnf_xfer *x, CURLcode rc)
{
	pnf_job *j = x->job;
	s->run->stats.bytes += x->body.len;
	if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		fail(s, j, 0, "body over --max-size");
		return;
	}
	if (rc != CURLE_OK) {
		if (transient(rc))
			retry(s, j, 0, curl_easy_strerror(rc), -1);
		else
			fail(s, j, 0, curl_easy_strerror(rc));
		return;
	}
	long status = 0;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (status >= 200 && status < 300) {
		if (j->kind == PNF_PAGE)
			got_page(s, x, (int)status);
		else
			got_links(s, x, (int)status);
	} else if (status == 304) {
		s->run->stats.unchanged++;
		mark_done(s, x, 304);
	} else if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
		got_redirect(s, x, (int)status);
	} else if (status == 429 || status == 503) {
		double wait = retry_after(x);
		char *why = pn_xasprintf("HTTP %ld", status);
		if (wait >= 0)
			pause_host(s, j->host, wait);
		retry(s, j, (int)status, why, wait);
		free(why);
		return;
	} else if (status == 408 || status == 500 || status == 502 || status == 504) {
		char *why = pn_xasprintf("HTTP %ld", status);
		retry(s, j, (int)status, why, retry_after(x));
		free(why);
		return;
	} else {
		char *why = pn_xasprintf("HTTP %ld", status);
		fail(s, j, (int)status, why);
		free(why);
		return;
	}
	if (x->job)
		pnf_job_free(x->job);
}

/* robots.txt for politeness: 2xx parsed, other 4xx allow all (RFC 9309
 * 2.3.1.3); 5xx, 429 and network errors make the origin unreachable,
 * so its URLs wait for a later run rather than being crawled blind. */
static void finish_probe(sched *s, pnf_xfer *x, CURLcode rc)
{
	pnf_host *h = x->job->host;
	long status = 0;
	if (rc == CURLE_OK)
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (status >= 200 && status < 300) {
		char *enc = pnf_xfer_header(x, "Content-Encoding");
		pn_buf out = PN_BUF_INIT;
		const char *err;
		if (pnf_body_decode(enc, x->body.data, x->body.len, (size_t)s->o->max_size, &out, &err) < 0)
			pn_buf_reset(&out);
		free(enc);
		const char *body = pn_buf_cstr(&out);
		pnf_host_set_robots(h, pnf_robots_parse(body, out.len, s->o->user_agent));
		pnf_state_robots_put(s->run->st, h->origin, body, (int)status);
		pn_buf_free(&out);
	} else if (status >= 400 && status < 500 && status != 429) {
		pnf_host_set_robots(h, pnf_robots_allow_all());
		pnf_state_robots_put(s->run->st, h->origin, "", (int)status);
	} else {
		pn_warn("%s/robots.txt: %s; not crawling %s in this run", h->origin,
		        rc != CURLE_OK ? curl_easy_strerror(rc) : "server error", h->origin);
		pnf_host_set_robots(h, pnf_robots_deny_all());
		h->unreachable = true;
	}
	if (s->o->archive_all && status)
		archive(s, x);
	pnf_job_free(x->job);
}

static void finish(sched *s, CURL *e, CURLcode rc)
{
	pnf_xfer *x = NULL;
	curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&x);
	curl_multi_remove_handle(s->multi, e);
	s->active--;
	x->job->host->active--;
	if (x->job->robots_probe)
		finish_probe(s, x, rc);
	else
		finish_job(s, x, rc);
	pnf_xfer_free(x);
}

/* ---- starting transfers -------------------------------------------- */

static void start(sched *s, pnf_job *j)
{
	pnf_xfer *x = pnf_xfer_new(s->o, j);
	if (curl_multi_add_handle(s->multi, x->easy) != CURLM_OK)
		pn_die(PN_EXIT_INTERNAL, "curl_multi_add_handle failed");
	s->active++;
	j->host->active++;
}

static void start_probe(sched *s, pnf_host *h)
{
	pnf_job *j = pn_xcalloc(1, sizeof *j);
	j->url = pn_xasprintf("%s/robots.txt", h->origin);
	j->kind = PNF_ROBOTS;
	j->robots_probe = true;
	j->host = h;
	h->robots_state = PNF_ROBOTS_FETCHING;
	start(s, j);
}

/* Starts what host h may start now; returns when it must wait. */
static void start_host(sched *s, pnf_host *h, double t)
{
	if (h->backoff_until > t) {
		double left = h->backoff_until - t;
		if (left > (double)s->o->max_wait_s)
			for (pnf_job *j; (j = pnf_host_pop(h));)
				defer(s, j, left, "host asked to back off (Retry-After)");
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
			defer(s, j, 0, "robots.txt unreachable");
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

static void promote_delayed(sched *s, double t)
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
static bool start_ready(sched *s, double *wake)
{
	double t = now();
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

static void load_due(void *ctx, const pnf_urlrec *u)
{
	enqueue(ctx, u);
}

void pnf_sched_run(pnf_run *run)
{
	sched s = {.run = run, .o = run->o};
	srand((unsigned)time(NULL) ^ (unsigned)getpid()); /* backoff jitter */
	s.multi = curl_multi_init();
	s.hosts = pnf_hosts_new(run->o);
	if (!s.multi)
		pn_die(PN_EXIT_INTERNAL, "curl_multi_init failed");
	curl_multi_setopt(s.multi, CURLMOPT_MAXCONNECTS, run->o->parallel * 2);
	pnf_state_each_due(run->st, run->o->force_feeds, load_due, &s);
	run->enqueue = enqueue;
	run->enqueue_ctx = &s;
	double last_commit = now(), wake;
	while (start_ready(&s, &wake)) {
		int running;
		curl_multi_perform(s.multi, &running);
		CURLMsg *m;
		int left, finished = 0;
		while ((m = curl_multi_info_read(s.multi, &left)))
			if (m->msg == CURLMSG_DONE) {
				finish(&s, m->easy_handle, m->data.result);
				finished++;
			}
		double t = now();
		if (t - last_commit >= 1.0) {
			pnf_warc_flush(run->w);
			pnf_state_commit(run->st);
			last_commit = t;
		}
		pn_progress("%lu fetched, %lu failed, %d active", run->stats.fetched,
		            run->stats.failed, s.active);
		/* freed slots are refilled before waiting */
		int ms = finished ? 0 : (int)((wake - t) * 1000);
		if (ms > 0 || (s.active && !finished))
			curl_multi_poll(s.multi, NULL, 0, ms < 0 ? 0 : ms > 1000 ? 1000 : ms, NULL);
	}
	run->enqueue = NULL;
	pnf_hosts_free(s.hosts);
	curl_multi_cleanup(s.multi);
}
