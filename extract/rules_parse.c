/* rules_parse.c - reading *.rules files: blocks, attributes, examples.
 * The format is documented in rules/README.md; keep the two in step. */
#include "rules_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void pnx_lerr(pnx_loader *L, const char *file, unsigned line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pn_warn("%s:%u: %s", file, line, msg);
	L->errors++;
}

void *pnx_grow(void *arr, size_t n, size_t size)
{
	/* Arrays grow one element at a time at load only; doubling on powers
	 * of two keeps that linear. */
	if (n == 0 || (n & (n - 1)) == 0)
		arr = pn_xrealloc(arr, (n ? n * 2 : 1) * size);
	return arr;
}

pnx_define *pnx_find_define(pnx_loader *L, const char *name, size_t n)
{
	for (size_t i = 0; i < L->ndefs; i++)
		if (strlen(L->defs[i].name) == n && memcmp(L->defs[i].name, name, n) == 0)
			return &L->defs[i];
	return NULL;
}

/* ---- parsing ------------------------------------------------------- */

static void end_block(pnx_loader *L)
{
	L->cur_rule = NULL;
	L->cur_def = NULL;
	L->last_pos = NULL;
}

static bool valid_name(const char *s, bool dots)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && !(dots && *s == '.'))
			return false;
	return true;
}

static void start_block(pnx_loader *L, const char *file, unsigned line, const char *kw, const char *arg)
{
	end_block(L);
	if (strcmp(kw, "define") == 0) {
		if (!valid_name(arg, false)) {
			pnx_lerr(L, file, line, "define needs a name of letters, digits and _");
			return;
		}
		if (pnx_find_define(L, arg, strlen(arg))) {
			pnx_lerr(L, file, line, "define %s: defined twice", arg);
			return;
		}
		L->defs = pnx_grow(L->defs, L->ndefs, sizeof *L->defs);
		pnx_define *d = &L->defs[L->ndefs++];
		memset(d, 0, sizeof *d);
		d->name = pn_xstrdup(arg);
		d->file = file;
		d->line = line;
		L->cur_def = d;
	} else if (strcmp(kw, "rule") == 0) {
		if (!valid_name(arg, true)) {
			pnx_lerr(L, file, line, "rule needs an id of letters, digits, '.', '_' and '-'");
			return;
		}
		pnx_rules *rs = L->rs;
		for (size_t i = 0; i < rs->nrules; i++)
			if (strcmp(rs->rules[i].id, arg) == 0) {
				pnx_lerr(L, file, line, "rule %s: id already used at %s:%u", arg,
				     rs->rules[i].file, rs->rules[i].line);
				return;
			}
		rs->rules = pnx_grow(rs->rules, rs->nrules, sizeof *rs->rules);
		pnx_rule *r = &rs->rules[rs->nrules++];
		memset(r, 0, sizeof *r);
		r->id = pn_xstrdup(arg);
		r->file = file;
		r->line = line;
		L->cur_rule = r;
	} else {
		pnx_lerr(L, file, line, "unknown keyword '%s' (expected define or rule)", kw);
	}
}

static void add_kv(pnx_loader *L, const char *file, unsigned line, const char *what,
                   const char *arg, pnx_kv **arr, size_t *n)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg) {
		pnx_lerr(L, file, line, "%s needs key=value", what);
		return;
	}
	*arr = pnx_grow(*arr, *n, sizeof **arr);
	pnx_kv *kv = &(*arr)[(*n)++];
	kv->key = pn_xstrndup(arg, (size_t)(eq - arg));
	while (kv->key[0] && isspace((unsigned char)kv->key[strlen(kv->key) - 1]))
		kv->key[strlen(kv->key) - 1] = '\0';
	eq++;
	while (*eq == ' ' || *eq == '\t')
		eq++;
	kv->value = pn_xstrdup(eq);
	kv->line = line;
}

/* "expect k=v k2=v two": a new pair starts at a space followed by key=,
 * so values may contain spaces. */
