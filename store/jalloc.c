/* jalloc.c - jansson's allocations for one input line from an arena.
 *
 * jansson allocates every value, every object's hash table, every key and
 * every string separately; for pn-store's one-pass read of an article,
 * malloc and free were a fifth of the load time. While a line is parsed
 * and written (pns_jalloc_begin .. pns_jalloc_end) jansson allocates from
 * a bump arena instead and frees nothing; pns_jalloc_end then drops the
 * whole line at once. Outside that window, and for pointers that are not
 * in the arena, it is plain malloc/free, so jansson values made elsewhere
 * (query output) are unaffected.
 *
 * Under AddressSanitizer the arena is off (every allocation is a real
 * malloc) so that jansson use stays checked.
 */
#include "pns.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
#define PNS_ARENA 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PNS_ARENA 0
#endif
#endif
#ifndef PNS_ARENA
#define PNS_ARENA 1
#endif

#define ALIGN alignof(max_align_t)

struct chunk {
	struct chunk *prev;
	size_t cap, used;
	alignas(max_align_t) unsigned char data[];
};

static struct {
	struct chunk *cur;   /* newest (largest) chunk; prev: older ones */
	bool on, installed;
} A;

static void *jmalloc(size_t n)
{
	if (!A.on)
		return malloc(n);
	n = (n + ALIGN - 1) & ~(ALIGN - 1);
	struct chunk *c = A.cur;
	if (!c || c->cap - c->used < n) {
		size_t cap = c ? 2 * c->cap : (size_t)256 << 10;
		while (cap < n)
			cap *= 2;
		struct chunk *nc = malloc(sizeof *nc + cap);
		if (!nc)
			return NULL; /* jansson reports out of memory */
		*nc = (struct chunk){c, cap, 0};
		A.cur = c = nc;
	}
	void *p = c->data + c->used;
	c->used += n;
	return p;
}

static bool in_arena(const void *p)
{
	uintptr_t u = (uintptr_t)p;
	for (const struct chunk *c = A.cur; c; c = c->prev)
		if (u >= (uintptr_t)c->data && u < (uintptr_t)c->data + c->cap)
			return true;
	return false;
}

static void jfree(void *p)
{
	if (p && !in_arena(p))
		free(p);
}

bool pns_jalloc_begin(void)
{
	if (!PNS_ARENA)
		return false;
	if (!A.installed) {
		json_set_alloc_funcs(jmalloc, jfree);
		A.installed = true;
	}
	A.on = true;
	return true;
}

void pns_jalloc_end(void)
{
	if (!A.on)
		return;
	A.on = false;
	if (!A.cur)
		return;
	/* Keep the newest chunk, now big enough for such lines. */
	struct chunk *c = A.cur;
	while (c->prev) {
		struct chunk *old = c->prev;
		c->prev = old->prev;
		free(old);
	}
	c->used = 0;
}
