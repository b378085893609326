/* rules.c - loading rules/: parsing *.rules blocks, expanding macros and
 * gazetteers, compiling with PCRE2. The format is documented in
 * rules/README.md; keep the two in step. */
#include "rules.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>

typedef struct pnx_define {
	char *name;
	const char *file;
	unsigned line;
	pn_buf alts;       /* "(?:a|b)" built from its pattern lines */
	size_t nalts;
	int state;         /* 0 fresh, 1 expanding (cycle guard), 2 done */
	char *expanded;
} pnx_define;

typedef struct pnx_loader {
	pnx_rules *rs;
	pnx_define *defs;
	size_t ndefs;
	unsigned errors;
	pnx_rule *cur_rule;      /* block being read */
	pnx_define *cur_def;
	pnx_example *last_pos;   /* target of expect lines */
} pnx_loader;

static const char *const known_kinds[] = {"entity", "event", "timex", NULL};

__attribute__((format(printf, 4, 5)))
static void lerr(pnx_loader *L, const char *file, unsigned line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pn_warn("%s:%u: %s", file, line, msg);
	L->errors++;
}

static void *grow(void *arr, size_t n, size_t size)
{
	/* Arrays grow one element at a time at load only; doubling on powers
	 * of two keeps that linear. */
	if (n == 0 || (n & (n - 1)) == 0)
		arr = pn_xrealloc(arr, (n ? n * 2 : 1) * size);
	return arr;
}

static pnx_define *find_define(pnx_loader *L, const char *name, size_t n)
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
			lerr(L, file, line, "define needs a name of letters, digits and _");
			return;
		}
		if (find_define(L, arg, strlen(arg))) {
			lerr(L, file, line, "define %s: defined twice", arg);
			return;
		}
		L->defs = grow(L->defs, L->ndefs, sizeof *L->defs);
		pnx_define *d = &L->defs[L->ndefs++];
		memset(d, 0, sizeof *d);
		d->name = pn_xstrdup(arg);
		d->file = file;
		d->line = line;
		L->cur_def = d;
	} else if (strcmp(kw, "rule") == 0) {
		if (!valid_name(arg, true)) {
			lerr(L, file, line, "rule needs an id of letters, digits, '.', '_' and '-'");
			return;
		}
		pnx_rules *rs = L->rs;
		for (size_t i = 0; i < rs->nrules; i++)
			if (strcmp(rs->rules[i].id, arg) == 0) {
				lerr(L, file, line, "rule %s: id already used at %s:%u", arg,
				     rs->rules[i].file, rs->rules[i].line);
				return;
			}
		rs->rules = grow(rs->rules, rs->nrules, sizeof *rs->rules);
		pnx_rule *r = &rs->rules[rs->nrules++];
		memset(r, 0, sizeof *r);
		r->id = pn_xstrdup(arg);
		r->file = file;
		r->line = line;
		L->cur_rule = r;
	} else {
		lerr(L, file, line, "unknown keyword '%s' (expected define or rule)", kw);
	}
}

static void add_kv(pnx_loader *L, const char *file, unsigned line, const char *what,
                   const char *arg, pnx_kv **arr, size_t *n)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg) {
		lerr(L, file, line, "%s needs key=value", what);
		return;
	}
	*arr = grow(*arr, *n, sizeof **arr);
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

