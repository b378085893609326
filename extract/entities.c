/* entities.c - entity mentions from the `kind entity` rules, merged into
 * one entity per canonical name, then every name and alias searched again
 * (a brand introduced once is found everywhere), then "the therapy" and
 * friends resolved to the article's main drug.
 *
 * Rule semantics (rules/README.md "Entity rules"): capture `name` is the
 * mention (default: the whole match); `alias`, `brand`, `code` are other
 * surface forms of the same entity; `stem`, `role`, `org`, `phase` become
 * attrs. `set name=` fixes the canonical name, `set gazetteer=G` resolves
 * the mention through rules/gazetteers/G.tsv (no row, no entity) and `set
 * attrs=c1,c2` copies those columns, `set case=lower` lower-cases the name,
 * `set coref=main` makes the mention one of the main drug. Other `set`
 * keys are copied into attrs; `lookup G` rules resolve through G directly. */
#include "entities_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const entity_types[] = {
	"drug", "company", "regulator", "indication", "target", "modality", "trial", "person", "lab_code", NULL,
};

const char *const pnx_entity_captures[] = {"name", "alias", "brand", "code", "stem", "role", "org", "phase", NULL};

/* The type string kept in entities is this static one, so it can be
 * compared by pointer and outlives every article. */
static const char *static_type(const char *type)
{
	/* the first byte before strcmp: called for every mention and lookup */
	for (size_t i = 0; entity_types[i]; i++)
		if (entity_types[i][0] == type[0] && strcmp(entity_types[i], type) == 0)
			return entity_types[i];
	return NULL;
}

bool pnx_entity_type_ok(const char *type)
{
	return static_type(type) != NULL;
}

/* strlen(a) == n and a equals b[0..n) ignoring ASCII case, without the
 * strlen: most names differ in their first bytes. */
static bool same_ci(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!a[i] || tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return false;
	return a[n] == '\0';
}

int pnx_entity_find(const pnx_doc *d, const char *type, const char *s, size_t n)
{
	const char *st = static_type(type); /* entities hold these pointers */
	if (!st)
		return -1;
	for (size_t i = 0; i < d->nents; i++) {
		const pnx_entity *e = &d->ents[i];
		if (e->type != st)
			continue;
		if (same_ci(e->name, s, n))
			return (int)i;
		for (size_t j = 0; j < e->naliases; j++)
			if (same_ci(e->aliases[j], s, n))
				return (int)i;
	}
	return -1;
}

/* Copy of s[0..n) with white-space runs folded to one space. */
static char *clean(const char *s, size_t n, bool lower)
{
	char *out = pn_xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isspace(c)) {
			if (o && out[o - 1] != ' ')
				out[o++] = ' ';
			continue;
		}
		out[o++] = lower ? (char)tolower(c) : (char)c;
	}
	while (o && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return out;
}

/* s[0..n) is what clean() would make of it: no white space but single
 * spaces, none at either end. */
static bool already_clean(const char *s, size_t n)
{
	if (!n || s[0] == ' ' || s[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0 || (c >= '\t' && c <= '\r') || (c == ' ' && s[i + 1] == ' '))
			return false; /* (a NUL would end clean()'s copy) */
	}
	return true;
}

static void add_alias(pnx_entity *e, const char *s, size_t n)
{
	if (already_clean(s, n)) { /* most mentions: a known surface, no copy made */
		bool dup = same_ci(e->name, s, n);
		for (size_t j = 0; j < e->naliases && !dup; j++)
			dup = strlen(e->aliases[j]) == n && memcmp(e->aliases[j], s, n) == 0;
		if (dup)
			return;
	}
	char *a = clean(s, n, false);
	bool dup = !*a || same_ci(e->name, a, strlen(a));
	for (size_t j = 0; j < e->naliases && !dup; j++)
		dup = strcmp(e->aliases[j], a) == 0;
	if (dup) {
		free(a);
		return;
	}
	e->aliases = pn_xrealloc(e->aliases, (e->naliases + 1) * sizeof *e->aliases);
	e->aliases[e->naliases++] = a;
}

