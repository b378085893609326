/* events_trial.c - the dates and statuses of trial results that depend on
 * the sentences around the trigger (docs/evaluation.md section 2):
 *
 * - a presentation ahead (`set dating=presentation`) is planned and dated
 *   by the presentation: its day, or the month of a multi-day congress
 *   ("June 5-8, 2024", "May 31 - June 3"), found in its sentence or in a
 *   neighbouring one that speaks of the presentation (the title and the
 *   lead of a release); a congress month is refined by a day of that
 *   month written there ("on Monday, November 18");
 * - a presentation announcement that states results ("Observed
 *   encouraging response rates") is the news of the release: completed,
 *   dated by the dateline;
 * - results restated in a financial report ("Q2 2024 Financial Results")
 *   without a date of their own are not the release's news: undated. */
#include "events_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* A neighbouring sentence that speaks of the presentation; to refine a
 * congress month, of the presentation itself (an investor webcast during
 * the congress is not it). */
static bool about_presentation(const pnx_doc *d, pnx_span sp, bool itself)
{
	return pnx_ev_sentence_has_any(d, sp, &d->cues->presentation_talk) ||
	       (!itself && pnx_ev_sentence_has_any(d, sp, &d->cues->presentation_venue));
}

/* Results stated in past tense ("SL-172154 demonstrated", "responses
 * observed"): the data are out, whatever is still to be presented. */
static bool states_results(const pnx_doc *d, pnx_span sp)
{
	return pnx_ev_sentence_has_any(d, sp, &d->cues->results_verbs);
}

/* What joins two full dates of a meeting written out: "May 30, 2023,
 * through Friday, June 2, 2023", "October 5 until Sunday, October 8": an
 * optional comma, "through", "to", "until" or a dash, an optional weekday. */
static bool long_join(const char *p, size_t n)
{
	static const char *const words[] = {", through ", ", to ", ", until ", " until ", " through ", " to ",
	                                    ", - ", " - ", NULL};
	size_t k = 0;
	for (; words[k]; k++)
		if (n >= strlen(words[k]) && strncmp(p, words[k], strlen(words[k])) == 0)
			break;
	if (!words[k])
		return false;
	size_t i = strlen(words[k]);
	if (i == n)
		return true;
	/* a weekday: a capitalised word ending in "day", then ", " or " " */
	if (!isupper((unsigned char)p[i]))
		return false;
	size_t j = i;
	while (j < n && isalpha((unsigned char)p[j]))
		j++;
	if (j - i < 6 || strncmp(p + j - 3, "day", 3) != 0)
		return false;
	if (j < n && p[j] == ',')
		j++;
	return j + 1 == n && p[j] == ' ';
}

/* A day the range of days of a multi-day meeting starts: "June 5-8, 2024"
 * (an interval), "May 31 - June 3" (two dates joined by a dash or "to"). */
static bool range_start(const pnx_doc *d, size_t i)
{
	const pnx_timex *t = &d->tx[i];
	if (!t->grain || strcmp(t->grain, "day") != 0)
		return false;
	/* "Sept. 19-21" tagged as its first day */
	const char *e = d->norm.text + t->end, *end = d->norm.text + d->norm.len;
	while (e < end && (*e == ' ' || *e == '-'))
		e++;
	if (e > d->norm.text + t->end && memchr(d->norm.text + t->end, '-', (size_t)(e - d->norm.text - t->end)) &&
	    e < end && isdigit((unsigned char)*e) && (e + 1 >= end || !isdigit((unsigned char)e[1]) ||
	                                              e + 2 >= end || !isdigit((unsigned char)e[2])))
		return true;
	/* "13-16 November 2024" tagged as its last day */
	const char *b = d->norm.text + t->start;
	if (t->start >= 3 && b[-1] == '-' && isdigit((unsigned char)b[-2]) &&
	    (t->start == 3 || !isalnum((unsigned char)b[-3]) || (isdigit((unsigned char)b[-3]) &&
	                                                         (t->start == 4 || !isalnum((unsigned char)b[-4])))))
		return true;
	if (i + 1 >= d->ntx)
		return false;
	const pnx_timex *u = &d->tx[i + 1];
	if (!pnx_ev_dated(u) || strcmp(u->grain, "day") != 0)
		return false;
	if (t->pair == (int)(i + 1))
		return true;
	static const char *const joins[] = {"-", " - ", " to ", " through ", " and ", NULL};
	for (size_t k = 0; joins[k]; k++)
		if (u->start - t->end == strlen(joins[k]) && strncmp(d->norm.text + t->end, joins[k], strlen(joins[k])) == 0)
			return true;
	return long_join(d->norm.text + t->end, u->start - t->end);
}

