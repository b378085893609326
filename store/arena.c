/* arena.c - the memory of one input line, dropped at once.
 *
 * Parsing a line allocates many small strings and a few arrays that all
 * die together when the line has been written; a bump allocator that is
 * reset per line costs next to nothing, and the chunk kept from the last
 * line means a steady load does no malloc at all here.
 */
#include "pns.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN alignof(max_align_t)

struct chunk {
	struct chunk *prev;
	size_t cap, used;
	alignas(max_align_t) unsigned char data[];
};

struct pns_arena {
	struct chunk *cur; /* newest (largest) chunk; prev: older ones */
};

pns_arena *pns_arena_new(void) { return pn_xcalloc(1, sizeof(pns_arena)); }

void *pns_arena_alloc(pns_arena *a, size_t n)
{
	n = (n + ALIGN - 1) & ~(ALIGN - 1);
	struct chunk *c = a->cur;
	if (!c || c->cap - c->used < n) {
		size_t cap = c ? 2 * c->cap : (size_t)64 << 10;
		while (cap < n)
			cap *= 2;
		struct chunk *nc = pn_xmalloc(sizeof *nc + cap);
		*nc = (struct chunk){c, cap, 0};
		a->cur = c = nc;
	}
	void *p = c->data + c->used;
	c->used += n;
	return p;
}

char *pns_arena_strndup(pns_arena *a, const char *s, size_t n)
{
	char *p = pns_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void pns_arena_reset(pns_arena *a)
{
	struct chunk *c = a->cur;
	if (!c)
		return;
	while (c->prev) {
		struct chunk *old = c->prev;
		c->prev = old->prev;
		free(old);
	}
	c->used = 0;
}

void pns_arena_free(pns_arena *a)
{
	if (!a)
		return;
	pns_arena_reset(a);
	free(a->cur);
	free(a);
}