static uint16_t type_bit(const char *type)
{
	for (size_t i = 0; entity_types[i]; i++)
		if (entity_types[i] == type)
			return (uint16_t)(1u << i);
	return 0;
}

static bool overlaps_type(const pnx_doc *d, const char *type, size_t s, size_t e)
{
	uint16_t bit = type_bit(type);
	for (size_t i = s; i < e; i++)
		if (d->claimed[i] & bit)
			return true;
	return false;
}

static void add_mention(pnx_doc *d, pnx_entity *e, size_t s, size_t end)
{
	e->mentions = pn_xrealloc(e->mentions, (e->nmentions + 1) * sizeof *e->mentions);
	e->mentions[e->nmentions++] = (pnx_span){s, end};
	uint16_t bit = type_bit(e->type);
	for (size_t i = s; i < end; i++)
		d->claimed[i] |= bit;
	if (d->nclaims == d->cclaims) {
		d->cclaims = d->cclaims ? 2 * d->cclaims : 64;
		d->claims = pn_xrealloc(d->claims, d->cclaims * sizeof *d->claims);
	}
	d->claims[d->nclaims++] = (pnx_span){s, end};
}

/* d->claimed all zero for this article's text: only the spans the last
 * article claimed are cleared (a memset of two bytes per byte of text was
 * 0.6% of the instructions of a run; mentions cover a few percent). */
static void claimed_clear(pnx_doc *d)
{
	if (d->cclaimed < d->norm.len + 1) {
		free(d->claimed);
		d->cclaimed = d->norm.len + 1;
		d->claimed = pn_xcalloc(d->cclaimed, sizeof *d->claimed);
	} else {
		for (size_t i = 0; i < d->nclaims; i++)
			memset(d->claimed + d->claims[i].start, 0,
			       (d->claims[i].end - d->claims[i].start) * sizeof *d->claimed);
	}
	d->nclaims = 0;
}

static int new_entity(pnx_doc *d, const char *type, char *name, const char *rule)
{
	if (d->nents == d->cents) {
		d->cents = d->cents ? d->cents * 2 : 32;
		d->ents = pn_xrealloc(d->ents, d->cents * sizeof *d->ents);
	}
	pnx_entity *e = &d->ents[d->nents];
	memset(e, 0, sizeof *e);
	e->type = type;
	e->name = name;
	e->attrs = json_object();
	e->rule = rule;
	return (int)d->nents++;
}

static void set_attr(pnx_entity *e, const char *key, const char *s, size_t n)
{
	if (json_object_get(e->attrs, key))
		return; /* the first value stays: no copy to make */
	char *v = clean(s, n, false);
	if (*v)
		json_object_set_new(e->attrs, key, json_string(v));
	free(v);
}

/* `set unless=drug,trial`: a lab code already known as a drug's alias or
 * inside a trial name is that drug or trial, not a lab_code of its own. */
static bool held_by_other(const pnx_doc *d, const char *unless, const char *surface, size_t ns, size_t ne)
{
	if (!unless)
		return false;
	char *copy = pn_xstrdup(unless);
	bool held = false;
	for (char *sv = NULL, *ty = strtok_r(copy, ",", &sv); ty && !held; ty = strtok_r(NULL, ",", &sv)) {
		const char *type = static_type(ty);
		held = type && (pnx_entity_find(d, type, surface, ne - ns) >= 0 || overlaps_type(d, type, ns, ne));
	}
	free(copy);
	return held;
}