bool pnx_ev_range_start(const pnx_doc *d, size_t i)
{
	return range_start(d, i);
}

/* A day on or before publication is the dateline or a past meeting; a
 * month or year before it, a past meeting. */
static bool past_date(const pnx_doc *d, const pnx_timex *t)
{
	if (!d->published[0])
		return false;
	if (strcmp(t->grain, "day") == 0) {
		/* a meeting that opened by the dateline and is still on: its month */
		size_t i = (size_t)(t - d->tx);
		if (strncmp(t->value, d->published, 7) == 0 && i + 1 < d->ntx && d->tx[i + 1].start < t->end + 40 &&
		    range_start(d, i) && strncmp(d->tx[i + 1].value, d->published, 10) > 0)
			return false;
		return strncmp(t->value, d->published, 10) <= 0;
	}
	size_t n = strcmp(t->grain, "month") == 0 ? 7 : 4;
	return strlen(t->value) >= n && strncmp(t->value, d->published, n) < 0;
}

/* A year (a meeting's name: "AIDS 2020") followed in sentence sp by a day
 * or month of that year ("July 6-10, 2020"): the finer one. */
static long finer_in(const pnx_doc *d, pnx_span sp, size_t i)
{
	const pnx_timex *t = &d->tx[i];
	if (strcmp(t->grain, "year") != 0)
		return (long)i;
	for (size_t j = i + 1; j < d->ntx && d->tx[j].end <= sp.end; j++) {
		const pnx_timex *u = &d->tx[j];
		if (pnx_ev_dated(u) && !past_date(d, u) && strlen(u->value) > 4 && strncmp(u->value, t->value, 4) == 0)
			return (long)j;
	}
	return (long)i;
}

/* The first usable date of sentence sp that fits inside the event's
 * coarser date (same year, same month), or any when the event has none. */
static long date_in(const pnx_doc *d, pnx_span sp, const pnx_event *ev)
{
	for (size_t i = 0; i < d->ntx; i++) {
		const pnx_timex *t = &d->tx[i];
		if (t->start < sp.start || t->end > sp.end || !pnx_ev_dated(t) || past_date(d, t))
			continue;
		if (!ev->date[0])
			return finer_in(d, sp, i);
		size_t n = strlen(ev->date);
		if ((strcmp(ev->grain, "year") == 0 || strcmp(ev->grain, "month") == 0) && strlen(t->value) > n &&
		    strncmp(t->value, ev->date, n) == 0)
			return (long)i;
	}
	return -1;
}

static void take_date(const pnx_doc *d, pnx_event *ev, long ti)
{
	const pnx_timex *t = &d->tx[ti];
	snprintf(ev->date, sizeof ev->date, "%s", t->value);
	ev->grain = t->grain;
	ev->date_span = (pnx_span){t->start, t->end};
	ev->date_source = pnx_ev_has_year(d->norm.text + t->start, t->end - t->start) ? "text" : "relative";
	if (range_start(d, (size_t)ti)) {
		ev->date[7] = '\0';
		ev->grain = "month";
	}
}

static void presentation(const pnx_doc *d, const pnx_slots *s, pnx_event *ev, long ti)
{
	pnx_span after = {s->trig.end, s->sent.end};
	bool has_next = s->sent_idx + 1 < d->nsents;
	if (states_results(d, after) || (has_next && states_results(d, d->sents[s->sent_idx + 1]))) {
		ev->status = "completed";
		if (d->published[0]) {
			pnx_ev_date_published(d, ev);
		}
		return;
	}
	if (ti >= 0)
		take_date(d, ev, ti);   /* a range of days: its month */
	if (ev->date[0] && strcmp(ev->grain, "day") == 0)
		return;
	/* none or a coarse one: the next sentence, then the one before */
	long n = -1;
	bool coarse = ev->date[0];
	if (coarse)   /* "at the ESMO Virtual Congress 2020 from Sept. 19-21" */
		n = date_in(d, s->sent, ev);
	if (n < 0 && has_next && about_presentation(d, d->sents[s->sent_idx + 1], coarse))
		n = date_in(d, d->sents[s->sent_idx + 1], ev);
	if (n < 0 && s->sent_idx > 0 && about_presentation(d, d->sents[s->sent_idx - 1], coarse))
		n = date_in(d, d->sents[s->sent_idx - 1], ev);
	if (n >= 0)
		take_date(d, ev, n);
}

