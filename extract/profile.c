/* profile.c - PN_PROFILE=1 counters and their report (profile.h). */
#include "profile.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rules.h"

static uint64_t part_ns[PNX_NPARTS];
static uint64_t text_bytes;

bool pnx_prof_on(void)
{
	static int on = -1;
	if (on < 0) {
		const char *e = getenv("PN_PROFILE");
		on = e && strcmp(e, "1") == 0;
	}
	return on;
}

static uint64_t clock_ns(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t pnx_prof_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

uint64_t pnx_prof_cpu(void)
{
	return pnx_prof_on() ? clock_ns(CLOCK_PROCESS_CPUTIME_ID) : 0;
}

void pnx_prof_part(pnx_part part, uint64_t since)
{
	if (pnx_prof_on())
		part_ns[part] += clock_ns(CLOCK_PROCESS_CPUTIME_ID) - since;
}

void pnx_prof_move(pnx_part from, pnx_part to, uint64_t since)
{
	if (pnx_prof_on()) {
		uint64_t ns = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - since;
		part_ns[to] += ns;
		part_ns[from] -= ns; /* unsigned: right again once from's own time is added */
	}
}

void pnx_prof_bytes(uint64_t n)
{
	text_bytes += n;
}

typedef struct row {
	const char *id, *what;
	unsigned line;
	const pnx_prof *p;
	uint64_t ns;       /* p->ns, or p->anchor_ns for an "anchor" row */
} row;

static int by_ns(const void *a, const void *b)
{
	uint64_t x = ((const row *)a)->ns, y = ((const row *)b)->ns;
	return x < y ? 1 : x > y ? -1 : 0;
}

static void add_row(row **rows, size_t *n, const char *id, const char *what, unsigned line, const pnx_prof *p)
{
	bool anchor = strcmp(what, "anchor") == 0;
	if (!p || !(anchor ? p->anchor_ns : p->calls))
		return;
	*rows = pn_xrealloc(*rows, (*n + 1) * sizeof **rows);
	(*rows)[(*n)++] = (row){id, what, line, p, anchor ? p->anchor_ns : p->ns};
}

void pnx_prof_report(const pnx_rules *rs, FILE *f)
{
	static const char *const names[PNX_NPARTS] = {
		"JSON in", "folding, sentences, words", "temporal tagger", "entities", "events", "JSON out",
	};
	double mb = (double)text_bytes / 1e6, total = 0;
	fprintf(f, "PN_PROFILE: %.2f MB of article text; CPU time per step:\n", mb);
	for (int i = 0; i < PNX_NPARTS; i++) {
		double s = (double)part_ns[i] / 1e9;
		total += s;
		fprintf(f, "  %-28s %7.3f s %8.1f MB/s\n", names[i], s, s > 0 ? mb / s : 0.0);
	}
	fprintf(f, "  %-28s %7.3f s %8.1f MB/s\n", "total", total, total > 0 ? mb / total : 0.0);
	row *rows = NULL;
	size_t n = 0;
	uint64_t anchor_ns = 0, jit_ns = 0, njit = 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		const pnx_rule *r = &rs->rules[i];
		for (size_t k = 0; k < r->npats; k++) {
			add_row(&rows, &n, r->id, "pattern", r->pats[k].line, r->pats[k].prof);
			add_row(&rows, &n, r->id, "anchor", r->pats[k].line, r->pats[k].prof);
		}
		for (size_t k = 0; k < r->nprefilter; k++)
			add_row(&rows, &n, r->id, "prefilter", r->prefilter[k].line, r->prefilter[k].prof);
		for (size_t k = 0; k < r->nneeds; k++) {
			add_row(&rows, &n, r->id, "needs", r->needs[k].line, r->needs[k].prof);
			if (r->needs[k].prof)
				jit_ns += r->needs[k].prof->jit_ns, njit += r->needs[k].prof->jit_ns > 0;
		}
		add_row(&rows, &n, r->id, "lookup", r->line, r->lookup_prof);
		for (size_t k = 0; k < r->npats + r->nprefilter; k++) {
			const pnx_pattern *p = k < r->npats ? &r->pats[k] : &r->prefilter[k - r->npats];
			if (p->prof) {
				anchor_ns += p->prof->anchor_ns;
				jit_ns += p->prof->jit_ns;
				njit += p->prof->jit_ns > 0;
			}
		}
	}
	qsort(rows, n, sizeof *rows, by_ns);
	fprintf(f, "JIT compiling (on first use): %.1f ms for %llu patterns; finding anchor candidates: %.1f ms\n",
	        (double)jit_ns / 1e6, (unsigned long long)njit, (double)anchor_ns / 1e6);
	fprintf(f, "per pattern (wall time inside the matcher, calls, matches; anchor: finding where to try the\n"
	           "rule's patterns, on its first pattern's line), costliest first:\n");
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].what, "anchor") == 0)
			fprintf(f, "  %8.1f ms %30s  %s anchor (line %u)\n", (double)rows[i].ns / 1e6, "", rows[i].id,
			        rows[i].line);
		else
			fprintf(f, "  %8.1f ms %10llu calls %8llu hits  %s %s (line %u)\n", (double)rows[i].ns / 1e6,
			        (unsigned long long)rows[i].p->calls, (unsigned long long)rows[i].p->hits, rows[i].id,
			        rows[i].what, rows[i].line);
	free(rows);
}