/* Canonical name of a mention; NULL when a gazetteer rule finds no row. */
static char *canonical(const pnx_extractor *x, const pnx_rule *r, const char *s, size_t n, long *row,
                       const pnx_gazetteer **gz)
{
	const char *fixed = pnx_rule_set(r, "name");
	if (fixed)
		return pn_xstrdup(fixed);
	const char *gname = pnx_rule_set(r, "gazetteer");
	if (gname) {
		*gz = pnx_rules_gaz(x->rs, gname);
		*row = *gz ? pnx_gaz_find(*gz, s, n) : -1;
		if (*row < 0)
			return NULL;
		int col = pnx_gaz_col(*gz, "name");
		return pn_xstrdup((*gz)->cells[(size_t)*row * (*gz)->ncols + (size_t)(col < 0 ? 0 : col)]);
	}
	const char *c = pnx_rule_set(r, "case");
	return clean(s, n, c && strcmp(c, "lower") == 0);
}

static void copy_gaz_attrs(pnx_entity *e, const pnx_rule *r, const pnx_gazetteer *g, long row)
{
	const char *cols = pnx_rule_set(r, "attrs");
	if (!cols || !g || row < 0)
		return;
	char *copy = pn_xstrdup(cols);
	for (char *sv = NULL, *c = strtok_r(copy, ",", &sv); c; c = strtok_r(NULL, ",", &sv)) {
		if (json_object_get(e->attrs, c))
			continue; /* set_attr keeps the first value */
		const char *v = pnx_gaz_get(g, (size_t)row, c);
		set_attr(e, c, v, strlen(v));
	}
	free(copy);
}

static bool is_control_key(const char *k)
{
	return pnx_streq(k, "name") || pnx_streq(k, "gazetteer") || pnx_streq(k, "attrs") || pnx_streq(k, "case") ||
	       pnx_streq(k, "coref") || pnx_streq(k, "unless");
}

/* One mention [ns, ne) found by r: pattern p with its captures in x->md,
 * or (p NULL) row of the rule's lookup gazetteer. */
static void on_mention(pnx_extractor *x, pnx_doc *d, const pnx_rule *r, const pnx_pattern *p, size_t ns,
                       size_t ne, long row)
{
	const char *t = d->norm.text;
	if (ns == ne)
		return;
	const char *type = static_type(r->type);
	if (overlaps_type(d, type, ns, ne))
		return;
	if (held_by_other(d, pnx_rule_set(r, "unless"), t + ns, ns, ne))
		return;
	const pnx_gazetteer *gz = r->lookup;
	char *name;
	if (gz) {
		int col = pnx_gaz_col(gz, "name");
		name = pn_xstrdup(gz->cells[(size_t)row * gz->ncols + (size_t)(col < 0 ? 0 : col)]);
	} else if (!(name = canonical(x, r, t + ns, ne - ns, &row, &gz))) {
		return;
	}
	int idx = pnx_entity_find(d, type, name, strlen(name));
	static const char *const alias_caps[] = {"alias", "brand", "code"};
	for (size_t i = 0; p && i < 3 && idx < 0; i++) {
		size_t as, ae;
		if (pnx_capture(p, x->md, alias_caps[i], &as, &ae) && as < ae)
			idx = pnx_entity_find(d, type, t + as, ae - as);
	}
	if (idx < 0)
		idx = new_entity(d, type, name, r->id);
	else
		free(name);
	pnx_entity *e = &d->ents[idx];
	add_mention(d, e, ns, ne);
	add_alias(e, t + ns, ne - ns);
	for (size_t i = 0; p && i < 3; i++) {
		size_t as, ae;
		if (pnx_capture(p, x->md, alias_caps[i], &as, &ae) && as < ae) {
			add_alias(e, t + as, ae - as);
			if (i > 0)
				set_attr(e, alias_caps[i], t + as, ae - as);
		}
	}
	static const char *const attr_caps[] = {"stem", "role", "org", "phase"};
	for (size_t i = 0; p && i < 4; i++) {
		size_t as, ae;
		if (pnx_capture(p, x->md, attr_caps[i], &as, &ae) && as < ae)
			set_attr(e, attr_caps[i], t + as, ae - as);
	}
	for (size_t i = 0; i < r->nsets; i++)
		if (!is_control_key(r->sets[i].key))
			set_attr(e, r->sets[i].key, r->sets[i].value, strlen(r->sets[i].value));
	copy_gaz_attrs(e, r, gz, row);
	pnx_explain(x, d, r, ns, ne);
}