/* "Lilly Reports Q2 2024 Financial Results", "Second-Quarter 2019
 * Financial Results": the release's title near the start of the text. */
bool pnx_ev_financial_report(const pnx_doc *d)
{
	pnx_span title = {0, d->norm.len < 300 ? d->norm.len : 300};
	if (d->nsents && d->sents[0].end < title.end)
		title.end = d->sents[0].end;
	return pnx_ev_sentence_has(d, title, "results") && pnx_ev_sentence_has_any(d, title, &d->cues->financial_title);
}

/* Words that make a year part of a meeting's name ("IASLC 2024 Hot Topic
 * Meeting", "the CTOS 2024 Annual Meeting"). */
static bool meeting_after(const pnx_doc *d, const pnx_timex *t, size_t sent_end)
{
	const pnx_cue_list *w = &d->cues->meeting_names;
	size_t end = t->end + 60 < sent_end ? t->end + 60 : sent_end;
	if (end <= t->end)
		return false;
	const char *a = d->norm.text + t->end;
	for (size_t k = 0; k < w->n; k++)
		if (memmem(a, end - t->end, w->w[k], w->len[k]))
			return true;
	return false;
}

/* "first presented at LINC 2024 in May", "at the CTOS 2024 Annual Meeting
 * taking place 13-16 November 2024": the year of a meeting's name followed
 * by the month (or day) of that year. */
static void finer_same_year(const pnx_doc *d, const pnx_slots *s, pnx_event *ev, long ti)
{
	if (ti < 0 || (size_t)ti + 1 >= d->ntx || !ev->grain || strcmp(ev->grain, "year") != 0 ||
	    strcmp(ev->date, d->tx[ti].value) != 0)
		return;
	const pnx_timex *t = &d->tx[ti], *u = &d->tx[ti + 1];
	if (!pnx_ev_dated(u) || u->start < t->end || strlen(u->value) <= 4 || strncmp(u->value, t->value, 4) != 0 ||
	    u->end > s->sent.end)
		return;
	size_t gap = u->start - t->end;
	if (gap <= 8 || (gap <= 60 && !memchr(d->norm.text + t->end, ';', gap) && meeting_after(d, t, u->start)))
		take_date(d, ev, ti + 1);
}

/* The mention of entity e in the sentence nearest the trigger; -1. */
static long mention_near(const pnx_doc *d, const pnx_slots *s, int e)
{
	long best = -1;
	size_t best_gap = (size_t)-1;
	for (size_t j = 0; j < d->ents[e].nmentions; j++) {
		pnx_span m = d->ents[e].mentions[j];
		if (m.start < s->sent.start || m.end > s->sent.end)
			continue;
		size_t g = m.end <= s->trig.start ? s->trig.start - m.end : m.start >= s->trig.end ? m.start - s->trig.end : 0;
		if (g < best_gap) {
			best_gap = g;
			best = (long)j;
		}
	}
	return best;
}

/* "LYNPARZA ... Met Primary Endpoint as Maintenance Treatment with
 * Bevacizumab", "NC410 in combination with pembrolizumab", "KEYTRUDA
 * versus sunitinib": the partner or comparator is not the drug tested;
 * the drug (or lab code) named before it in the sentence is. */
static void not_partner(const pnx_doc *d, const pnx_slots *s, pnx_event *ev)
{
	const pnx_cue_list *marks = &d->cues->partner_marks;
	long mj = ev->drug >= 0 ? mention_near(d, s, ev->drug) : -1;
	if (mj < 0)
		return;
	pnx_span m = d->ents[ev->drug].mentions[mj];
	/* the mark, then at most a few words ("with standard-of-care X") */
	bool partner = false;
	for (size_t b = m.start; !partner && b > s->sent.start && m.start - b <= 30; b--) {
		char c = d->norm.text[b - 1];
		if (!(isalpha((unsigned char)c) || c == '-' || c == ' '))
			break;
		for (size_t k = 0; k < marks->n && !partner; k++) {
			size_t n = marks->len[k];
			partner = b >= s->sent.start + n && (b - n == s->sent.start || !isalpha((unsigned char)d->norm.text[b - n - 1])) &&
			          strncasecmp(d->norm.text + b - n, marks->w[k], n) == 0;
		}
	}
	if (!partner)
		return;
	int best = -1;
	size_t best_end = 0;
	for (size_t i = 0; i < d->nents; i++) {
		if ((int)i == ev->drug || (!pnx_streq(d->ents[i].type, "drug") && !pnx_streq(d->ents[i].type, "lab_code")))
			continue;
		for (size_t j = 0; j < d->ents[i].nmentions; j++) {
			pnx_span o = d->ents[i].mentions[j];
			if (o.start >= s->sent.start && o.end <= m.start && o.end > best_end) {
				best_end = o.end;
				best = (int)i;
			}
		}
	}
	if (best >= 0)
		ev->drug = best;
}