static void rule_attr(pnx_loader *L, const char *file, unsigned line, const char *key, const char *arg)
{
	pnx_rule *r = L->cur_rule;
	if (strcmp(key, "pattern") == 0) {
		r->pats = grow(r->pats, r->npats, sizeof *r->pats);
		pnx_pattern *p = &r->pats[r->npats++];
		memset(p, 0, sizeof *p);
		p->source = pn_xstrdup(arg);
		p->line = line;
	} else if (strcmp(key, "lookup") == 0) {
		if (r->lookup)
			lerr(L, file, line, "rule %s: lookup given twice", r->id);
		else if (!(r->lookup = pnx_rules_gaz(L->rs, arg)))
			lerr(L, file, line, "rule %s: lookup %s: no gazetteer %s/gazetteers/%s.tsv", r->id, arg, L->rs->dir, arg);
	} else if (strcmp(key, "prefilter") == 0) {
		if (r->prefilter)
			lerr(L, file, line, "rule %s: prefilter given twice", r->id);
		else {
			r->prefilter = pn_xcalloc(1, sizeof *r->prefilter);
			r->prefilter->source = pn_xstrdup(arg);
			r->prefilter->line = line;
		}
	} else if (strcmp(key, "kind") == 0 || strcmp(key, "type") == 0) {
		char **slot = key[0] == 'k' ? &r->kind : &r->type;
		if (*slot)
			lerr(L, file, line, "rule %s: %s given twice", r->id, key);
		else
			*slot = pn_xstrdup(arg);
	} else if (strcmp(key, "priority") == 0) {
		char *end;
		errno = 0;
		long v = strtol(arg, &end, 10);
		if (errno || *end || end == arg || v < -1000000 || v > 1000000)
			lerr(L, file, line, "rule %s: priority must be an integer", r->id);
		r->priority = (int)v;
	} else if (strcmp(key, "set") == 0) {
		add_kv(L, file, line, "set", arg, &r->sets, &r->nsets);
	} else if (strcmp(key, "example+") == 0 || strcmp(key, "example-") == 0) {
		r->examples = grow(r->examples, r->nexamples, sizeof *r->examples);
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
			lerr(L, file, line, "rule %s: expect must follow an example+", r->id);
		else
			add_expect(L, file, line, arg);
	} else {
		lerr(L, file, line, "rule %s: unknown attribute '%s'", r->id, key);
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
		lerr(L, file, line, "'%s' needs a value", key);
		return;
	}
	if (L->cur_def) {
		if (strcmp(key, "pattern") != 0) {
			lerr(L, file, line, "define %s: only pattern lines allowed", L->cur_def->name);
			return;
		}
		pnx_define *d = L->cur_def;
		pn_buf_adds(&d->alts, d->nalts++ ? "|" : "(?:");
		pn_buf_adds(&d->alts, s);
	} else if (L->cur_rule) {
		rule_attr(L, file, line, key, s);
	} else {
		lerr(L, file, line, "indented line outside a define or rule block");
	}
}