static void on_match(pnx_extractor *x, pnx_doc *d, const pnx_rule *r, const pnx_pattern *p)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
	size_t ns = ov[0], ne = ov[1];
	pnx_capture(p, x->md, "name", &ns, &ne);
	on_mention(x, d, r, p, ns, ne, -1);
}

static void match_cb(void *ctx, const pnx_rule *r, const pnx_pattern *p, pcre2_match_data *md)
{
	(void)md;
	pnx_scan_ctx *c = ctx;
	on_match(c->x, c->d, r, p);
}

static void run_rule(pnx_extractor *x, pnx_doc *d, const pnx_rule *r)
{
	pnx_scan_ctx c = {x, d};
	size_t s, e, wi = 0;
	long row;
	for (;;) {
		uint64_t t0 = r->lookup_prof ? pnx_prof_ns() : 0;
		bool hit = r->lookup && pnx_gaz_next(r->lookup, d->norm.text, d->norm.len, d->words, d->nwords, &d->gl, &wi, &s, &e, &row);
		if (r->lookup_prof) {
			r->lookup_prof->ns += pnx_prof_ns() - t0;
			r->lookup_prof->calls++;
			r->lookup_prof->hits += hit;
		}
		if (!hit)
			break;
		on_mention(x, d, r, NULL, s, e, row);
	}
	pnx_run_rule(x, d, r, match_cb, &c);
}

static bool word_char(unsigned char c)
{
	return isalnum(c) || c == '-' || c >= 0x80;
}

/* The words of the article that may start a known name, by hash, so that
 * a name is looked for only where its first word is (instead of a memmem
 * over the whole text per name). Only the first words of the names
 * searched get a slot; one pass over the words then lists, per slot, the
 * words with its hash in text order. The table is the extractor's, reused
 * from article to article (a calloc of a slot per word of every article
 * was 1.4% of all instructions). */
typedef pnx_word_index word_index;

static bool slot_used(const word_index *ix, size_t j)
{
	return ix->slots[j].gen == ix->gen;
}

/* The slot of hash h: its own, or the empty one where it would go. */
static size_t slot_of(const word_index *ix, size_t h)
{
	size_t j = h & (ix->nslots - 1);
	while (slot_used(ix, j) && ix->slots[j].hash != h)
		j = (j + 1) & (ix->nslots - 1);
	return j;
}

/* Hash of the first word of s (pnx_gaz_words_mark' word bytes), false when s
 * does not start with a word byte. */
static bool first_word_hash(const char *s, size_t *h);

/* A slot for the first word of name s. Its capitalised form, which
 * find_surface also searches, has the same hash (pnx_word_hash_step
 * ignores ASCII case). */
static void index_name(word_index *ix, const char *s)
{
	size_t h;
	if (strlen(s) < 3 || !first_word_hash(s, &h))
		return; /* find_surface skips it, or memmem finds it */
	size_t j = slot_of(ix, h);
	if (!slot_used(ix, j))
		ix->slots[j] = (struct pnx_word_slot){h, 0, 0, ix->gen};
}

static bool wanted(const pnx_entity *e)
{
	return e->type == static_type("drug") || e->type == static_type("company") || e->type == static_type("target");
}

