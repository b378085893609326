/* profile.h - PN_PROFILE=1: where pn-extract spends its time.
 *
 * With PN_PROFILE=1 in the environment, every pattern match call is timed
 * and counted per rule (pattern and prefilter separately), gazetteer
 * lookups of `lookup` rules per rule, and the steps of a run (JSON in,
 * folding, tagger, entities, events, JSON out) as process CPU time; the
 * table goes to stderr on exit (pnx_prof_report). Without it the counters
 * cost one predictable branch per match call.
 *
 * Ownership: counters are process-global (pn-extract is single-threaded).
 */
#ifndef PNX_PROFILE_H
#define PNX_PROFILE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Counters of one pattern or gazetteer lookup: wall nanoseconds inside
 * the matcher, calls, calls that matched. */
typedef struct pnx_prof {
	uint64_t ns, calls, hits;
	uint64_t anchor_ns;  /* a pattern with `anchor`: time finding where to try it */
	uint64_t jit_ns;     /* JIT compiling it (on first use) */
} pnx_prof;

/* Steps of a run, timed with process CPU time. */
typedef enum pnx_part {
	PNX_PART_READ,     /* reading and parsing the input JSON */
	PNX_PART_PREP,     /* folding, sentences, word index, trigger words */
	PNX_PART_TIMEX,
	PNX_PART_ENT,
	PNX_PART_EV,
	PNX_PART_WRITE,    /* building and writing the output JSON */
	PNX_NPARTS
} pnx_part;

/* True when PN_PROFILE=1 (read once). */
bool pnx_prof_on(void);
/* Monotonic nanoseconds (cheap, vDSO), for the per-call counters. */
uint64_t pnx_prof_ns(void);
/* Process CPU nanoseconds; 0 when profiling is off. */
uint64_t pnx_prof_cpu(void);
/* Adds the CPU time since since (a pnx_prof_cpu value) to part. */
void pnx_prof_part(pnx_part part, uint64_t since);
/* Moves the CPU time since since from part from to part to (the tagger
 * run lazily inside the event pass). */
void pnx_prof_move(pnx_part from, pnx_part to, uint64_t since);
/* Adds the bytes of article text processed, for MB/s. */
void pnx_prof_bytes(uint64_t n);

struct pnx_rules;
/* Prints the per-step and per-rule tables to f (rules sorted by time). */
void pnx_prof_report(const struct pnx_rules *rs, FILE *f);

#endif
