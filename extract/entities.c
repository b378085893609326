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
 * keys are copied into attrs. */
#include "extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const entity_types[] = {
	"drug", "company", "regulator", "indication", "target", "modality", "trial", "person", "lab_code", NULL,
};

const char *const pnx_entity_captures[] = {"name", "alias", "brand", "code", "stem", "role", "org", "phase", NULL};

/* The type string kept in entities is this static one, so it can be
 * compared by pointer and outlives nothing. */
static const char *static_type(const char *type)
{
	for (size_t i = 0; entity_types[i]; i++)
		if (strcmp(entity_types[i], type) == 0)
			return entity_types[i];
	return NULL;
}

bool pnx_entity_type_ok(const char *type)
{
	return static_type(type) != NULL;
}

static bool same_ci(const char *a, const char *b, size_t n)
{
	if (strlen(a) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return false;
	return true;
}

int pnx_entity_find(const pnx_doc *d, const char *type, const char *s, size_t n)
{
	for (size_t i = 0; i < d->nents; i++) {
		const pnx_entity *e = &d->ents[i];
		if (strcmp(e->type, type) != 0)
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

static void add_alias(pnx_entity *e, const char *s, size_t n)
{
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

static bool overlaps_type(const pnx_doc *d, const char *type, size_t s, size_t e)
{
	for (size_t i = 0; i < d->nents; i++) {
		const pnx_entity *en = &d->ents[i];
		if (en->type != type)
			continue;
		for (size_t j = 0; j < en->nmentions; j++)
			if (en->mentions[j].start < e && s < en->mentions[j].end)
				return true;
	}
	return false;
}

static void add_mention(pnx_entity *e, size_t s, size_t end)
{
	e->mentions = pn_xrealloc(e->mentions, (e->nmentions + 1) * sizeof *e->mentions);
	e->mentions[e->nmentions++] = (pnx_span){s, end};
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
	char *v = clean(s, n, false);
	if (*v && !json_object_get(e->attrs, key))
		json_object_set_new(e->attrs, key, json_string(v));
	free(v);
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
		const char *v = pnx_gaz_get(g, (size_t)row, c);
		set_attr(e, c, v, strlen(v));
	}
	free(copy);
}

static bool is_control_key(const char *k)
{
	return !strcmp(k, "name") || !strcmp(k, "gazetteer") || !strcmp(k, "attrs") ||
	       !strcmp(k, "case") || !strcmp(k, "coref") || !strcmp(k, "unless");
}

static void on_match(pnx_extractor *x, pnx_doc *d, const pnx_rule *r, const pnx_pattern *p)
{
	const char *t = d->norm.text;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
	size_t ns = ov[0], ne = ov[1];
	pnx_capture(p, x->md, "name", &ns, &ne);
	if (ns == ne)
		return;
	const char *type = static_type(r->type);
	if (overlaps_type(d, type, ns, ne))
		return;
	/* `set unless=drug`: a lab code already known as a drug's alias is
	 * that drug, not a lab_code entity of its own. */
	const char *unless = pnx_rule_set(r, "unless");
	if (unless && static_type(unless) &&
	    (pnx_entity_find(d, static_type(unless), t + ns, ne - ns) >= 0 || overlaps_type(d, static_type(unless), ns, ne)))
		return;
	long row = -1;
	const pnx_gazetteer *gz = NULL;
	char *name = canonical(x, r, t + ns, ne - ns, &row, &gz);
	if (!name)
		return;
	int idx = pnx_entity_find(d, type, name, strlen(name));
	static const char *const alias_caps[] = {"alias", "brand", "code"};
	for (size_t i = 0; i < 3 && idx < 0; i++) {
		size_t as, ae;
		if (pnx_capture(p, x->md, alias_caps[i], &as, &ae) && as < ae)
			idx = pnx_entity_find(d, type, t + as, ae - as);
	}
	if (idx < 0)
		idx = new_entity(d, type, name, r->id);
	else
		free(name);
	pnx_entity *e = &d->ents[idx];
	add_mention(e, ns, ne);
	add_alias(e, t + ns, ne - ns);
	for (size_t i = 0; i < 3; i++) {
		size_t as, ae;
		if (pnx_capture(p, x->md, alias_caps[i], &as, &ae) && as < ae) {
			add_alias(e, t + as, ae - as);
			if (i > 0)
				set_attr(e, alias_caps[i], t + as, ae - as);
		}
	}
	static const char *const attr_caps[] = {"stem", "role", "org", "phase"};
	for (size_t i = 0; i < 4; i++) {
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

static void run_rule(pnx_extractor *x, pnx_doc *d, const pnx_rule *r)
{
	for (size_t k = 0; k < r->npats; k++) {
		const pnx_pattern *p = &r->pats[k];
		size_t pos = 0;
		while (pos < d->norm.len && pnx_pattern_match(p, d->norm.text, d->norm.len, pos, x->md)) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
			on_match(x, d, r, p);
			pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
	}
}

static bool word_char(unsigned char c)
{
	return isalnum(c) || c == '-' || c >= 0x80;
}

/* Every further occurrence of a known name or alias becomes a mention.
 * Lower-case names (INNs) also match capitalised at a sentence start. */
static void find_surface(pnx_doc *d, pnx_entity *e, const char *s)
{
	size_t n = strlen(s);
	if (n < 3)
		return;
	bool lower = true;
	for (size_t i = 0; i < n; i++)
		lower &= !isupper((unsigned char)s[i]);
	const char *t = d->norm.text, *end = t + d->norm.len;
	for (const char *p = t; p + n <= end; p++) {
		if (lower ? strncasecmp(p, s, n) != 0 : memcmp(p, s, n) != 0)
			continue;
		if ((p > t && word_char((unsigned char)p[-1])) || (p + n < end && word_char((unsigned char)p[n])))
			continue;
		size_t ms = (size_t)(p - t);
		if (!overlaps_type(d, e->type, ms, ms + n))
			add_mention(e, ms, ms + n);
	}
}

/* `set coref=main`: the match is a mention of the main drug; a `brand`
 * capture ("the drug will be sold as X") becomes its brand. */
static void run_coref(pnx_extractor *x, pnx_doc *d, const pnx_rule *r, pnx_entity *main)
{
	for (size_t k = 0; k < r->npats; k++) {
		const pnx_pattern *p = &r->pats[k];
		size_t pos = 0;
		while (pos < d->norm.len && pnx_pattern_match(p, d->norm.text, d->norm.len, pos, x->md)) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
			size_t ms = ov[0], me = ov[1], bs, be;
			pos = me > ms ? me : ms + 1;
			if (pnx_capture(p, x->md, "brand", &bs, &be) && bs < be) {
				add_alias(main, d->norm.text + bs, be - bs);
				set_attr(main, "brand", d->norm.text + bs, be - bs);
				ms = bs;
				me = be;
			}
			if (!overlaps_type(d, main->type, ms, me)) {
				add_mention(main, ms, me);
				pnx_explain(x, d, r, ms, me);
			}
		}
	}
}

static int most_mentioned(const pnx_doc *d, const char *type)
{
	int best = -1;
	for (size_t i = 0; i < d->nents; i++)
		if (d->ents[i].type == type && (best < 0 || d->ents[i].nmentions > d->ents[best].nmentions))
			best = (int)i;
	return best;
}

void pnx_find_entities(pnx_extractor *x, pnx_doc *d)
{
	for (size_t i = 0; i < x->nent; i++)
		if (!pnx_rule_set(x->ent_rules[i], "coref"))
			run_rule(x, d, x->ent_rules[i]);
	size_t n = d->nents;
	for (size_t i = 0; i < n; i++) {
		pnx_entity *e = &d->ents[i];
		if (e->type != static_type("drug") && e->type != static_type("company") &&
		    e->type != static_type("target"))
			continue;
		find_surface(d, e, e->name);
		for (size_t j = 0; j < e->naliases; j++)
			find_surface(d, e, e->aliases[j]);
	}
	d->main_drug = most_mentioned(d, static_type("drug"));
	d->main_company = most_mentioned(d, static_type("company"));
	if (d->main_drug < 0)
		return;
	for (size_t i = 0; i < x->nent; i++)
		if (pnx_rule_set(x->ent_rules[i], "coref"))
			run_coref(x, d, x->ent_rules[i], &d->ents[d->main_drug]);
}
