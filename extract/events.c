/* events.c - events from the `kind event` rules.
 *
 * A rule's pattern finds the trigger ("has approved", "were accepted by");
 * the slots come from its named captures when it has them, else from the
 * entities and timexes of the same sentence nearest the trigger, else (drug
 * and company) from the article's main drug and company. "X and Y ...,
 * respectively" with as many dates as agencies gives one event per pair.
 * Undated events are dated by the publication date when the rule says
 * `set dating=published` ("has approved") or the sentence says "today".
 * rules/README.md "Event rules" documents captures and `set` keys. */
#include "extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *const pnx_event_captures[] = {
	"trigger", "agency", "drug", "company", "indication", "date", "designation", "jurisdiction", NULL,
};

typedef struct pnx_slots {
	pnx_span sent;
	size_t sent_idx;
	pnx_span trig;
	const pnx_rule *r;
	const pnx_pattern *p;
	bool date_cap;        /* the rule captured the date itself */
} pnx_slots;

static size_t gap(pnx_span a, pnx_span b)
{
	if (a.end <= b.start)
		return b.start - a.end;
	if (b.end <= a.start)
		return a.start - b.end;
	return 0;
}

/* Entity of type mentioned in the sentence nearest the trigger, or the
 * one mentioned inside the capture span cap when the rule captured it. */
static int nearest_entity(const pnx_doc *d, const char *type, const pnx_slots *s, const pnx_span *cap)
{
	int best = -1;
	size_t best_gap = (size_t)-1;
	for (size_t i = 0; i < d->nents; i++) {
		const pnx_entity *e = &d->ents[i];
		if (strcmp(e->type, type) != 0)
			continue;
		for (size_t j = 0; j < e->nmentions; j++) {
			pnx_span m = e->mentions[j];
			if (cap ? !(m.start < cap->end && cap->start < m.end)
			        : !(m.start >= s->sent.start && m.end <= s->sent.end))
				continue;
			size_t g = gap(m, s->trig);
			if (g < best_gap) {
				best_gap = g;
				best = (int)i;
			}
		}
	}
	return best;
}

static int slot_entity(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, const char *slot,
                       const char *type)
{
	pnx_span cap;
	if (pnx_capture(s->p, x->md, slot, &cap.start, &cap.end)) {
		int e = nearest_entity(d, type, s, &cap);
		if (e >= 0)
			return e;
	}
	return nearest_entity(d, type, s, NULL);
}

static bool dated(const pnx_timex *t)
{
	return t->grain && strcmp(t->type, "DATE") == 0 && isdigit((unsigned char)t->value[0]);
}

/* Text between a and b holds a clause break: the date there belongs to
 * another verb ("submitted ... last year, and the FDA accepted ..."). */
static bool crosses_clause(const pnx_doc *d, size_t a, size_t b)
{
	static const char *const breaks[] = {"; ", ", and ", ", but ", ", while ", ", which ", ", whereas ",
	                                     " and expects ", " and plans ", " and set ", " and will ", " and said ",
	                                     NULL};
	const char *t = d->norm.text;
	for (size_t i = a; i < b; i++)
		for (size_t k = 0; breaks[k]; k++)
			if (t[i] == breaks[k][0] && strncmp(t + i, breaks[k], strlen(breaks[k])) == 0 &&
			    i + strlen(breaks[k]) <= b)
				return true;
	return false;
}

/* The date of the trigger: the first dated timex after it in the same
 * clause, else the nearest before it in the same clause; with a `date`
 * capture, the timex inside it. */
static long nearest_timex(const pnx_doc *d, const pnx_slots *s, const pnx_span *cap)
{
	long after = -1, before = -1;
	for (size_t i = 0; i < d->ntx; i++) {
		const pnx_timex *t = &d->tx[i];
		if (!dated(t))
			continue;
		if (cap) {
			if (t->start < cap->end && cap->start < t->end)
				return (long)i;
			continue;
		}
		if (t->start < s->sent.start || t->end > s->sent.end)
			continue;
		if (t->start >= s->trig.end) {
			if (after < 0 && !crosses_clause(d, s->trig.end, t->start))
				after = (long)i;
		} else if (t->end <= s->trig.start) {
			if (!crosses_clause(d, t->end, s->trig.start))
				before = (long)i;
		} else {
			return (long)i;
		}
	}
	return after >= 0 ? after : before;
}