static void parse_file(pnx_loader *L, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		lerr(L, path, 0, "%s", strerror(errno));
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

/* ---- expansion ------------------------------------------------------ */

static void add_escaped(pn_buf *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\^$.[]|()?*+{}", *s))
			pn_buf_addc(out, '\\');
		pn_buf_addc(out, *s);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
}

/* The sorted strings v[0..n), which share their first d bytes, as a regex
 * trie: (?:a(?:bc|d|)|x...). A plain alternation of thousands of names is
 * tried name by name at every position; the trie costs one branch per
 * character. The empty branch comes last, so the longest name wins. */
static void add_trie(pn_buf *out, char **v, size_t n, size_t d)
{
	while (n && !v[0][d] && n > 1 && !strcmp(v[0], v[1])) {
		v++;
		n--;
	}
	bool ends = !v[0][d];
	size_t first = ends ? 1 : 0;
	size_t groups = 0;
	for (size_t i = first; i < n;) {
		size_t cl = utf8_len((unsigned char)v[i][d]), j = i + 1;
		while (j < n && strncmp(v[j] + d, v[i] + d, cl) == 0)
			j++;
		groups++;
		i = j;
	}
	if (groups == 0)
		return;
	bool paren = groups > 1 || ends;
	if (paren)
		pn_buf_adds(out, "(?:");
	size_t g = 0;
	for (size_t i = first; i < n; g++) {
		size_t cl = utf8_len((unsigned char)v[i][d]), j = i + 1;
		while (j < n && strncmp(v[j] + d, v[i] + d, cl) == 0)
			j++;
		if (g)
			pn_buf_addc(out, '|');
		char ch[5] = {0};
		memcpy(ch, v[i] + d, cl);
		add_escaped(out, ch);
		add_trie(out, v + i, j - i, d + cl);
		i = j;
	}
	if (ends)
		pn_buf_addc(out, '|');
	if (paren)
		pn_buf_addc(out, ')');
}

/* {@gaz} = names and aliases; {@gaz.col} = the |-separated values of col. */
static int expand_gaz(pnx_loader *L, const char *ref, size_t n, pn_buf *out,
                      const char *file, unsigned line)
{
	char *name = pn_xstrndup(ref, n);
	char *col = strchr(name, '.');
	if (col)
		*col++ = '\0';
	const pnx_gazetteer *g = pnx_rules_gaz(L->rs, name);
	int rc = 0;
	if (!g) {
		lerr(L, file, line, "{@%s}: no gazetteer %s/gazetteers/%s.tsv", name, L->rs->dir, name);
		rc = -1;
	} else if (col && pnx_gaz_col(g, col) < 0) {
		lerr(L, file, line, "{@%s.%s}: %s has no column '%s'", name, col, g->path, col);
		rc = -1;
	} else {
		size_t nv = 0;
		char **vals = NULL;
		if (!col) {
			vals = pn_xcalloc(g->nkeys + 1, sizeof *vals);
			for (size_t i = 0; i < g->nkeys; i++)
				vals[nv++] = pn_xstrdup(g->keys[i].key);
		} else {
			for (size_t r = 0; r < g->nrows; r++) {
				char *copy = pn_xstrdup(pnx_gaz_get(g, r, col));
				for (char *sv = NULL, *v = strtok_r(copy, "|", &sv); v; v = strtok_r(NULL, "|", &sv)) {
					vals = grow(vals, nv, sizeof *vals);
					vals[nv++] = pn_xstrdup(v);
				}
				free(copy);
			}
		}
		qsort(vals, nv, sizeof *vals, cmp_str);
		/* An empty gazetteer must still compile and never match. */
		if (!nv)
			pn_buf_adds(out, "(*FAIL)");
		else
			add_trie(out, vals, nv, 0);
		for (size_t i = 0; i < nv; i++)
			free(vals[i]);
		free(vals);
	}
	free(name);
	return rc;
}

static int expand(pnx_loader *L, const char *src, pn_buf *out, const char *file, unsigned line);

static int expand_define(pnx_loader *L, pnx_define *d, const char *file, unsigned line)
{
	if (d->state == 2)
		return 0;
	if (d->state == 1) {
		lerr(L, file, line, "{%s}: macro refers to itself (cycle)", d->name);
		return -1;
	}
	if (!d->nalts) {
		lerr(L, d->file, d->line, "define %s has no pattern line", d->name);
		return -1;
	}
	d->state = 1;
	pn_buf_addc(&d->alts, ')');
	pn_buf tmp = PN_BUF_INIT;
	int rc = expand(L, pn_buf_cstr(&d->alts), &tmp, d->file, d->line);
	d->expanded = pn_buf_steal(&tmp);
	d->state = 2;
	return rc;
}

static int expand(pnx_loader *L, const char *src, pn_buf *out, const char *file, unsigned line)
{
	int rc = 0;
	for (const char *p = src; *p; p++) {
		if (*p == '\\' && p[1]) {
			/* \p{Lu}, \x{2019}, \g{1}: braces after an escape are PCRE2's */
			size_t n = 2;
			if (p[2] == '{' && strchr("pPxoNgk", p[1]) && strchr(p + 2, '}'))
				n = (size_t)(strchr(p + 2, '}') - p) + 1;
			pn_buf_add(out, p, n);
			p += n - 1;
			continue;
		}
		if (*p == '{' && (p[1] == '@' || isalpha((unsigned char)p[1]) || p[1] == '_')) {
			const char *close = strchr(p, '}');
			bool gaz = p[1] == '@';
			const char *name = p + 1 + gaz;
			size_t n = close ? (size_t)(close - name) : 0;
			if (!close || !n) {
				lerr(L, file, line, "unterminated {reference}");
				return -1;
			}
			if (gaz) {
				rc |= expand_gaz(L, name, n, out, file, line);
			} else {
				pnx_define *d = find_define(L, name, n);
				if (!d) {
					lerr(L, file, line, "{%.*s}: no such define", (int)n, name);
					rc = -1;
				} else if (expand_define(L, d, file, line) == 0) {
					pn_buf_adds(out, d->expanded);
				} else {
					rc = -1;
				}
			}
			p = close;
			continue;
		}
		pn_buf_addc(out, *p);
	}
	pn_buf_cstr(out);
	return rc;
}

/* ---- compiling ------------------------------------------------------ */

static void compile_pattern(pnx_loader *L, pnx_rule *r, pnx_pattern *p)
{
	pn_buf out = PN_BUF_INIT;
	if (expand(L, p->source, &out, r->file, p->line) != 0) {
		pn_buf_free(&out);
		return;
	}
	free(p->source);
	p->source = pn_buf_steal(&out);
	int err;
	PCRE2_SIZE off;
	p->code = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED,
	                        PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	if (!p->code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof msg);
		size_t from = off > 20 ? off - 20 : 0;
		lerr(L, r->file, p->line, "rule %s: PCRE2 error at offset %zu: %s (near \"%.40s\")",
		     r->id, (size_t)off, (const char *)msg, p->source + from);
		return;
	}
	/* JIT is an optimisation: a platform without it still matches.
	 * PN_NO_JIT=1 turns it off for valgrind, which cannot see into JIT
	 * code and reports its reads as uninitialised. */
	const char *nojit = getenv("PN_NO_JIT");
	if (!nojit || strcmp(nojit, "1") != 0)
		(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	p->mctx = L->rs->mctx;
	uint32_t groups;
	pcre2_pattern_info(p->code, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (groups > L->rs->max_groups)
		L->rs->max_groups = groups;
}

static void check_rule(pnx_loader *L, pnx_rule *r)
{
	if (!r->kind) {
		lerr(L, r->file, r->line, "rule %s: no kind line", r->id);
	} else {
		bool known = false;
		for (size_t i = 0; known_kinds[i]; i++)
			known |= strcmp(known_kinds[i], r->kind) == 0;
		if (!known)
			lerr(L, r->file, r->line, "rule %s: unknown kind '%s' (entity, event or timex)", r->id, r->kind);
	}
	if (!r->type)
		r->type = pn_xstrdup("");
	if (!r->npats && !r->lookup)
		lerr(L, r->file, r->line, "rule %s: no pattern or lookup line", r->id);
	for (size_t i = 0; i < r->npats; i++)
		compile_pattern(L, r, &r->pats[i]);
	if (r->prefilter)
		compile_pattern(L, r, r->prefilter);
}

/* ---- loading -------------------------------------------------------- */

static void load_gazetteers(pnx_loader *L)
{
	pnx_rules *rs = L->rs;
	char *pat = pn_xasprintf("%s/gazetteers/*.tsv", rs->dir);
	glob_t gl;
	if (glob(pat, 0, NULL, &gl) == 0) {
		rs->gaz = pn_xcalloc(gl.gl_pathc, sizeof *rs->gaz);
		for (size_t i = 0; i < gl.gl_pathc; i++) {
			if (pnx_gaz_load(&rs->gaz[rs->ngaz], gl.gl_pathv[i]) == 0)
				rs->ngaz++;
			else {
				pnx_gaz_free(&rs->gaz[rs->ngaz]);
				L->errors++;
			}
		}
		globfree(&gl);
	}
	free(pat);
}

static void load_version(pnx_rules *rs)
{
	char *path = pn_xasprintf("%s/VERSION", rs->dir);
	FILE *f = fopen(path, "r");
	char line[128] = "";
	if (f) {
		if (!fgets(line, sizeof line, f))
			line[0] = '\0';
		fclose(f);
	}
	line[strcspn(line, "\r\n")] = '\0';
	rs->version = pn_xstrdup(line[0] ? line : "unknown");
	free(path);
}

pnx_rules *pnx_rules_load(const char *dir)
{
	pnx_rules *rs = pn_xcalloc(1, sizeof *rs);
	pnx_loader L = {.rs = rs};
	rs->dir = pn_xstrdup(dir);
	rs->mctx = pcre2_match_context_create(NULL);
	rs->jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (!rs->mctx || !rs->jit_stack)
		pn_die(PN_EXIT_INTERNAL, "out of memory (PCRE2 contexts)");
	pcre2_jit_stack_assign(rs->mctx, NULL, rs->jit_stack);
	load_version(rs);
	load_gazetteers(&L);

	char *pat = pn_xasprintf("%s/*.rules", dir);
	glob_t gl;
	int g = glob(pat, 0, NULL, &gl);
	free(pat);
	if (g == GLOB_NOMATCH || (g == 0 && gl.gl_pathc == 0))
		pn_die(PN_EXIT_CONFIG, "%s: no *.rules files (set --rules or PN_RULES_DIR)", dir);
	if (g != 0)
		pn_die(PN_EXIT_CONFIG, "%s: cannot list rules files", dir);
	rs->nfiles = gl.gl_pathc;
	rs->files = pn_xcalloc(rs->nfiles, sizeof *rs->files);
	for (size_t i = 0; i < rs->nfiles; i++)
		rs->files[i] = pn_xstrdup(gl.gl_pathv[i]);
	globfree(&gl);

	for (size_t i = 0; i < rs->nfiles; i++)
		parse_file(&L, rs->files[i]);
	for (size_t i = 0; i < rs->nrules; i++)
		check_rule(&L, &rs->rules[i]);
	for (size_t i = 0; i < L.ndefs; i++) {
		/* Unused macros are still checked so a typo surfaces early. */
		expand_define(&L, &L.defs[i], L.defs[i].file, L.defs[i].line);
		free(L.defs[i].name);
		free(L.defs[i].expanded);
		pn_buf_free(&L.defs[i].alts);
	}
	free(L.defs);
	if (L.errors)
		pn_die(PN_EXIT_CONFIG, "%s: %u error%s in the rules", dir, L.errors, L.errors == 1 ? "" : "s");
	return rs;
}

static void free_kvs(pnx_kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(kv[i].key);
		free(kv[i].value);
	}
	free(kv);
}

void pnx_rules_free(pnx_rules *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->nrules; i++) {
		pnx_rule *r = &rs->rules[i];
		for (size_t j = 0; j < r->npats; j++) {
			free(r->pats[j].source);
			pcre2_code_free(r->pats[j].code);
		}
		for (size_t j = 0; j < r->nexamples; j++) {
			free(r->examples[j].text);
			free_kvs(r->examples[j].expect, r->examples[j].nexpect);
		}
		free_kvs(r->sets, r->nsets);
		if (r->prefilter) {
			free(r->prefilter->source);
			pcre2_code_free(r->prefilter->code);
			free(r->prefilter);
		}
		free(r->pats);
		free(r->examples);
		free(r->id);
		free(r->kind);
		free(r->type);
	}
	for (size_t i = 0; i < rs->ngaz; i++)
		pnx_gaz_free(&rs->gaz[i]);
	for (size_t i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	pcre2_match_context_free(rs->mctx);
	pcre2_jit_stack_free(rs->jit_stack);
	free(rs->files);
	free(rs->gaz);
	free(rs->rules);
	free(rs->dir);
	free(rs->version);
	free(rs);
}

/* ---- queries -------------------------------------------------------- */

static int by_priority(const void *a, const void *b)
{
	const pnx_rule *ra = *(const pnx_rule *const *)a, *rb = *(const pnx_rule *const *)b;
	if (ra->priority != rb->priority)
		return ra->priority > rb->priority ? -1 : 1;
	return ra < rb ? -1 : ra > rb;
}

size_t pnx_rules_of_kind(const pnx_rules *rs, const char *kind, const pnx_rule ***out)
{
	const pnx_rule **v = pn_xcalloc(rs->nrules + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].kind, kind) == 0)
			v[n++] = &rs->rules[i];
	qsort(v, n, sizeof *v, by_priority);
	*out = v;
	return n;
}