/* Results presented at a congress held in the month of the release are
 * the release's news: dated by the dateline, not by the congress month. */
static void congress_now(const pnx_doc *d, const pnx_slots *s, pnx_event *ev, long ti)
{
	/* a meeting named with the release's year in its title or in a sentence
	 * of today's news ("BioAtla Presented Data ... at the IASLC 2024 Hot
	 * Topic Meeting"): presented about when the release tells of it (not
	 * "data were presented at the 2019 ASCO Annual Meeting", restated) */
	if (ti >= 0 && (s->sent_idx == 0 || pnx_ev_sentence_has(d, s->sent, "today")) &&
	    strcmp(ev->status, "completed") == 0 && ev->grain && strcmp(ev->grain, "year") == 0 &&
	    d->published[0] && strncmp(ev->date, d->published, 4) == 0 && strcmp(ev->date, d->tx[ti].value) == 0 &&
	    meeting_after(d, &d->tx[ti], s->sent.end)) {
		pnx_ev_date_published(d, ev);
		return;
	}
	if (ti < 0 || strcmp(ev->status, "completed") != 0 || !ev->grain || strcmp(ev->grain, "month") != 0 ||
	    !d->published[0] || strncmp(ev->date, d->published, 7) != 0 || !d->tx[ti].rule ||
	    strncmp(d->tx[ti].rule, "timex.congress.", 15) != 0 || strcmp(ev->date, d->tx[ti].value) != 0)
		return;
	pnx_ev_date_published(d, ev);
}

/* "today announced ... Phase 1 data. Dr. Lee presented the interim
 * findings on February 21, 2023": results announced after their
 * presentation are dated by the presentation day the next sentence gives
 * (a day of the two weeks before the release). */
static void presented_day(const pnx_doc *d, const pnx_slots *s, pnx_event *ev)
{
	/* dated by the release: its publication date or its dateline */
	if (strcmp(ev->status, "completed") != 0 || !d->published[0] || strcmp(ev->date, d->published) != 0 ||
	    s->sent_idx + 1 >= d->nsents)
		return;
	pnx_span nx = d->sents[s->sent_idx + 1];
	const char *t = d->norm.text;
	for (size_t i = 0; i < d->ntx; i++) {
		const pnx_timex *x = &d->tx[i];
		if (x->start < nx.start || x->end > nx.end || !pnx_ev_dated(x) || strcmp(x->grain, "day") != 0 ||
		    strncmp(x->value, d->published, 10) >= 0 || x->start < nx.start + 10)
			continue;
		/* "presented" shortly before the day */
		const char *p = memmem(t + x->start - (x->start - nx.start < 60 ? x->start - nx.start : 60),
		                       x->start - nx.start < 60 ? x->start - nx.start : 60, "presented", 9);
		struct tm a = {0}, b = {0};
		if (!p || sscanf(x->value, "%4d-%2d-%2d", &a.tm_year, &a.tm_mon, &a.tm_mday) != 3 ||
		    sscanf(d->published, "%4d-%2d-%2d", &b.tm_year, &b.tm_mon, &b.tm_mday) != 3)
			continue;
		a.tm_year -= 1900, b.tm_year -= 1900, a.tm_mon--, b.tm_mon--, a.tm_hour = b.tm_hour = 12;
		double days = difftime(timegm(&b), timegm(&a)) / 86400.0;
		if (days > 0 && days <= 14) {
			take_date(d, ev, (long)i);
			return;
		}
	}
}

/* A candidate known only by its lab code ("PGN-EDO51") is the release's
 * main product when no drug is named: the most mentioned lab code. */