static void add_expect(pnx_loader *L, const char *file, unsigned line, const char *arg)
{
	pnx_example *e = L->last_pos;
	const char *p = arg;
	while (*p) {
		const char *next = p + 1;
		for (; *next; next++) {
			if (next[-1] != ' ')
				continue;
			const char *k = next;
			while (isalnum((unsigned char)*k) || *k == '_')
				k++;
			if (k > next && *k == '=')
				break;
		}
		char *pair = pn_xstrndup(p, (size_t)(next - p));
		for (size_t n = strlen(pair); n && pair[n - 1] == ' ';)
			pair[--n] = '\0';
		add_kv(L, file, line, "expect", pair, &e->expect, &e->nexpect);
		free(pair);
		p = next;
	}
}

/* Adds ending w[0..n) to the anchor's backward trie. */
static void anchor_add(pnx_anchor *a, const char *w, size_t n)
{
	if (!a->nnodes) {
		a->next = pn_xcalloc(1, sizeof *a->next);
		a->final = pn_xcalloc(1, sizeof *a->final);
		a->nnodes = 1;
	}
	size_t node = 0;
	for (size_t i = n; i-- > 0;) {
		int c = w[i] - 'a';
		if (!a->next[node][c]) {
			if (a->nnodes >= UINT16_MAX)
				pn_die(PN_EXIT_CONFIG, "anchor: too many endings");
			a->next = pn_xrealloc(a->next, (a->nnodes + 1) * sizeof *a->next);
			a->final = pn_xrealloc(a->final, (a->nnodes + 1) * sizeof *a->final);
			memset(a->next[a->nnodes], 0, sizeof *a->next);
			a->final[a->nnodes] = false;
			a->next[node][c] = (uint16_t)a->nnodes++;
		}
		node = a->next[node][c];
	}
	a->final[node] = true;
}

/* The rest of `anchor capitals [before N W1 W2 ...]` from *sv. */
static void anchor_near(pnx_loader *L, const char *file, unsigned line, pnx_rule *r, pnx_anchor *a, char **sv)
{
	char *w = strtok_r(NULL, " \t", sv);
	if (!w)
		return;
	char *end = NULL, *n = strtok_r(NULL, " \t", sv);
	long spaces = n ? strtol(n, &end, 10) : -1;
	if (strcmp(w, "before") != 0 || !n || *end || spaces < 1 || spaces > 16) {
		pnx_lerr(L, file, line, "rule %s: anchor capitals: nothing more, or 'before N W1 W2 ...' (N 1 to 16)", r->id);
		return;
	}
	if ((unsigned)spaces > a->near_spaces)
		a->near_spaces = (unsigned)spaces;
	for (w = strtok_r(NULL, " \t|", sv); w; w = strtok_r(NULL, " \t|", sv)) {
		bool ok = true;
		for (char *c = w; *c; c++) {
			ok &= isalpha((unsigned char)*c) && (unsigned char)*c < 0x80;
			*c = (char)tolower((unsigned char)*c);
		}
		if (!ok) {
			pnx_lerr(L, file, line, "rule %s: anchor capitals before: '%s' is not a word of ASCII letters", r->id, w);
			continue;
		}
		a->near = pnx_grow(a->near, a->nnear, sizeof *a->near);
		a->near_hash = pnx_grow(a->near_hash, a->nnear, sizeof *a->near_hash);
		a->near_hash[a->nnear] = pnx_word_hash(w, strlen(w));
		a->near[a->nnear++] = pn_xstrdup(w);
		size_t h = PNX_HBIT(a->near_hash[a->nnear - 1]);
		a->nbits[h >> 6] |= (uint64_t)1 << (h & 63);
	}
	if (!a->nnear)
		pnx_lerr(L, file, line, "rule %s: anchor capitals before %ld: no words", r->id, spaces);
}

