/* rules.c - loading rules/ (parse, expand, compile with PCRE2, check),
 * freeing it, and the queries of rules.h. Parsing is rules_parse.c,
 * expansion rules_expand.c, matching rules_match.c. */
#include "rules_int.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>

static const char *const known_kinds[] = {"entity", "event", "timex", NULL};

/* ---- compiling ------------------------------------------------------ */

/* p->first from what PCRE2 found a match must start with. A fixed first
 * code unit may be caseless (PCRE2 does not say): both ASCII cases are
 * let in, and every non-ASCII byte for a letter (K and s have non-ASCII
 * case twins under UTF) or a non-ASCII unit. */
static void first_bytes(pnx_pattern *p)
{
	uint32_t type = 0, unit = 0;
	const uint8_t *map = NULL;
	pcre2_pattern_info(p->code, PCRE2_INFO_FIRSTCODETYPE, &type);
	pcre2_pattern_info(p->code, PCRE2_INFO_FIRSTBITMAP, &map);
	memset(p->first, 0, sizeof p->first);
	if (type == 1 && pcre2_pattern_info(p->code, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 256) {
		unsigned c = unit, lower = c | 0x20;
		p->first[c >> 6] |= (uint64_t)1 << (c & 63);
		if (c >= 0x80 || (lower >= 'a' && lower <= 'z')) {
			for (unsigned b = 0x80; b < 256; b++)
				p->first[b >> 6] |= (uint64_t)1 << (b & 63);
			if (c < 0x80)
				for (unsigned v = lower & ~0x20u; v <= lower; v += 0x20)
					p->first[v >> 6] |= (uint64_t)1 << (v & 63);
		}
	} else if (type == 0 && map) {
		for (unsigned b = 0; b < 256; b++)
			if (map[b >> 3] >> (b & 7) & 1)
				p->first[b >> 6] |= (uint64_t)1 << (b & 63);
	} else {
		memset(p->first, 0xFF, sizeof p->first);
	}
}

static void compile_pattern(pnx_loader *L, pnx_rule *r, pnx_pattern *p)
{
	pn_buf out = PN_BUF_INIT;
	if (pnx_expand(L, p->source, &out, r->file, p->line) != 0) {
		pn_buf_free(&out);
		return;
	}
	free(p->source);
	p->source = pn_buf_steal(&out);
	int err;
	PCRE2_SIZE off;
	/* timex rules run in windows of match starts (rules with `words`) and
	 * in pieces of the text (timex_run.c) */
	uint32_t opts = PCRE2_UTF | PCRE2_UCP;
	bool own = p >= r->pats && p < r->pats + r->npats; /* not a prefilter or needs line */
	if (r->kind && strcmp(r->kind, "timex") == 0 && own)
		opts |= PCRE2_USE_OFFSET_LIMIT;
	p->code = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED, opts, &err, &off, NULL);
	if (!p->code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof msg);
		size_t from = off > 20 ? off - 20 : 0;
		pnx_lerr(L, r->file, p->line, "rule %s: PCRE2 error at offset %zu: %s (near \"%.40s\")",
		     r->id, (size_t)off, (const char *)msg, p->source + from);
		return;
	}
	/* JIT is an optimisation: a platform without it still matches.
	 * PN_NO_JIT=1 turns it off for valgrind, which cannot see into JIT
	 * code and reports its reads as uninitialised. */
	if (r->anchor && own)
		p->anchored = pcre2_compile((PCRE2_SPTR)p->source, PCRE2_ZERO_TERMINATED, opts | PCRE2_ANCHORED, &err,
		                            &off, NULL);
	const char *nojit = getenv("PN_NO_JIT");
	if (!nojit || strcmp(nojit, "1") != 0)
		p->jit_due = 1u | (p->anchored ? 2u : 0u);
	p->mctx = L->rs->mctx;
	if (pnx_prof_on())
		p->prof = pn_xcalloc(1, sizeof *p->prof);
	first_bytes(p);
	uint32_t groups;
	pcre2_pattern_info(p->code, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (groups > L->rs->max_groups)
		L->rs->max_groups = groups;
}

static void check_rule(pnx_loader *L, pnx_rule *r)
{
	if (!r->kind) {
		pnx_lerr(L, r->file, r->line, "rule %s: no kind line", r->id);
	} else {
		bool known = false;
		for (size_t i = 0; known_kinds[i]; i++)
			known |= strcmp(known_kinds[i], r->kind) == 0;
		if (!known)
			pnx_lerr(L, r->file, r->line, "rule %s: unknown kind '%s' (entity, event or timex)", r->id, r->kind);
	}
	if (!r->type)
		r->type = pn_xstrdup("");
	if (!r->npats && !r->lookup)
		pnx_lerr(L, r->file, r->line, "rule %s: no pattern or lookup line", r->id);
	for (size_t i = 0; i < r->npats; i++)
		compile_pattern(L, r, &r->pats[i]);
	for (size_t i = 0; i < r->nprefilter; i++)
		compile_pattern(L, r, &r->prefilter[i]);
	for (size_t i = 0; i < r->nneeds; i++)
		compile_pattern(L, r, &r->needs[i]);
	if (r->anchor && r->kind && strcmp(r->kind, "timex") == 0)
		pnx_lerr(L, r->file, r->line, "rule %s: anchor is for entity and event rules (timex rules use words)", r->id);
	if (r->anchor && !r->anchor->nends && !r->anchor->capitals)
		pnx_lerr(L, r->file, r->line, "rule %s: anchor without endings or words", r->id);
	if (r->anchor && r->anchor->nends && r->anchor->capitals)
		pnx_lerr(L, r->file, r->line, "rule %s: anchor: capitals or endings/words, not both", r->id);
	if (r->lookup && pnx_prof_on())
		r->lookup_prof = pn_xcalloc(1, sizeof *r->lookup_prof);
}