static int main_lab_code(const pnx_doc *d)
{
	int best = -1;
	for (size_t i = 0; i < d->nents; i++)
		if (strcmp(d->ents[i].type, "lab_code") == 0 &&
		    (best < 0 || d->ents[i].nmentions > d->ents[best].nmentions))
			best = (int)i;
	return best;
}

bool pnx_ev_subtitle_drug(const pnx_doc *d, const pnx_slots *s)
{
	const char *where = pnx_rule_set(s->r, "where");
	if (strcmp(s->r->type, "trial_result") != 0 || s->sent_idx != 0 || !where || strcmp(where, "headline") != 0 ||
	    d->nsents < 2)
		return false;
	pnx_slots sub = *s;
	sub.sent = d->sents[1];
	sub.sent_idx = 1;
	sub.trig = (pnx_span){sub.sent.start, sub.sent.start};
	return pnx_ev_nearest_entity(d, "drug", &sub, NULL) >= 0 || pnx_ev_nearest_entity(d, "lab_code", &sub, NULL) >= 0;
}

/* Results stated without a date ("Data ... Showed", `dating=none`: report
 * highlights restate them) are the release's news when the title states
 * them ("Five-Year Data for X Showed Sustained Survival Benefit", a title
 * with a body after it): dated by the release, not in a quarterly report,
 * not when the title holds a date of its own. */
static void title_news(const pnx_doc *d, const pnx_slots *s, pnx_event *ev)
{
	if (s->sent_idx != 0 || d->nsents < 2 || ev->date[0] || !d->published[0] || strcmp(ev->status, "completed") != 0 ||
	    pnx_ev_financial_report(d))
		return;
	pnx_ev_date_published(d, ev);
}

void pnx_ev_trial(const pnx_doc *d, const pnx_slots *s, pnx_event *ev, long ti)
{
	if (strcmp(ev->type, "trial_result") != 0)
		return;
	if (ev->drug < 0 && !pnx_rule_set(s->r, "drug"))
		ev->drug = main_lab_code(d);
	if (s->drug < 0)   /* not a drug of a list ("A, B and C") */
		not_partner(d, s, ev);
	finer_same_year(d, s, ev, ti);
	congress_now(d, s, ev, ti);
	presented_day(d, s, ev);
	const char *dating = pnx_rule_set(s->r, "dating");
	if (dating && strcmp(dating, "presentation") == 0)
		presentation(d, s, ev, ti);
	else if (dating && strcmp(dating, "none") == 0)
		title_news(d, s, ev);
	else if (strcmp(ev->status, "completed") == 0 && ev->date_source && strcmp(ev->date_source, "published") == 0 &&
	         !pnx_ev_sentence_has(d, s->sent, "today") && !pnx_ev_sentence_has(d, s->sent, "announces") &&
	         pnx_ev_financial_report(d)) {   /* "Company announces positive data" is news */
		pnx_ev_undate(ev);
	}
}

/* "topline data expected for Advance-HTN in Q4 2024 and Launch-HTN in 2H
 * 2025", "read-outs expected in 1Q and 2Q 2023": readouts ahead with
 * several dates joined by "and" are one event per date. */
bool pnx_ev_each_readout(pnx_extractor *x, pnx_doc *d, const pnx_slots *s, int agency)
{
	const char *status = pnx_rule_set(s->r, "status"), *dating = pnx_rule_set(s->r, "dating");
	if (strcmp(s->r->type, "trial_result") != 0 || !status || strcmp(status, "planned") != 0 ||
	    (dating && strcmp(dating, "presentation") == 0))
		return false;
	long tx[4];
	size_t n = 0, from = s->trig.end;
	for (size_t i = 0; i < d->ntx && n < 4; i++) {
		const pnx_timex *t = &d->tx[i];
		if (t->start < from || t->end > s->sent.end || !pnx_ev_dated(t))
			continue;
		const char *gap = d->norm.text + from;
		size_t len = t->start - from;
		if (len > (n ? 60 : 120) || memchr(gap, ';', len) || (n && !memmem(gap, len, " and ", 5)) || past_date(d, t))
			break;
		tx[n++] = (long)i;
		from = t->end;
	}
	if (n < 2)
		return false;
	for (size_t k = 0; k < n; k++)
		pnx_ev_fill(x, d, s, agency, tx[k], NULL);
	return true;
}