static void rule_attr(pnx_loader *L, const char *file, unsigned line, const char *key, const char *arg)
{
	pnx_rule *r = L->cur_rule;
	if (strcmp(key, "pattern") == 0) {
		r->pats = pnx_grow(r->pats, r->npats, sizeof *r->pats);
		pnx_pattern *p = &r->pats[r->npats++];
		memset(p, 0, sizeof *p);
		p->source = pn_xstrdup(arg);
		p->line = line;
	} else if (strcmp(key, "lookup") == 0) {
		if (r->lookup)
			pnx_lerr(L, file, line, "rule %s: lookup given twice", r->id);
		else if (!(r->lookup = pnx_rules_gaz(L->rs, arg)))
			pnx_lerr(L, file, line, "rule %s: lookup %s: no gazetteer %s/gazetteers/%s.tsv", r->id, arg, L->rs->dir, arg);
	} else if (strcmp(key, "words") == 0) {
		char *copy = pn_xstrdup(arg);
		for (char *sv = NULL, *w = strtok_r(copy, " \t|", &sv); w; w = strtok_r(NULL, " \t|", &sv)) {
			bool ok = true;
			for (char *c = w; *c; c++) {
				ok &= isalnum((unsigned char)*c) || (unsigned char)*c >= 0x80;
				*c = (char)tolower((unsigned char)*c);
			}
			if (!ok) {
				pnx_lerr(L, file, line, "rule %s: words: '%s' is not one word of letters and digits", r->id, w);
				continue;
			}
			r->words = pnx_grow(r->words, r->nwords, sizeof *r->words);
			r->words[r->nwords++] = pn_xstrdup(w);
		}
		free(copy);
	} else if (strcmp(key, "anchor") == 0) {
		if (!r->anchor)
			r->anchor = pn_xcalloc(1, sizeof *r->anchor);
		pnx_anchor *a = r->anchor;
		char *copy = pn_xstrdup(arg), *sv = NULL, *mode = strtok_r(copy, " \t", &sv);
		if (mode && strcmp(mode, "capitals") == 0) {
			a->capitals = true;
			anchor_near(L, file, line, r, a, &sv);
		} else if (mode && strcmp(mode, "codes") == 0) {
			a->capitals = a->codes = true;
			if (strtok_r(NULL, " \t", &sv))
				pnx_lerr(L, file, line, "rule %s: anchor codes: nothing more", r->id);
		} else if (mode && strcmp(mode, "words") == 0) {
			if (a->nends && !a->whole)
				pnx_lerr(L, file, line, "rule %s: anchor: endings or words, not both", r->id);
			a->whole = true; /* the same trie, matched on whole runs of letters */
		} else if (mode && strcmp(mode, "endings") == 0) {
			if (a->whole)
				pnx_lerr(L, file, line, "rule %s: anchor: endings or words, not both", r->id);
		} else {
			pnx_lerr(L, file, line, "rule %s: anchor: 'capitals', 'codes', 'endings E1 E2 ...' or 'words W1 W2 ...'",
			         r->id);
		}
		for (char *w = strtok_r(NULL, " \t|", &sv); !a->capitals && w; w = strtok_r(NULL, " \t|", &sv)) {
			size_t n = strlen(w);
			bool ok = n >= (a->whole ? 1u : 2u); /* "U" of "U.S." is a word */
			for (char *c = w; *c; c++) {
				ok &= isalpha((unsigned char)*c) && (unsigned char)*c < 0x80;
				*c = (char)tolower((unsigned char)*c);
			}
			if (!ok) {
				pnx_lerr(L, file, line, "rule %s: anchor: '%s' is not %s", r->id, w,
				         a->whole ? "a word of ASCII letters" : "an ending of two or more ASCII letters");
				continue;
			}
			a->ends = pnx_grow(a->ends, a->nends, sizeof *a->ends);
			a->ends[a->nends++] = pn_xstrdup(w);
			size_t h = PNX_HBIT(pnx_word_hash(w, n));
			a->hbits[h >> 6] |= (uint64_t)1 << (h & 63);
			if (n >= 2) {
				unsigned k = (unsigned)(w[n - 2] - 'a') * 26 + (unsigned)(w[n - 1] - 'a');
				a->pairs[k >> 6] |= (uint64_t)1 << (k & 63);
			}
			anchor_add(a, w, n);
		}
		free(copy);
	} else if (strcmp(key, "needs") == 0) {
		r->needs = pnx_grow(r->needs, r->nneeds, sizeof *r->needs);
		pnx_pattern *p = &r->needs[r->nneeds++];
		memset(p, 0, sizeof *p);
		p->source = pn_xstrdup(arg);
		p->line = line;
	} else if (strcmp(key, "prefilter") == 0) {
		if (r->nprefilter == PNX_MAX_PREFILTER) {
			pnx_lerr(L, file, line, "rule %s: more than %d prefilter lines", r->id, PNX_MAX_PREFILTER);
		} else {
			r->prefilter = pnx_grow(r->prefilter, r->nprefilter, sizeof *r->prefilter);
			pnx_pattern *p = &r->prefilter[r->nprefilter++];
			memset(p, 0, sizeof *p);
			p->source = pn_xstrdup(arg);
			p->line = line;
		}
	} else if (strcmp(key, "kind") == 0 || strcmp(key, "type") == 0) {
		char **slot = key[0] == 'k' ? &r->kind : &r->type;
		if (*slot)
			pnx_lerr(L, file, line, "rule %s: %s given twice", r->id, key);
		else
			*slot = pn_xstrdup(arg);
	} else if (strcmp(key, "priority") == 0) {
		char *end;
		errno = 0;
		long v = strtol(arg, &end, 10);
		if (errno || *end || end == arg || v < -1000000 || v > 1000000)
			pnx_lerr(L, file, line, "rule %s: priority must be an integer", r->id);
		r->priority = (int)v;
	} else if (strcmp(key, "set") == 0) {
		add_kv(L, file, line, "set", arg, &r->sets, &r->nsets);
	} else if (strcmp(key, "example+") == 0 || strcmp(key, "example-") == 0) {
		r->examples = pnx_grow(r->examples, r->nexamples, sizeof *r->examples);
		pnx_example *e = &r->examples[r->nexamples++];
		memset(e, 0, sizeof *e);
		e->text = pn_xstrdup(arg);
		e->positive = key[7] == '+';
		e->line = line;
		/* expect attaches to the latest example+; re-fetch after growth. */
		L->last_pos = NULL;
		if (e->positive)
			L->last_pos = e;
	} else if (strcmp(key, "expect") == 0) {
		if (!L->last_pos)
			pnx_lerr(L, file, line, "rule %s: expect must follow an example+", r->id);
		else
			add_expect(L, file, line, arg);
	} else {
		pnx_lerr(L, file, line, "rule %s: unknown attribute '%s'", r->id, key);
	}
}