const char *pnx_rule_set(const pnx_rule *r, const char *key)
{
	for (size_t i = 0; i < r->nsets; i++)
		if (strcmp(r->sets[i].key, key) == 0)
			return r->sets[i].value;
	return NULL;
}

const pnx_gazetteer *pnx_rules_gaz(const pnx_rules *rs, const char *name)
{
	for (size_t i = 0; i < rs->ngaz; i++)
		if (strcmp(rs->gaz[i].name, name) == 0)
			return &rs->gaz[i];
	return NULL;
}

void pnx_rules_check_captures(const pnx_rules *rs, const char *kind, const char *const *allowed)
{
	unsigned bad = 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		const pnx_rule *r = &rs->rules[i];
		if (strcmp(r->kind, kind) != 0)
			continue;
		for (size_t j = 0; j < r->npats; j++) {
			uint32_t count, size;
			PCRE2_SPTR table;
			pcre2_pattern_info(r->pats[j].code, PCRE2_INFO_NAMECOUNT, &count);
			pcre2_pattern_info(r->pats[j].code, PCRE2_INFO_NAMEENTRYSIZE, &size);
			pcre2_pattern_info(r->pats[j].code, PCRE2_INFO_NAMETABLE, &table);
			for (uint32_t k = 0; k < count; k++) {
				const char *name = (const char *)table + k * size + 2;
				bool ok = false;
				for (size_t a = 0; allowed[a] && !ok; a++)
					ok = strcmp(allowed[a], name) == 0;
				if (!ok) {
					pn_warn("%s:%u: rule %s: unknown capture (?<%s>) for kind %s",
					        r->file, r->pats[j].line, r->id, name, kind);
					bad++;
				}
			}
		}
	}
	if (bad)
		pn_die(PN_EXIT_CONFIG, "%s: %u unknown capture name%s", rs->dir, bad, bad == 1 ? "" : "s");
}