/* A table row split into cells ("Submission to the FDA" / "Second quarter
 * of 2025") leaves the date alone in the next sentence. */
static long next_cell_timex(const pnx_doc *d, size_t sent_idx)
{
	if (sent_idx + 1 >= d->nsents)
		return -1;
	pnx_span nx = d->sents[sent_idx + 1];
	for (size_t i = 0; i < d->ntx; i++)
		if (dated(&d->tx[i]) && d->tx[i].start <= nx.start + 4 && d->tx[i].end + 1 >= nx.end &&
		    d->tx[i].start >= nx.start)
			return (long)i;
	return -1;
}

static bool has_year(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++)
		if ((s[i] == '1' || s[i] == '2') && isdigit((unsigned char)s[i + 1]) &&
		    isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]))
			return true;
	return false;
}

static bool sentence_has(const pnx_doc *d, pnx_span sent, const char *word)
{
	size_t n = strlen(word);
	const char *t = d->norm.text;
	for (size_t i = sent.start; i + n <= sent.end; i++)
		if (strncasecmp(t + i, word, n) == 0 && (i == 0 || !isalnum((unsigned char)t[i - 1])) &&
		    (i + n >= d->norm.len || !isalnum((unsigned char)t[i + n])))
			return true;
	return false;
}

static char *capture_text(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, const char *slot)
{
	size_t a, b;
	if (pnx_capture(s->p, x->md, slot, &a, &b) && a < b)
		return pn_xstrndup(d->norm.text + a, b - a);
	const char *v = pnx_rule_set(s->r, slot);
	return v ? pn_xstrdup(v) : NULL;
}

static pnx_event *new_event(pnx_doc *d)
{
	if (d->nevs == d->cevs) {
		d->cevs = d->cevs ? d->cevs * 2 : 16;
		d->evs = pn_xrealloc(d->evs, d->cevs * sizeof *d->evs);
	}
	pnx_event *ev = &d->evs[d->nevs++];
	memset(ev, 0, sizeof *ev);
	ev->drug = ev->company = ev->agency = ev->indication = -1;
	return ev;
}

static void set_date(pnx_event *ev, const pnx_doc *d, long ti)
{
	const pnx_timex *t = &d->tx[ti];
	snprintf(ev->date, sizeof ev->date, "%s", t->value);
	ev->grain = t->grain;
	ev->date_span = (pnx_span){t->start, t->end};
	/* "January" in "January and February 2025" takes its year from its pair */
	const pnx_timex *o = t->pair >= 0 ? &d->tx[t->pair] : t;
	ev->date_source = has_year(d->norm.text + t->start, t->end - t->start) ||
	                  has_year(d->norm.text + o->start, o->end - o->start) ? "text" : "relative";
}

/* designation: NULL to take it from the rule (capture or `set`), else a
 * designations.tsv name found by each_designation(). */