static void word_index_build(word_index *ix, const pnx_doc *d, size_t nents)
{
	size_t nnames = 0;
	for (size_t i = 0; i < nents; i++)
		if (wanted(&d->ents[i]))
			nnames += 1 + d->ents[i].naliases;
	size_t nslots = 16;
	while (nslots < 2 * nnames)
		nslots *= 2;
	if (nslots > ix->cslots) {
		free(ix->slots);
		ix->slots = pn_xcalloc(nslots, sizeof *ix->slots);
		ix->cslots = nslots;
	}
	ix->nslots = nslots;
	if (d->nwords > ix->cnext) {
		ix->cnext = d->nwords;
		ix->next = pn_xrealloc(ix->next, ix->cnext * sizeof *ix->next);
	}
	if (++ix->gen == 0) { /* wrapped: every old slot could look current */
		memset(ix->slots, 0, ix->cslots * sizeof *ix->slots);
		ix->gen = 1;
	}
	for (size_t i = 0; i < nents; i++) {
		if (!wanted(&d->ents[i]))
			continue;
		index_name(ix, d->ents[i].name);
		for (size_t k = 0; k < d->ents[i].naliases; k++)
			index_name(ix, d->ents[i].aliases[k]);
	}
	for (size_t w = 0; w < d->nwords; w++) {
		size_t j = slot_of(ix, d->words[w].hash);
		if (!slot_used(ix, j))
			continue;
		struct pnx_word_slot *sl = &ix->slots[j];
		ix->next[w] = 0;
		if (sl->last)
			ix->next[sl->last - 1] = w + 1;
		else
			sl->first = w + 1;
		sl->last = w + 1;
	}
}

/* pnx_gaz_words_mark' notion of a word byte */
static bool word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static bool first_word_hash(const char *s, size_t *h)
{
	if (!word_byte((unsigned char)s[0]))
		return false;
	*h = PNX_WORD_HASH_INIT;
	for (size_t k = 0; s[k] && word_byte((unsigned char)s[k]); k++)
		*h = pnx_word_hash_step(*h, (unsigned char)s[k]);
	return true;
}

/* The occurrence of a name at p, n bytes long, unless a word goes on. */
static void surface_at(pnx_doc *d, pnx_entity *e, size_t n, const char *p)
{
	const char *t = d->norm.text, *end = t + d->norm.len;
	if ((p > t && word_char((unsigned char)p[-1])) || (p + n < end && word_char((unsigned char)p[n])))
		return;
	size_t ms = (size_t)(p - t);
	if (!overlaps_type(d, e->type, ms, ms + n))
		add_mention(d, e, ms, ms + n);
}

/* Every further occurrence of s[0..n) with no word character (letter,
 * digit, '-', non-ASCII) on either side becomes a mention, left to right.
 * When s starts with a word byte, such an occurrence starts a word of the
 * article equal to s's first word, so only those words are tried. */
static void find_surface_exact(pnx_doc *d, const word_index *ix, pnx_entity *e, const char *s, size_t n)
{
	const char *t = d->norm.text, *end = t + d->norm.len;
	if (!word_byte((unsigned char)s[0])) {
		for (const char *p = t; (p = memmem(p, (size_t)(end - p), s, n)) != NULL; p++)
			surface_at(d, e, n, p);
		return;
	}
	size_t k = 0, h = PNX_WORD_HASH_INIT;
	for (; k < n && word_byte((unsigned char)s[k]); k++)
		h = pnx_word_hash_step(h, (unsigned char)s[k]);
	size_t j = slot_of(ix, h);
	for (size_t w = slot_used(ix, j) ? ix->slots[j].first : 0; w; w = ix->next[w - 1]) {
		const pnx_word *word = &d->words[w - 1];
		if (word->end - word->start != k || word->start + n > d->norm.len ||
		    memcmp(t + word->start, s, n) != 0)
			continue;
		surface_at(d, e, n, t + word->start);
	}
}

/* Every further occurrence of a known name or alias becomes a mention.
 * Lower-case names (INNs) also match capitalised at a sentence start. */
static void find_surface(pnx_doc *d, const word_index *ix, pnx_entity *e, const char *s)
{
	size_t n = strlen(s);
	if (n < 3)
		return;
	find_surface_exact(d, ix, e, s, n);
	if (islower((unsigned char)s[0])) {
		char *cap = pn_xstrdup(s);
		cap[0] = (char)toupper((unsigned char)cap[0]);
		find_surface_exact(d, ix, e, cap, n);
		free(cap);
	}
}

