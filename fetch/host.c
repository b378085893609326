/* host.c - per-origin job queues and politeness settings. Robots.txt and
 * politeness are per origin (scheme://host:port) as RFC 9309 says. */
#include "fetch.h"

#include <string.h>
#include <strings.h>

#define NBUCKETS 4096
#define MAX_CRAWL_DELAY_MS 60000

struct pnf_hosts {
	const pnf_opts *o;
	pnf_host *bucket[NBUCKETS];
	pnf_host **all;
	size_t n, cap;
};

pnf_hosts *pnf_hosts_new(const pnf_opts *o)
{
	pnf_hosts *hs = pn_xcalloc(1, sizeof *hs);
	hs->o = o;
	return hs;
}

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % NBUCKETS;
}

/* True when origin's "host" or "host:port" is in the comma list. */
static bool listed(const char *list, const char *origin)
{
	if (!list)
		return false;
	const char *hp = strstr(origin, "://") + 3;
	size_t hostlen = strcspn(hp, ":"), hplen = strlen(hp);
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		if ((n == hostlen || n == hplen) && strncasecmp(p, hp, n) == 0)
			return true;
		p += n + (p[n] == ',');
	}
	return false;
}

pnf_host *pnf_hosts_get(pnf_hosts *hs, const char *origin)
{
	unsigned b = hash(origin);
	for (pnf_host *h = hs->bucket[b]; h; h = h->hnext)
		if (strcmp(h->origin, origin) == 0)
			return h;
	pnf_host *h = pn_xcalloc(1, sizeof *h);
	h->origin = pn_xstrdup(origin);
	h->impolite = listed(hs->o->impolite, origin);
	h->delay_ms = h->impolite ? 0 : hs->o->delay_ms;
	h->max_conns = h->impolite ? (int)hs->o->parallel : (int)hs->o->max_conns_per_host;
	h->hnext = hs->bucket[b];
	hs->bucket[b] = h;
	if (hs->n == hs->cap) {
		hs->cap = hs->cap ? hs->cap * 2 : 64;
		hs->all = pn_xrealloc(hs->all, hs->cap * sizeof *hs->all);
	}
	hs->all[hs->n++] = h;
	return h;
}

size_t pnf_hosts_count(const pnf_hosts *hs)
{
	return hs->n;
}

pnf_host *pnf_hosts_at(const pnf_hosts *hs, size_t i)
{
	return hs->all[i];
}

void pnf_host_set_robots(pnf_host *h, pnf_robots *r)
{
	pnf_robots_free(h->robots);
	h->robots = r;
	h->robots_state = PNF_ROBOTS_READY;
	long cd = pnf_robots_crawl_delay_ms(r);
	if (cd > MAX_CRAWL_DELAY_MS)
		cd = MAX_CRAWL_DELAY_MS;
	/* --impolite-hosts is the operator's explicit word for their own hosts */
	if (!h->impolite && cd > h->delay_ms)
		h->delay_ms = cd;
}

void pnf_host_push(pnf_host *h, pnf_job *j, bool front)
{
	j->host = h;
	if (front) {
		j->next = h->head;
		h->head = j;
		if (!h->tail)
			h->tail = j;
	} else {
		j->next = NULL;
		if (h->tail)
			h->tail->next = j;
		else
			h->head = j;
		h->tail = j;
	}
	h->queued++;
}

pnf_job *pnf_host_pop(pnf_host *h)
{
	pnf_job *j = h->head;
	if (!j)
		return NULL;
	h->head = j->next;
	if (!h->head)
		h->tail = NULL;
	j->next = NULL;
	h->queued--;
	return j;
}

void pnf_job_free(pnf_job *j)
{
	if (!j)
		return;
	free(j->url);
	free(j->etag);
	free(j->last_modified);
	free(j->chain);
	free(j);
}

void pnf_hosts_free(pnf_hosts *hs)
{
	if (!hs)
		return;
	for (size_t i = 0; i < hs->n; i++) {
		pnf_host *h = hs->all[i];
		for (pnf_job *j; (j = pnf_host_pop(h));)
			pnf_job_free(j);
		pnf_robots_free(h->robots);
		free(h->origin);
		free(h);
	}
	free(hs->all);
	free(hs);
}