static bool same_words(char **a, size_t na, char **b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

/* Rules with the same anchor lines get the same id, so that their
 * candidates are found once per text (pnx_anchor_memo). */
static void number_anchors(pnx_rules *rs)
{
	for (size_t i = 0; i < rs->nrules; i++) {
		pnx_anchor *a = rs->rules[i].anchor;
		if (!a)
			continue;
		a->id = rs->nanchors;
		for (size_t j = 0; j < i; j++) {
			const pnx_anchor *b = rs->rules[j].anchor;
			if (b && a->capitals == b->capitals && a->codes == b->codes && a->whole == b->whole &&
			    a->near_spaces == b->near_spaces &&
			    same_words(a->ends, a->nends, b->ends, b->nends) && same_words(a->near, a->nnear, b->near, b->nnear)) {
				a->id = b->id;
				break;
			}
		}
		if (a->id == rs->nanchors)
			rs->nanchors++;
	}
}

/* Each distinct `anchor endings` (up to 8) gets a bit of pnx_word.ends,
 * set by pnx_gaz_words_mark from the word's last two letters: the
 * anchor then passes over most words of letters on that bit alone. */
static void endings_bits(pnx_rules *rs)
{
	size_t ids[8];
	unsigned n = 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		pnx_anchor *a = rs->rules[i].anchor;
		if (!a || a->capitals || a->whole || !a->nends)
			continue;
		unsigned k = 0;
		while (k < n && ids[k] != a->id)
			k++;
		if (k == 8)
			continue; /* no bit left: the anchor tests its pairs itself */
		if (k == n)
			ids[n++] = a->id;
		a->ebit = (uint8_t)(1u << k);
		for (unsigned p = 0; p < 26 * 26; p++)
			if (a->pairs[p >> 6] >> (p & 63) & 1)
				rs->firsts.endpair[p] |= a->ebit;
	}
}

/* The gazetteers' first words and, under their own bits, the `words` of
 * entity and event rules (timex rules find theirs themselves) and the
 * words of `anchor words` lines, so that one probe per word of an
 * article serves all (extract.c, rules_match.c). */
static void build_firsts(pnx_rules *rs)
{
	pn_buf h = PN_BUF_INIT;
	bool anchor_words = false;
	for (size_t i = 0; i < rs->nrules; i++) {
		const pnx_rule *r = &rs->rules[i];
		for (size_t k = 0; k < r->nwords && strcmp(r->kind, "timex") != 0; k++) {
			pnx_gaz_extra x = {pnx_word_hash(r->words[k], strlen(r->words[k])), PNX_GAZ_TRIGGER_BIT};
			pn_buf_add(&h, &x, sizeof x);
		}
		for (size_t k = 0; r->anchor && r->anchor->whole && k < r->anchor->nends; k++) {
			pnx_gaz_extra x = {pnx_word_hash(r->anchor->ends[k], strlen(r->anchor->ends[k])), PNX_GAZ_ANCHOR_BIT};
			pn_buf_add(&h, &x, sizeof x);
			anchor_words = true;
		}
	}
	pnx_gaz_firsts_build(&rs->firsts, rs->gaz, rs->ngaz, (const pnx_gaz_extra *)h.data, h.len / sizeof(pnx_gaz_extra),
	                     anchor_words ? 1u << PNX_GAZ_ANCHOR_BIT : 0);
	pn_buf_free(&h);
	endings_bits(rs);
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
		pnx_parse_file(&L, rs->files[i]);
	for (size_t i = 0; i < rs->nrules; i++)
		check_rule(&L, &rs->rules[i]);
	number_anchors(rs);
	build_firsts(rs);
	for (size_t i = 0; i < L.ndefs; i++) {
		/* Unused macros are still checked so a typo surfaces early. */
		pnx_expand_define(&L, &L.defs[i], L.defs[i].file, L.defs[i].line);
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
			free(r->pats[j].prof);
			pcre2_code_free(r->pats[j].code);
			pcre2_code_free(r->pats[j].anchored);
		}
		if (r->anchor) {
			for (size_t j = 0; j < r->anchor->nends; j++)
				free(r->anchor->ends[j]);
			free(r->anchor->ends);
			free(r->anchor->next);
			free(r->anchor->final);
			for (size_t k = 0; k < r->anchor->nnear; k++)
				free(r->anchor->near[k]);
			free(r->anchor->near);
			free(r->anchor->near_hash);
			free(r->anchor);
		}
		free(r->lookup_prof);
		for (size_t j = 0; j < r->nexamples; j++) {
			free(r->examples[j].text);
			free_kvs(r->examples[j].expect, r->examples[j].nexpect);
		}
		free_kvs(r->sets, r->nsets);
		for (size_t j = 0; j < r->nwords; j++)
			free(r->words[j]);
		free(r->words);
		for (size_t j = 0; j < r->nneeds; j++) {
			free(r->needs[j].source);
			free(r->needs[j].prof);
			pcre2_code_free(r->needs[j].code);
		}
		free(r->needs);
		for (size_t j = 0; j < r->nprefilter; j++) {
			free(r->prefilter[j].source);
			free(r->prefilter[j].prof);
			pcre2_code_free(r->prefilter[j].code);
		}
		free(r->prefilter);
		free(r->pats);
		free(r->examples);
		free(r->id);
		free(r->kind);
		free(r->type);
	}
	for (size_t i = 0; i < rs->ngaz; i++)
		pnx_gaz_free(&rs->gaz[i]);
	pnx_gaz_firsts_free(&rs->firsts);
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
		if (pnx_streq(r->sets[i].key, key))
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