pcre2_match_data *pnx_rules_match_data(const pnx_rules *rs)
{
	pcre2_match_data *md = pcre2_match_data_create(rs->max_groups + 1, NULL);
	if (!md)
		pn_die(PN_EXIT_INTERNAL, "out of memory (match data)");
	return md;
}

bool pnx_pattern_match(const pnx_pattern *p, const char *subject, size_t len,
                       size_t start, pcre2_match_data *md)
{
	static bool warned;
	int rc = pcre2_match(p->code, (PCRE2_SPTR)subject, len, start, PCRE2_NO_UTF_CHECK, md, p->mctx);
	if (rc >= 0)
		return true;
	if (rc != PCRE2_ERROR_NOMATCH && !warned) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(rc, msg, sizeof msg);
		pn_warn("pattern at line %u: %s (treated as no match)", p->line, (const char *)msg);
		warned = true;
	}
	return false;
}

static void scan_range(const pnx_rule *r, const char *text, size_t from, size_t to, pcre2_match_data *md,
                       pnx_match_fn fn, void *ctx)
{
	for (size_t k = 0; k < r->npats; k++) {
		size_t pos = from;
		while (pos < to && pnx_pattern_match(&r->pats[k], text, to, pos, md)) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			size_t next = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			fn(ctx, r, &r->pats[k], md);
			pos = next;
		}
	}
}

void pnx_rule_scan(const pnx_rule *r, const char *text, size_t len, pcre2_match_data *md,
                   pnx_window_fn window_of, pnx_match_fn fn, void *ctx)
{
	if (!r->prefilter || !window_of) {
		scan_range(r, text, 0, len, md, fn, ctx);
		return;
	}
	size_t pos = 0;
	while (pos < len && pnx_pattern_match(r->prefilter, text, len, pos, md)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		size_t ws, we;
		window_of(ctx, ov[0], &ws, &we);
		if (ws < pos)
			ws = pos;
		if (we <= ws)
			we = ov[1] > ws ? ov[1] : ws + 1;
		scan_range(r, text, ws, we > len ? len : we, md, fn, ctx);
		pos = we;
	}
}

bool pnx_capture(const pnx_pattern *p, pcre2_match_data *md, const char *name,
                 size_t *start, size_t *end)
{
	int n = pcre2_substring_number_from_name(p->code, (PCRE2_SPTR)name);
	if (n <= 0)
		return false;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	if (ov[2 * n] == PCRE2_UNSET)
		return false;
	*start = ov[2 * n];
	*end = ov[2 * n + 1];
	return true;
}