static void fill_event(pnx_extractor *x, pnx_doc *d, const pnx_slots *s, int agency, long ti,
                       const char *designation)
{
	size_t js, je;
	const pnx_rule *r = s->r;
	pnx_event *ev = new_event(d);
	ev->type = r->type;
	ev->rule = r->id;
	ev->priority = r->priority;
	ev->sent = s->sent_idx;
	ev->trigger = s->trig;
	ev->agency = agency;
	const char *status = pnx_rule_set(r, "status");
	ev->status = status ? status : "completed";
	/* An unnamed candidate is known by its lab code ("NVT-330 met ..."). */
	ev->drug = slot_entity(x, d, s, "drug", "drug");
	if (ev->drug < 0)
		ev->drug = slot_entity(x, d, s, "drug", "lab_code");
	if (ev->drug < 0 && !pnx_rule_set(r, "drug"))
		ev->drug = d->main_drug;
	ev->company = slot_entity(x, d, s, "company", "company");
	if (ev->company < 0)
		ev->company = d->main_company;
	ev->indication = slot_entity(x, d, s, "indication", "indication");
	ev->designation = designation ? pn_xstrdup(designation) : capture_text(x, d, s, "designation");
	const pnx_gazetteer *dg = pnx_rules_gaz(x->rs, "designations");
	long drow = dg && ev->designation ? pnx_gaz_find(dg, ev->designation, strlen(ev->designation)) : -1;
	if (drow >= 0) {
		free(ev->designation);
		ev->designation = pn_xstrdup(pnx_gaz_get(dg, (size_t)drow, "name"));
	}
	if (agency >= 0) {
		json_t *j = json_object_get(d->ents[agency].attrs, "jurisdiction");
		if (json_string_value(j))
			ev->jurisdiction = pn_xstrdup(json_string_value(j));
	} else if (pnx_rule_set(r, "agency") && strcmp(pnx_rule_set(r, "agency"), "none") != 0 &&
	           !pnx_capture(s->p, x->md, "jurisdiction", &js, &je)) {
		/* the default agency, unless the text named the country itself */
		/* Checked at load: the name is a row of regulators.tsv. */
		const pnx_gazetteer *g = pnx_rules_gaz(x->rs, "regulators");
		const char *a = pnx_rule_set(r, "agency");
		long row = pnx_gaz_find(g, a, strlen(a));
		ev->agency_name = pnx_gaz_get(g, (size_t)row, "name");
		const char *j = pnx_gaz_get(g, (size_t)row, "jurisdiction");
		if (*j)
			ev->jurisdiction = pn_xstrdup(j);
	}
	if (!ev->jurisdiction) {
		/* "approved in China": the code regulators.tsv uses, via
		 * gazetteers/jurisdictions.tsv when it knows the name */
		ev->jurisdiction = capture_text(x, d, s, "jurisdiction");
		const pnx_gazetteer *g = pnx_rules_gaz(x->rs, "jurisdictions");
		long row = g && ev->jurisdiction ? pnx_gaz_find(g, ev->jurisdiction, strlen(ev->jurisdiction)) : -1;
		if (row >= 0) {
			free(ev->jurisdiction);
			ev->jurisdiction = pn_xstrdup(pnx_gaz_get(g, (size_t)row, "name"));
		}
	}
	const char *dating = pnx_rule_set(r, "dating");
	bool by_published = dating && strcmp(dating, "published") == 0;
	bool fallback = dating && strcmp(dating, "fallback") == 0;
	if (ti >= 0 && !(by_published && !s->date_cap))
		set_date(ev, d, ti);
	else if (d->published[0] && (by_published || fallback || sentence_has(d, s->sent, "today"))) {
		memcpy(ev->date, d->published, sizeof d->published);
		ev->grain = "day";
		ev->date_source = "published";
	}
	/* A completed-looking event dated after publication is still to come. */
	if (ev->date[0] && d->published[0] && strcmp(ev->status, "completed") == 0 &&
	    strncmp(ev->date, d->published, strlen(ev->date) < 10 ? strlen(ev->date) : 10) > 0)
		ev->status = "planned";
	pnx_explain(x, d, r, s->trig.start, s->trig.end);
}

/* "In January and February 2025, ... accepted by A and B, respectively":
 * as many dated timexes as distinct agencies, paired in order. */
static bool respectively(pnx_extractor *x, pnx_doc *d, const pnx_slots *s)
{
	if (!sentence_has(d, s->sent, "respectively"))
		return false;
	int ag[8];
	size_t nag = 0;
	for (size_t pos = s->sent.start; pos < s->sent.end && nag < 8;) {
		int found = -1;
		size_t first = s->sent.end;
		for (size_t i = 0; i < d->nents; i++) {
			if (strcmp(d->ents[i].type, "regulator") != 0)
				continue;
			for (size_t j = 0; j < d->ents[i].nmentions; j++) {
				pnx_span m = d->ents[i].mentions[j];
				if (m.start >= pos && m.end <= s->sent.end && m.start < first) {
					first = m.start;
					found = (int)i;
				}
			}
		}
		if (found < 0)
			break;
		bool dup = false;
		for (size_t k = 0; k < nag; k++)
			dup |= ag[k] == found;
		if (!dup)
			ag[nag++] = found;
		pos = first + 1;
	}
	long tx[8];
	size_t ntx = 0;
	for (size_t i = 0; i < d->ntx && ntx < 8; i++)
		if (dated(&d->tx[i]) && d->tx[i].start >= s->sent.start && d->tx[i].end <= s->sent.end)
			tx[ntx++] = (long)i;
	if (nag < 2 || ntx != nag)
		return false;
	for (size_t k = 0; k < nag; k++)
		fill_event(x, d, s, ag[k], tx[k], NULL);
	return true;
}