/* `set coref=main`: the match is a mention of the main drug; a `brand`
 * capture ("the drug will be sold as X") becomes its brand. */
/* `set coref=main`: the match is a mention of the main drug; a `brand`
 * capture ("the drug will be sold as X") becomes its brand. */
static void coref_cb(void *ctx, const pnx_rule *r, const pnx_pattern *p, pcre2_match_data *md)
{
	pnx_scan_ctx *c = ctx;
	pnx_doc *d = c->d;
	pnx_entity *main = &d->ents[d->main_drug];
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	size_t ms = ov[0], me = ov[1], bs, be;
	if (pnx_capture(p, md, "brand", &bs, &be) && bs < be) {
		add_alias(main, d->norm.text + bs, be - bs);
		set_attr(main, "brand", d->norm.text + bs, be - bs);
		ms = bs;
		me = be;
	}
	if (!overlaps_type(d, main->type, ms, me)) {
		add_mention(d, main, ms, me);
		pnx_explain(c->x, d, r, ms, me);
	}
}

/* The suffix stems of stems.tsv (kind "suffix") in row order, listed
 * once: stem_of ran over every row per drug of every article. */
static void list_suffixes(pnx_extractor *x)
{
	const pnx_gazetteer *g = pnx_rules_gaz(x->rs, "stems");
	int cs = g ? pnx_gaz_col(g, "stem") : -1, ck = g ? pnx_gaz_col(g, "kind") : -1;
	x->nsuffix = 0;
	x->suffix = pn_xcalloc(g ? g->nrows + 1 : 1, sizeof *x->suffix);
	x->suffix_len = pn_xcalloc(g ? g->nrows + 1 : 1, sizeof *x->suffix_len);
	for (size_t r = 0; g && r < g->nrows; r++) {
		/* pnx_gaz_get(g, r, "stem") and "kind", the columns looked up once */
		const char *st = cs < 0 ? "" : g->cells[r * g->ncols + (size_t)cs];
		const char *kind = ck < 0 ? "" : g->cells[r * g->ncols + (size_t)ck];
		if (strcmp(kind, "suffix") == 0) {
			x->suffix[x->nsuffix] = st;
			x->suffix_len[x->nsuffix++] = strlen(st);
		}
	}
	x->suffixes_listed = true;
}

/* Longest suffix stem of stems.tsv the INN's last word ends with (the
 * first in file order among equally long ones). */
static const char *stem_of(pnx_extractor *x, const char *name)
{
	if (!x->suffixes_listed)
		list_suffixes(x);
	const char *w = strrchr(name, ' ');
	w = w ? w + 1 : name;
	size_t wl = strlen(w), best = 0;
	const char *stem = NULL;
	for (size_t i = 0; i < x->nsuffix; i++) {
		size_t sl = x->suffix_len[i];
		if (sl > best && sl < wl && memcmp(w + wl - sl, x->suffix[i], sl) == 0) {
			best = sl;
			stem = x->suffix[i];
		}
	}
	return stem;
}

/* FORMATS.md §3 attrs that need the whole article: a drug's inn and stem
 * (INNs are lower case; brands and codes are not), a person's org as the
 * company's canonical name. */
static void finish_attrs(pnx_extractor *x, pnx_doc *d)
{
	for (size_t i = 0; i < d->nents; i++) {
		pnx_entity *e = &d->ents[i];
		if (e->type == static_type("drug") && islower((unsigned char)e->name[0])) {
			set_attr(e, "inn", e->name, strlen(e->name));
			const char *st = stem_of(x, e->name);
			if (st) {
				char *dash = pn_xasprintf("-%s", st);
				set_attr(e, "stem", dash, strlen(dash));
				free(dash);
			}
		}
		const char *org = json_string_value(json_object_get(e->attrs, "org"));
		int c = e->type == static_type("person") && org ? pnx_entity_find(d, "company", org, strlen(org)) : -1;
		if (c >= 0)
			json_object_set_new(e->attrs, "org", json_string(d->ents[c].name));
	}
}