static void attr_line(pnx_loader *L, const char *file, unsigned line, char *s)
{
	char *key = s;
	while (*s && !isspace((unsigned char)*s))
		s++;
	if (*s)
		*s++ = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s) {
		pnx_lerr(L, file, line, "'%s' needs a value", key);
		return;
	}
	if (L->cur_def) {
		if (strcmp(key, "pattern") != 0) {
			pnx_lerr(L, file, line, "define %s: only pattern lines allowed", L->cur_def->name);
			return;
		}
		pnx_define *d = L->cur_def;
		pn_buf_adds(&d->alts, d->nalts++ ? "|" : "(?:");
		pn_buf_adds(&d->alts, s);
	} else if (L->cur_rule) {
		rule_attr(L, file, line, key, s);
	} else {
		pnx_lerr(L, file, line, "indented line outside a define or rule block");
	}
}

void pnx_parse_file(pnx_loader *L, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		pnx_lerr(L, path, 0, "%s", strerror(errno));
		return;
	}
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	ssize_t len;
	end_block(L);
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
		                   line[len - 1] == ' ' || line[len - 1] == '\t'))
			line[--len] = '\0';
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s) {
			end_block(L);
			continue;
		}
		if (*s == '#')
			continue;
		if (s != line) {
			attr_line(L, path, lineno, s);
			continue;
		}
		char *arg = s;
		while (*arg && !isspace((unsigned char)*arg))
			arg++;
		if (*arg)
			*arg++ = '\0';
		while (*arg == ' ' || *arg == '\t')
			arg++;
		start_block(L, path, lineno, s, arg);
	}
	end_block(L);
	free(line);
	fclose(f);
}