/* Most words around the trigger start with a capital: a Title Case
 * headline, not body text (which may follow it in the same "sentence"
 * when the page lost its line breaks). */
static bool headline_like(const pnx_doc *d, const pnx_slots *s)
{
	static const char *const small[] = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on",
	                                    "or", "the", "to", "with", "its", "into", NULL};
	const char *t = d->norm.text;
	size_t from = s->trig.start, to = s->trig.end, words = 0, caps = 0;
	for (int n = 0; from > s->sent.start && n < 40; n++)
		from--;
	for (int n = 0; to < s->sent.end && n < 40; n++)
		to++;
	for (size_t i = from; i < to; i++) {
		if (!isalpha((unsigned char)t[i]) || (i > 0 && isalnum((unsigned char)t[i - 1])))
			continue;
		size_t j = i;
		while (j < to && (isalnum((unsigned char)t[j]) || t[j] == '-' || t[j] == '\''))
			j++;
		bool skip = false;
		for (size_t k = 0; small[k] && !skip; k++)
			skip = j - i == strlen(small[k]) && strncasecmp(t + i, small[k], j - i) == 0;
		if (!skip) {
			words++;
			caps += isupper((unsigned char)t[i]) != 0;
		}
		i = j;
	}
	return words >= 3 && caps * 100 >= words * 65;
}

/* `set each=agency`: "submits applications to the FDA and the EMA" is one
 * event per regulator named after the trigger. */
static bool each_agency(pnx_extractor *x, pnx_doc *d, const pnx_slots *s)
{
	const char *each = pnx_rule_set(s->r, "each");
	if (!each || strcmp(each, "agency") != 0)
		return false;
	int seen[8];
	size_t n = 0;
	for (size_t i = 0; i < d->nents && n < 8; i++) {
		if (strcmp(d->ents[i].type, "regulator") != 0)
			continue;
		for (size_t j = 0; j < d->ents[i].nmentions; j++) {
			pnx_span m = d->ents[i].mentions[j];
			if (m.start >= s->trig.end && m.end <= s->sent.end) {
				seen[n++] = (int)i;
				break;
			}
		}
	}
	if (n < 2)
		return false;
	for (size_t k = 0; k < n; k++)
		fill_event(x, d, s, seen[k], nearest_timex(d, s, NULL), NULL);
	return true;
}

/* `set each=designation`: "received Priority Review, Fast Track and Orphan
 * Drug designations" is one event per designations.tsv name after the
 * trigger in the sentence. */
static bool each_designation(pnx_extractor *x, pnx_doc *d, const pnx_slots *s, int agency, long ti)
{
	const char *each = pnx_rule_set(s->r, "each");
	const pnx_gazetteer *g = pnx_rules_gaz(x->rs, "designations");
	if (!each || strcmp(each, "designation") != 0 || !g)
		return false;
	size_t wi = 0, ms, me, n = 0;
	long row;
	while (wi < d->nwords && d->words[wi].start < s->trig.end)
		wi++;
	while (pnx_gaz_next(g, d->norm.text, s->sent.end, d->words, d->nwords, &wi, &ms, &me, &row) &&
	       me <= s->sent.end) {
		fill_event(x, d, s, agency, ti, pnx_gaz_get(g, (size_t)row, "name"));
		n++;
	}
	return n > 0;
}

static bool trigger_taken(const pnx_doc *d, const char *type, pnx_span trig)
{
	for (size_t i = 0; i < d->nevs; i++)
		if (strcmp(d->evs[i].type, type) == 0 && d->evs[i].trigger.start < trig.end &&
		    trig.start < d->evs[i].trigger.end)
			return true;
	return false;
}

