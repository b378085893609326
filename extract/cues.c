/* cues.c - the vocabulary lists of the event pass and of the trade mark
 * products from rules/gazetteers/cues.tsv. */
#include "cues.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Every list the code uses, by its row name. A list the file lacks is an
 * error: the code would silently lose a cue. */
static const struct {
	const char *name;
	size_t off;
} lists[] = {
	{"presentation_talk", offsetof(pnx_cues, presentation_talk)},
	{"presentation_venue", offsetof(pnx_cues, presentation_venue)},
	{"results_verbs", offsetof(pnx_cues, results_verbs)},
	{"financial_title", offsetof(pnx_cues, financial_title)},
	{"meeting_names", offsetof(pnx_cues, meeting_names)},
	{"partner_marks", offsetof(pnx_cues, partner_marks)},
	{"dose_units", offsetof(pnx_cues, dose_units)},
	{"combination_joins", offsetof(pnx_cues, combination_joins)},
	{"combination_after", offsetof(pnx_cues, combination_after)},
	{"combination_before", offsetof(pnx_cues, combination_before)},
	{"comparator_marks", offsetof(pnx_cues, comparator_marks)},
	{"clause_breaks", offsetof(pnx_cues, clause_breaks)},
	{"headline_small_words", offsetof(pnx_cues, headline_small_words)},
	{"dateline_marks", offsetof(pnx_cues, dateline_marks)},
	{"restated_marks", offsetof(pnx_cues, restated_marks)},
	{"restated_not", offsetof(pnx_cues, restated_not)},
	{"period_bounds", offsetof(pnx_cues, period_bounds)},
	{"title_preclinical", offsetof(pnx_cues, title_preclinical)},
	{"title_clinical", offsetof(pnx_cues, title_clinical)},
	{"title_publication", offsetof(pnx_cues, title_publication)},
	{"title_presented", offsetof(pnx_cues, title_presented)},
	{"lead_presented", offsetof(pnx_cues, lead_presented)},
	{"marked_stop", offsetof(pnx_cues, marked_stop)},
	{"marked_next_stop", offsetof(pnx_cues, marked_next_stop)},
	{"marked_tail", offsetof(pnx_cues, marked_tail)},
};

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* One '|'-separated entry e[0..n): written between double quotes when it
 * starts or ends with a space (an editor would strip or hide those),
 * else as is. Returns the entry (malloc'd) or NULL with *why set. */
static char *entry(const char *e, size_t n, const char **why)
{
	if (n >= 2 && e[0] == '"' && e[n - 1] == '"') {
		e++;
		n -= 2;
	} else if (n && (blank(e[0]) || blank(e[n - 1]))) {
		*why = "an entry starting or ending with a blank must be quoted (\" plus \")";
		return NULL;
	}
	if (!n) {
		*why = "empty entry";
		return NULL;
	}
	if (memchr(e, '"', n)) {
		*why = "a double quote inside an entry";
		return NULL;
	}
	return pn_xstrndup(e, n);
}

/* The entries of cell into l; false after reporting the first bad one. */
static bool split(pnx_cue_list *l, const char *cell, const char *path, unsigned line)
{
	pn_buf w = PN_BUF_INIT, len = PN_BUF_INIT;
	bool ok = true;
	for (const char *p = cell;; ) {
		const char *bar = strchr(p, '|'), *why = NULL;
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		char *e = entry(p, n, &why);
		if (!e) {
			pn_warn("%s:%u: %s", path, line, why);
			ok = false;
			break;
		}
		n = strlen(e);
		pn_buf_add(&w, &e, sizeof e);
		pn_buf_add(&len, &n, sizeof n);
		if (!bar)
			break;
		p = bar + 1;
	}
	l->n = w.len / sizeof(char *);
	char *end = NULL;
	pn_buf_add(&w, &end, sizeof end);
	l->w = (char **)pn_buf_steal(&w);
	l->len = (size_t *)pn_buf_steal(&len);
	return ok;
}

/* crosses_clause (events_slots.c) tests the first two bytes of a break
 * before comparing it: each has two or more, the first one of " ,;-". */
static bool break_ok(pnx_cues *c, const char *path, unsigned line)
{
	const pnx_cue_list *l = &c->clause_breaks;
	for (size_t k = 0; k < l->n; k++) {
		if (l->len[k] < 2 || !strchr(" ,;-", l->w[k][0])) {
			pn_warn("%s:%u: clause break \"%s\": two bytes or more, the first one of \" ,;-\"", path,
			        line, l->w[k]);
			return false;
		}
		unsigned p = (unsigned char)l->w[k][0] << 8 | (unsigned char)l->w[k][1];
		c->break_pairs[p >> 6] |= (uint64_t)1 << (p & 63);
	}
	return true;
}

/* A row naming no list of the code is a typo or a list the code dropped:
 * either way its words would be ignored. */
static int unknown_rows(const pnx_gazetteer *g)
{
	int bad = 0;
	for (size_t r = 0; r < g->nrows; r++) {
		const char *name = g->cells[r * g->ncols];
		size_t i = 0;
		while (i < sizeof lists / sizeof *lists && strcmp(lists[i].name, name) != 0)
			i++;
		if (i == sizeof lists / sizeof *lists) {
			pn_warn("%s:%u: no list of the event code is called %s", g->path, g->lines[r], name);
			bad++;
		}
	}
	return bad;
}

int pnx_cues_init(pnx_cues *c, const pnx_rules *rs)
{
	memset(c, 0, sizeof *c);
	const pnx_gazetteer *g = pnx_rules_gaz(rs, "cues");
	if (!g) {
		pn_warn("%s/gazetteers/cues.tsv: missing (the event pass's word lists)", rs->dir);
		return 1;
	}
	int col = pnx_gaz_col(g, "entries"), bad = unknown_rows(g);
	if (col < 0 || pnx_gaz_col(g, "name") != 0) {
		pn_warn("%s: the header must be \"name<TAB>entries\"", g->path);
		return 1;
	}
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
		pnx_cue_list *l = (pnx_cue_list *)((char *)c + lists[i].off);
		long r = pnx_gaz_find(g, lists[i].name, strlen(lists[i].name));
		if (r < 0) {
			pn_warn("%s: no list %s", g->path, lists[i].name);
			bad++;
			continue;
		}
		const char *cell = g->cells[(size_t)r * g->ncols + (size_t)col];
		unsigned line = g->lines[r];
		if (!split(l, cell, g->path, line) || (l == &c->clause_breaks && !break_ok(c, g->path, line)))
			bad++;
	}
	return bad;
}

void pnx_cues_free(pnx_cues *c)
{
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
		pnx_cue_list *l = (pnx_cue_list *)((char *)c + lists[i].off);
		for (size_t k = 0; k < l->n; k++)
			free(l->w[k]);
		free(l->w);
		free(l->len);
	}
	memset(c, 0, sizeof *c);
}
