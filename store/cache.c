/* cache.c - a string-keyed hash map of entity ids, so that loading an
 * article does not look up the same company or regulator in SQLite again
 * and again. Entity rows are never deleted, so a cached id stays valid for
 * the life of the process (other loaders can only add rows). */
#include "pns.h"

#include <stdlib.h>
#include <string.h>

struct pns_cache {
	struct slot { char *key; size_t len; int64_t id; char *attrs; size_t attrs_len; } *slots;
	size_t cap, used;
};

static uint64_t hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211u;
	return h;
}

pns_cache *pns_cache_new(void)
{
	pns_cache *c = pn_xcalloc(1, sizeof *c);
	c->cap = 1024;
	c->slots = pn_xcalloc(c->cap, sizeof *c->slots);
	return c;
}

static struct slot *find(pns_cache *c, const char *key, size_t len)
{
	size_t i = hash(key, len) & (c->cap - 1);
	while (c->slots[i].key &&
	       (c->slots[i].len != len || memcmp(c->slots[i].key, key, len) != 0))
		i = (i + 1) & (c->cap - 1);
	return &c->slots[i];
}

static void grow(pns_cache *c)
{
	struct slot *old = c->slots;
	size_t oldcap = c->cap;
	c->cap *= 2;
	c->slots = pn_xcalloc(c->cap, sizeof *c->slots);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(c, old[i].key, old[i].len) = old[i];
	free(old);
}

int64_t pns_cache_get(pns_cache *c, const char *key, size_t len, const char **attrs,
                      size_t *attrs_len)
{
	struct slot *s = find(c, key, len);
	if (attrs) {
		*attrs = s->attrs;
		*attrs_len = s->attrs_len;
	}
	return s->key ? s->id : 0;
}

void pns_cache_put(pns_cache *c, const char *key, size_t len, int64_t id, const char *attrs,
                   size_t attrs_len)
{
	if ((c->used + 1) * 2 > c->cap)
		grow(c);
	struct slot *s = find(c, key, len);
	if (!s->key) {
		s->key = pn_xstrndup(key, len);
		s->len = len;
		c->used++;
	}
	s->id = id;
	free(s->attrs);
	s->attrs = attrs ? pn_xstrndup(attrs, attrs_len) : NULL;
	s->attrs_len = attrs_len;
}

void pns_cache_free(pns_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->cap; i++) {
		free(c->slots[i].key);
		free(c->slots[i].attrs);
	}
	free(c->slots);
	free(c);
}