static void on_match(pnx_extractor *x, pnx_doc *d, const pnx_rule *r, const pnx_pattern *p)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
	pnx_slots s = {.r = r, .p = p, .trig = {ov[0], ov[1]}};
	pnx_capture(p, x->md, "trigger", &s.trig.start, &s.trig.end);
	if (trigger_taken(d, r->type, s.trig))
		return;
	s.sent_idx = pnx_doc_sentence_at(d, s.trig.start);
	s.sent = d->sents[s.sent_idx];
	const char *where = pnx_rule_set(r, "where");
	if (where && strcmp(where, "headline") == 0 && !headline_like(d, &s))
		return;
	if (respectively(x, d, &s) || each_agency(x, d, &s))
		return;
	pnx_span cap;
	s.date_cap = pnx_capture(p, x->md, "date", &cap.start, &cap.end);
	/* `dating=none`: a noun phrase ("following X's authorisation") has no
	 * date of its own, whatever the clause says */
	const char *dating = pnx_rule_set(r, "dating");
	long ti = -1;
	if (!dating || strcmp(dating, "none") != 0) {
		ti = nearest_timex(d, &s, s.date_cap ? &cap : NULL);
		if (ti < 0 && s.date_cap)
			ti = nearest_timex(d, &s, NULL);
		if (ti < 0)
			ti = next_cell_timex(d, s.sent_idx);
	}
	const char *fixed = pnx_rule_set(r, "agency");
	int agency = fixed && strcmp(fixed, "none") == 0 ? -1 : slot_entity(x, d, &s, "agency", "regulator");
	/* `need=agency`: a regulator, or at least the country ("approved in
	 * Japan"); `need=drug`: a drug or lab code named in the sentence */
	const char *need = pnx_rule_set(r, "need");
	size_t js, je;
	if (need && strcmp(need, "agency") == 0 && agency < 0 && !pnx_capture(p, x->md, "jurisdiction", &js, &je))
		return;
	if (need && strcmp(need, "drug") == 0 && nearest_entity(d, "drug", &s, NULL) < 0 &&
	    nearest_entity(d, "lab_code", &s, NULL) < 0)
		return;
	if (!each_designation(x, d, &s, agency, ti))
		fill_event(x, d, &s, agency, ti, NULL);
}

static bool same_opt(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* One fact is often stated twice (lead and body, or two rules on one
 * sentence): keep the first, and drop undated copies of dated events. */
static void merge(pnx_doc *d)
{
	for (size_t i = 0; i < d->nevs; i++) {
		pnx_event *a = &d->evs[i];
		for (size_t j = 0; j < d->nevs && !a->dropped; j++) {
			pnx_event *b = &d->evs[j];
			/* "a definitive agreement for X to acquire Y" is the acquisition */
			if (i != j && !b->dropped && a->sent == b->sent && strcmp(a->type, "agreement") == 0 &&
			    strcmp(b->type, "acquisition") == 0) {
				a->dropped = true;
				break;
			}
			if (i == j || b->dropped || strcmp(a->type, b->type) != 0 || a->drug != b->drug)
				continue;
			bool agency_ok = (a->agency == b->agency && same_opt(a->agency_name, b->agency_name)) ||
			                 (a->agency < 0 && !a->agency_name);
			if (!a->date[0] && b->date[0] && agency_ok)
				a->dropped = true;
			else if (j < i && strcmp(a->date, b->date) == 0 && a->agency == b->agency &&
			         strcmp(a->status, b->status) == 0 &&
			         same_opt(a->agency_name, b->agency_name) &&
			         same_opt(a->designation, b->designation))
				a->dropped = true;
		}
	}
}

static void match_cb(void *ctx, const pnx_rule *r, const pnx_pattern *p, pcre2_match_data *md)
{
	(void)md;
	pnx_scan_ctx *c = ctx;
	on_match(c->x, c->d, r, p);
}

void pnx_find_events(pnx_extractor *x, pnx_doc *d)
{
	if (!d->nsents)
		return;
	pnx_scan_ctx c = {x, d};
	for (size_t i = 0; i < x->nev; i++)
		pnx_rule_scan(x->ev_rules[i], d->norm.text, d->norm.len, x->md, pnx_sentence_window, match_cb, &c);
	merge(d);
}
