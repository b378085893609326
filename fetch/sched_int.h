/* sched_int.h - (not sched.h: that would shadow the system header) shared by sched.c (the multi loop) and outcome.c (what a
 * finished transfer means). Private to those two files. */
#ifndef PNF_SCHED_H
#define PNF_SCHED_H

#include "fetch.h"

#include <curl/curl.h>

typedef struct pnf_sched {
	pnf_run *run;
	const pnf_opts *o;
	CURLM *multi;
	pnf_hosts *hosts;
	pnf_job *delayed;  /* retries waiting for their not_before */
	int active;
	pnf_xfer *inflight;  /* transfers added to multi */
	size_t rr;         /* round-robin start among hosts, for fairness */
	pnf_xfer **idle;   /* transfers kept for reuse, at most --parallel */
	size_t nidle;
	char *last_prefix;   /* "scheme://authority" of the last job added */
	size_t last_prefix_len;
	pnf_host *last_host; /* its host */
} pnf_sched;

/* Monotonic clock in seconds. */
double pnf_now(void);
/* Queues j (owned by the scheduler from now on) on its origin's host. */
void pnf_sched_add_job(pnf_sched *s, pnf_job *j);
/* Leaves j queued in the database for a run secs from now; frees j. */
void pnf_sched_defer(pnf_sched *s, pnf_job *j, double secs, const char *why);
/* Acts on a finished transfer; the job is freed or requeued, x is left
 * for the caller to free. */
void pnf_outcome(pnf_sched *s, pnf_xfer *x, CURLcode rc);

#endif