/* "Tarsen Biopharma" ... "Tarsen said": a capitalised word that ends like
 * an INN but starts a company name is the company, not a drug. */
static void drop_company_words(pnx_doc *d)
{
	size_t keep = 0;
	for (size_t i = 0; i < d->nents; i++) {
		pnx_entity *e = &d->ents[i];
		bool drop = false;
		for (size_t c = 0; c < d->nents && e->type == static_type("drug") && !drop; c++) {
			const char *cn = d->ents[c].name;
			size_t n = strlen(e->name);
			drop = d->ents[c].type == static_type("company") && strncasecmp(cn, e->name, n) == 0 &&
			       cn[n] == ' ';
		}
		if (drop) {
			for (size_t m = 0; m < e->nmentions; m++)
				for (size_t b = e->mentions[m].start; b < e->mentions[m].end; b++)
					d->claimed[b] &= (uint16_t)~type_bit(e->type);
			pnx_entity_free(e);
			continue;
		}
		d->ents[keep++] = *e;
	}
	d->nents = keep;
}

static int most_mentioned(const pnx_doc *d, const char *type)
{
	int best = -1;
	for (size_t i = 0; i < d->nents; i++)
		if (d->ents[i].type == type && (best < 0 || d->ents[i].nmentions > d->ents[best].nmentions))
			best = (int)i;
	return best;
}

/* For entities_marked.c (entities_int.h). */
int pnx_ent_new(pnx_doc *d, const char *type, char *name, const char *rule)
{
	return new_entity(d, static_type(type), name, rule);
}

void pnx_ent_add_mention(pnx_doc *d, int e, size_t s, size_t end)
{
	add_mention(d, &d->ents[e], s, end);
}

uint16_t pnx_ent_type_bit(const char *type)
{
	return type_bit(static_type(type));
}

/* The most mentioned drug, not a marked one: a sign also follows
 * platforms and services, so such a name is an event's product only where
 * its own sentence names it (events_slots.c). */
static int main_drug(const pnx_doc *d)
{
	const char *drug = static_type("drug");
	int best = -1;
	for (size_t i = 0; i < d->nents; i++) {
		const pnx_entity *e = &d->ents[i];
		if (e->type == drug && e->rule != pnx_marked_rule && (best < 0 || e->nmentions > d->ents[best].nmentions))
			best = (int)i;
	}
	return best;
}

void pnx_find_entities(pnx_extractor *x, pnx_doc *d)
{
	claimed_clear(d);
	for (size_t i = 0; i < x->nent; i++)
		if (!pnx_rule_set(x->ent_rules[i], "coref"))
			run_rule(x, d, x->ent_rules[i]);
	pnx_find_marked(d);
	size_t n = d->nents;
	word_index *ix = &x->wix;
	word_index_build(ix, d, n);
	for (size_t i = 0; i < n; i++) {
		pnx_entity *e = &d->ents[i];
		if (e->type != static_type("drug") && e->type != static_type("company") &&
		    e->type != static_type("target"))
			continue;
		find_surface(d, ix, e, e->name);
		for (size_t j = 0; j < e->naliases; j++)
			find_surface(d, ix, e, e->aliases[j]);
	}
	drop_company_words(d);
	finish_attrs(x, d);
	d->main_drug = main_drug(d);
	d->main_company = most_mentioned(d, static_type("company"));
	if (d->main_drug < 0)
		return;
	for (size_t i = 0; i < x->nent; i++)
		if (pnx_rule_set(x->ent_rules[i], "coref"))
			pnx_run_rule(x, d, x->ent_rules[i], coref_cb, &(pnx_scan_ctx){x, d});
}
