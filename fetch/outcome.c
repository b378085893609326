/* outcome.c - what a finished transfer means: archived, unchanged (304),
 * redirected, retried after a backoff, deferred to a later run, or
 * failed; and robots.txt probes turned into a host's rules. Every
 * failure is per URL: recorded in the state database, counted, warned
 * about, never fatal. */
#include "sched_int.h"

#include <string.h>

#define MAX_BACKOFF_S 300.0
#define MAX_RETRY_AFTER_S 86400L

static void fail(pnf_sched *s, pnf_job *j, int status, const char *why)
{
	pn_warn("%s: %s", j->url, why);
	pnf_state_failed(s->run->st, j->url, status, why);
	s->run->stats.failed++;
	pnf_job_free(j);
}

/* Leaves j queued in the database for a run secs from now. */
void pnf_sched_defer(pnf_sched *s, pnf_job *j, double secs, const char *why)
{
	pn_warn("%s: %s; deferred to a later run", j->url, why);
	pnf_state_retry_later(s->run->st, j->url, j->attempts, (long long)time(NULL) + (long long)secs, why);
	s->run->stats.deferred++;
	pnf_job_free(j);
}

/* Exponential backoff before try number tries+1: 1, 2, 4 ... s, +-25%. */
static double backoff(int tries)
{
	double wait = (double)(1L << (tries - 1 < 16 ? tries - 1 : 16));
	wait *= 0.75 + 0.5 * ((double)(rand() % 1000) / 1000.0);
	return wait > MAX_BACKOFF_S ? MAX_BACKOFF_S : wait;
}

/* Retries j after wait seconds (< 0: exponential backoff), defers it
 * when that is longer than --max-wait, fails it after --retries. */
static void retry(pnf_sched *s, pnf_job *j, int status, const char *why, double wait)
{
	j->attempts++;
	if (j->attempts > s->o->retries) {
		char *msg = pn_xasprintf("%s (gave up after %d tries)", why, j->attempts);
		fail(s, j, status, msg);
		free(msg);
		return;
	}
	if (wait < 0)
		wait = backoff(j->attempts);
	if (wait > (double)s->o->max_wait_s) {
		pnf_sched_defer(s, j, wait, why);
		return;
	}
	s->run->stats.retries++;
	j->not_before = pnf_now() + wait;
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
 * read what else is needed from them first. With status > 0 the writer
 * also marks the URL done once the records are written. */
static void archive(pnf_sched *s, pnf_xfer *x, int status)
{
	char *ip = NULL;
	curl_easy_getinfo(x->easy, CURLINFO_PRIMARY_IP, &ip);
	pnf_warc_exchange(s->run->w, x->job->url, ip, &x->req, &x->hdr, &x->body,
	                  status > 0 ? s->run->st : NULL, status);
}

static void mark_done(pnf_sched *s, pnf_xfer *x, int status)
{
	char *etag = pnf_xfer_header(x, "ETag");
	char *lm = pnf_xfer_header(x, "Last-Modified");
	pnf_state_done(s->run->st, x->job->url, status, etag, lm);
	free(etag);
	free(lm);
}

/* Decoded body, or NULL after failing the job. Caller frees. */
static char *decoded(pnf_sched *s, pnf_xfer *x, int status, size_t *len)
{
	char *enc = pnf_xfer_header(x, "Content-Encoding");
	pn_buf out = PN_BUF_INIT;
	const char *err;
	int rc = pn_http_decode(enc, x->body.data, x->body.len, (size_t)s->o->max_size, &out, &err);
	free(enc);
	if (rc != 0) { /* a compressed body cut short is a failure too */
		pn_buf_free(&out);
		fail(s, x->job, status, err);
		x->job = NULL;
		return NULL;
	}
	*len = out.len;
	return pn_buf_steal(&out);
}

/* Feeds, sitemaps, robots.txt and index seeds: queue what they link to. */
static void got_links(pnf_sched *s, pnf_xfer *x, int status)
{
	size_t len;
	char *body = decoded(s, x, status, &len);
	if (!body)
		return;
	pnf_job *j = x->job;
	const char *err;
	if (pnf_queue_links_of(s->run, j->kind, j->url, body, len, &err) < 0) {
		free(body);
		fail(s, j, status, err);
		x->job = NULL;
		return;
	}
	free(body);
	s->run->stats.feeds++;
	mark_done(s, x, status);
	if (s->o->archive_all)
		archive(s, x, 0);
}

static void got_page(pnf_sched *s, pnf_xfer *x, int status)
{
	char *enc = pnf_xfer_header(x, "Content-Encoding");
	const char *err;
	int rc = pn_http_decode(enc, x->body.data, x->body.len, (size_t)s->o->max_size, NULL, &err);
	free(enc);
	if (rc != 0) {
		fail(s, x->job, status, err);
		x->job = NULL;
		return;
	}
	s->run->stats.fetched++;
	archive(s, x, status);
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

static void got_redirect(pnf_sched *s, pnf_xfer *x, int status)
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
		archive(s, x, 0);
	/* a target already known is fetched (or was) on its own account */
	if (pnf_state_add_link(s->run->st, target, j->kind, j->redirects + 1, NULL)) {
		pnf_job *n = pn_xcalloc(1, sizeof *n);
		n->url = target;
		n->kind = j->kind;
		n->redirects = j->redirects + 1;
		n->chain = j->chain ? pn_xasprintf("%s\n%s", j->chain, j->url) : pn_xstrdup(j->url);
		pnf_sched_add_job(s, n);
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
static void pause_host(pnf_sched *s, pnf_host *h, double wait)
{
	double until = pnf_now() + wait;
	if (until > h->backoff_until)
		h->backoff_until = until;
	pnf_state_backoff_put(s->run->st, h->origin, (long long)time(NULL) + (long long)wait);
}

static void finish_job(pnf_sched *s, pnf_xfer *x, CURLcode rc)
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
		/* the whole host is told to slow down, Retry-After or not */
		double wait = retry_after(x);
		if (wait < 0)
			wait = backoff(j->attempts + 1);
		char *why = pn_xasprintf("HTTP %ld", status);
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
static void finish_probe(pnf_sched *s, pnf_xfer *x, CURLcode rc)
{
	pnf_host *h = x->job->host;
	long status = 0;
	if (rc == CURLE_OK)
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (status >= 200 && status < 300) {
		char *enc = pnf_xfer_header(x, "Content-Encoding");
		pn_buf out = PN_BUF_INIT;
		const char *err;
		if (pn_http_decode(enc, x->body.data, x->body.len, (size_t)s->o->max_size, &out, &err) != 0)
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
		archive(s, x, 0);
	pnf_job_free(x->job);
}

void pnf_outcome(pnf_sched *s, pnf_xfer *x, CURLcode rc)
{
	if (x->job->robots_probe)
		finish_probe(s, x, rc);
	else
		finish_job(s, x, rc);
}
