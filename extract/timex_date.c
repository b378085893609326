/* timex_date.c - DATE values: absolute slots, dates relative to the DCT,
 * weekdays, and the year of a date written without one. docs/timex.md
 * states the rules implemented here. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timex_int.h"

enum pnx_grain { PNX_G_NONE, PNX_G_DAY, PNX_G_WEEK, PNX_G_MONTH, PNX_G_QUARTER, PNX_G_HALF,
                 PNX_G_SEASON, PNX_G_YEAR, PNX_G_DECADE, PNX_G_CENTURY };
static const char *const pnx_grain_names[] = {NULL, "day", "week", "month", "quarter", "half",
                                              "season", "year", "decade", "century"};

/* A date being built: y is meaningful unless yx (year unknown). */
typedef struct pnx_tdate {
	enum pnx_grain g;
	int y, m, d, q, h, decade, century;
	const char *season;
	bool yx;
} pnx_tdate;

bool pnx_tdct_parse(const char *s, long *days)
{
	static const char shape[] = "dddd-dd-dd";
	if (!s || strlen(s) < 10)
		return false;
	for (int i = 0; i < 10; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-')
			return false;
	if (s[10] && s[10] != 'T' && s[10] != ' ' && s[10] != 'Z')
		return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > pnx_cal_mdays(y, m))
		return false;
	*days = pnx_cal_days(y, m, d);
	return true;
}

static long pnx_signed(pnx_tstr s, bool *ok)
{
	char buf[16];
	char *end;
	*ok = s.s && s.n && s.n < sizeof buf;
	if (!*ok)
		return 0;
	memcpy(buf, s.s, s.n);
	buf[s.n] = '\0';
	long v = strtol(buf, &end, 10);
	*ok = *end == '\0';
	return v;
}

/* "2025" "'25" "25" -> year; two digits pivot at 50 like newswire does. */
static bool pnx_year(pnx_tstr s, int *y)
{
	while (s.n && !isdigit((unsigned char)*s.s)) {
		s.s++;
		s.n--;
	}
	if (s.n != 2 && s.n != 4)
		return false;
	int v = 0;
	for (size_t i = 0; i < s.n; i++) {
		if (!isdigit((unsigned char)s.s[i]))
			return false;
		v = v * 10 + s.s[i] - '0';
	}
	*y = s.n == 2 ? (v < 50 ? 2000 + v : 1900 + v) : v;
	return true;
}

/* "1990s" "90s" "'90s" -> 199. */
static bool pnx_decade(pnx_tstr s, int *dec)
{
	while (s.n && !isdigit((unsigned char)*s.s)) {
		s.s++;
		s.n--;
	}
	while (s.n && !isdigit((unsigned char)s.s[s.n - 1]))
		s.n--;
	int y;
	if (!pnx_year(s, &y) || y % 10)
		return false;
	if (s.n == 2 && y >= 2000 && y < 2030 && y != 2000 && y != 2010 && y != 2020)
		return false;
	*dec = y / 10;
	return true;
}

/* "Q3" "3Q" "H1" "3" "third" -> 3, "last" -> max, or 0. */
static int pnx_index(pnx_tstr s, int max)
{
	if (pnx_tw_is(s, "last") || pnx_tw_is(s, "latter") || pnx_tw_is(s, "final"))
		return max;
	if (s.n > 1 && (*s.s == 'Q' || *s.s == 'H')) {
		s.s++;
		s.n--;
	} else if (s.n > 1 && isdigit((unsigned char)*s.s) && (s.s[s.n - 1] == 'Q' || s.s[s.n - 1] == 'H')) {
		s.n--;
	}
	int v = pnx_tw_ordinal(s);
	return v >= 1 && v <= max ? v : 0;
}

static int pnx_season_index(const char *code)
{
	return !strcmp(code, "SP") ? 0 : !strcmp(code, "SU") ? 1 : !strcmp(code, "FA") ? 2 : 3;
}

/* A comparable index of the date at its own grain, year included. */
static long pnx_key(const pnx_tdate *t, int y)
{
	switch (t->g) {
	case PNX_G_DAY:
		return pnx_cal_days(y, t->m, t->d);
	case PNX_G_MONTH:
		return y * 12L + t->m - 1;
	case PNX_G_QUARTER:
		return y * 4L + t->q - 1;
	case PNX_G_HALF:
		return y * 2L + t->h - 1;
	case PNX_G_SEASON:
		return y * 4L + pnx_season_index(t->season);
	default:
		return y;
	}
}

static long pnx_dct_key(const pnx_tdate *t, long dct)
{
	int y, m, d;
	pnx_cal_civil(dct, &y, &m, &d);
	switch (t->g) {
	case PNX_G_DAY:
		return dct;
	case PNX_G_MONTH:
		return y * 12L + m - 1;
	case PNX_G_QUARTER:
		return y * 4L + (m - 1) / 3;
	case PNX_G_HALF:
		return y * 2L + (m - 1) / 6;
	case PNX_G_SEASON:
		/* Winter is counted with the year it starts in. */
		return m == 12 ? y * 4L + 3 : m <= 2 ? (y - 1) * 4L + 3 : y * 4L + (m - 3) / 3;
	default:
		return y;
	}
}

/* How far (in keys of the grain) a tense may pull a yearless date away
 * from the nearest occurrence: about nine months. Further than that, a past
 * verb near "Dec. 15" in a November story is more often about a coming
 * deadline than about last December (measured on TempEval-3 train). */
static long pnx_reach(enum pnx_grain g)
{
	switch (g) {
	case PNX_G_DAY: return 270;
	case PNX_G_MONTH: return 9;
	case PNX_G_QUARTER: return 2;
	case PNX_G_HALF: return 1;
	case PNX_G_SEASON: return 3;
	default: return 1;
	}
}

/* Picks the year of a yearless date: the nearest occurrence (on a tie the
 * DCT's own year) among those in direction dir (< 0 not after the DCT,
 * > 0 not before it); strict excludes the DCT's own period ("last March"
 * in March means a year ago). A tense direction (not strict) only counts
 * within pnx_reach(). */
static int pnx_pick(const pnx_tdate *t, long dct, int dir, bool strict)
{
	int dy, dm, dd;
	pnx_cal_civil(dct, &dy, &dm, &dd);
	long now = pnx_dct_key(t, dct);
	for (int pass = 0; pass < 2; pass++) {
		int best = dy;
		long bestd = -1;
		for (int y = dy - 1; y <= dy + 1; y++) {
			if (t->g == PNX_G_DAY && t->d > pnx_cal_mdays(y, t->m))
				continue;
			long diff = pnx_key(t, y) - now;
			if ((dir < 0 && (diff > 0 || (strict && diff == 0))) ||
			    (dir > 0 && (diff < 0 || (strict && diff == 0))) ||
			    (dir && !strict && labs(diff) > pnx_reach(t->g)))
				continue;
			long ad = labs(diff) * 2 + (y != dy);
			if (bestd < 0 || ad < bestd) {
				bestd = ad;
				best = y;
			}
		}
		if (bestd >= 0 || strict)
			return best;
		dir = 0;
	}
	return dy;
}

static void pnx_format(const pnx_tdate *t, char *v, size_t n)
{
	char y[8];
	if (t->yx)
		snprintf(y, sizeof y, "XXXX");
	else
		snprintf(y, sizeof y, "%04d", t->y);
	switch (t->g) {
	case PNX_G_DAY:
		snprintf(v, n, "%s-%02d-%02d", y, t->m, t->d);
		break;
	case PNX_G_MONTH:
		snprintf(v, n, "%s-%02d", y, t->m);
		break;
	case PNX_G_QUARTER:
		snprintf(v, n, "%s-Q%d", y, t->q);
		break;
	case PNX_G_HALF:
		snprintf(v, n, "%s-H%d", y, t->h);
		break;
	case PNX_G_SEASON:
		snprintf(v, n, "%s-%s", y, t->season);
		break;
	case PNX_G_DECADE:
		snprintf(v, n, "%03d", t->decade);
		break;
	case PNX_G_CENTURY:
		snprintf(v, n, "%02d", t->century);
		break;
	default:
		snprintf(v, n, "%s", y);
	}
}

/* Direction for a yearless date or a lone weekday: explicit rel or tense
 * slot first, then the words around the match. */
static int pnx_direction(const pnx_tstr *sl, const pnx_tctx *ctx, bool *strict)
{
	bool ok;
	*strict = false;
	if (pnx_tset(sl[PNX_TS_REL])) {
		int r = pnx_tw_rel(sl[PNX_TS_REL], &ok);
		if (ok && r) {
			*strict = true;
			return r;
		}
	}
	if (pnx_tw_is(sl[PNX_TS_TENSE], "past"))
		return -1;
	if (pnx_tw_is(sl[PNX_TS_TENSE], "future"))
		return 1;
	return ctx->text ? pnx_tense(ctx->lex, ctx->text, ctx->len, ctx->start, ctx->end) : 0;
}

/* "last month", "yesterday", "three years ago": the DCT moved by n units,
 * at the unit's grain. */
static bool pnx_relative(enum pnx_tunit u, long n, long dct, pnx_tdate *t)
{
	int y, m, d;
	pnx_cal_civil(dct, &y, &m, &d);
	memset(t, 0, sizeof *t);
	switch (u) {
	case PNX_U_DAY:
		pnx_cal_civil(dct + n, &t->y, &t->m, &t->d);
		t->g = PNX_G_DAY;
		return true;
	case PNX_U_MONTH: {
		long k = y * 12L + m - 1 + n;
		t->y = (int)(k / 12);
		t->m = (int)(k % 12) + 1;
		t->g = PNX_G_MONTH;
		return true;
	}
	case PNX_U_QUARTER: {
		long k = y * 4L + (m - 1) / 3 + n;
		t->y = (int)(k / 4);
		t->q = (int)(k % 4) + 1;
		t->g = PNX_G_QUARTER;
		return true;
	}
	case PNX_U_HALF: {
		long k = y * 2L + (m - 1) / 6 + n;
		t->y = (int)(k / 2);
		t->h = (int)(k % 2) + 1;
		t->g = PNX_G_HALF;
		return true;
	}
	case PNX_U_YEAR:
		t->y = (int)(y + n);
		t->g = PNX_G_YEAR;
		return true;
	case PNX_U_DECADE:
		t->decade = (int)(y / 10 + n);
		t->g = PNX_G_DECADE;
		return true;
	case PNX_U_CENTURY:
		t->century = (int)(y / 100 + n);
		t->g = PNX_G_CENTURY;
		return true;
	default:
		return false;
	}
}

/* Offset standing for "some" units ("several years ago"): no date. */
#define PNX_TW_SOME_SHIFT 1000000L

/* Offset in units for a relative slot set, or false if it is not one. */
static bool pnx_offset(const pnx_tstr *sl, long *n)
{
	bool ok;
	if (pnx_tset(sl[PNX_TS_SHIFT])) {
		*n = pnx_signed(sl[PNX_TS_SHIFT], &ok);
		return ok;
	}
	if (pnx_tset(sl[PNX_TS_DIR])) {
		long dir = pnx_signed(sl[PNX_TS_DIR], &ok);
		long num = pnx_tset(sl[PNX_TS_NUM]) ? pnx_tw_number(sl[PNX_TS_NUM]) : 1;
		if (!ok || num == 0)
			return false;
		*n = num == PNX_TW_SOME ? dir * PNX_TW_SOME_SHIFT : dir * num;
		return true;
	}
	if (pnx_tset(sl[PNX_TS_REL])) {
		*n = pnx_tw_rel(sl[PNX_TS_REL], &ok);
		return ok;
	}
	return false;
}

/* Absolute slots into t; false when one does not parse (month 13). */
static bool pnx_date_slots(const pnx_tstr *sl, pnx_tdate *t, int *wd)
{
	bool has_y = pnx_tset(sl[PNX_TS_YEAR]);
	if (has_y && !pnx_year(sl[PNX_TS_YEAR], &t->y))
		return false;
	t->m = pnx_tset(sl[PNX_TS_MONTH]) ? pnx_tw_month(sl[PNX_TS_MONTH]) : 0;
	t->d = pnx_tset(sl[PNX_TS_DAY]) ? pnx_tw_ordinal(sl[PNX_TS_DAY]) : 0;
	t->q = pnx_tset(sl[PNX_TS_QUARTER]) ? pnx_index(sl[PNX_TS_QUARTER], 4) : 0;
	t->h = pnx_tset(sl[PNX_TS_HALF]) ? pnx_index(sl[PNX_TS_HALF], 2) : 0;
	t->season = pnx_tset(sl[PNX_TS_SEASON]) ? pnx_tw_season(sl[PNX_TS_SEASON]) : NULL;
	*wd = pnx_tset(sl[PNX_TS_WEEKDAY]) ? pnx_tw_weekday(sl[PNX_TS_WEEKDAY]) : 0;
	if ((pnx_tset(sl[PNX_TS_MONTH]) && !t->m) || (pnx_tset(sl[PNX_TS_DAY]) && (t->d < 1 || t->d > 31)) ||
	    (pnx_tset(sl[PNX_TS_QUARTER]) && !t->q) || (pnx_tset(sl[PNX_TS_HALF]) && !t->h) ||
	    (pnx_tset(sl[PNX_TS_SEASON]) && !t->season) || (pnx_tset(sl[PNX_TS_WEEKDAY]) && !*wd) ||
	    (t->d && !t->m))
		return false;
	t->g = t->d ? PNX_G_DAY : t->m ? PNX_G_MONTH : t->q ? PNX_G_QUARTER : t->h ? PNX_G_HALF
	     : t->season ? PNX_G_SEASON : has_y ? PNX_G_YEAR : PNX_G_NONE;
	if (t->g == PNX_G_NONE && pnx_tset(sl[PNX_TS_DECADE])) {
		if (!pnx_decade(sl[PNX_TS_DECADE], &t->decade))
			return false;
		t->g = PNX_G_DECADE;
	} else if (t->g == PNX_G_NONE && pnx_tset(sl[PNX_TS_CENTURY])) {
		int c = pnx_tw_ordinal(sl[PNX_TS_CENTURY]);
		if (c < 1)
			return false;
		t->century = c - 1;
		t->g = PNX_G_CENTURY;
	}
	return true;
}

/* "last month", "yesterday", "a year ago": -1 no such timex, 0 t filled,
 * 1 out->value already written (week values, *_REF). */
static int pnx_date_relative(const pnx_tstr *sl, const pnx_tctx *ctx, pnx_timex *out, pnx_tdate *t)
{
	enum pnx_tunit u = pnx_tw_unit(sl[PNX_TS_UNIT]);
	long n;
	if (u == PNX_U_NONE || !pnx_offset(sl, &n))
		return -1;
	if (!ctx->has_dct || labs(n) == PNX_TW_SOME_SHIFT) {
		/* no anchor, or "several years ago" */
		snprintf(out->value, sizeof out->value, "%s", n < 0 ? "PAST_REF" : n > 0 ? "FUTURE_REF" : "PRESENT_REF");
		return 1;
	}
	if (u == PNX_U_WEEK || u == PNX_U_WEEKEND) {
		int wy, w;
		pnx_cal_isoweek(ctx->dct + 7 * n, &wy, &w);
		snprintf(out->value, sizeof out->value, "%04d-W%02d%s", wy, w, u == PNX_U_WEEKEND ? "-WE" : "");
		out->grain = u == PNX_U_WEEK ? "week" : NULL;
		return 1;
	}
	/* Earnings news compares a quarter with "a year ago": the same
	 * quarter, and the quarter being reported is the last one closed. */
	if (u == PNX_U_YEAR && pnx_tset(sl[PNX_TS_DIR]) && ctx->text &&
	    pnx_sentence_has(ctx->text, ctx->len, ctx->start, ctx->end, "quarter")) {
		u = PNX_U_QUARTER;
		n = 4 * n - 1;
	}
	return pnx_relative(u, n, ctx->dct, t) ? 0 : -1;
}

/* A lone weekday: the nearest one within a week in the direction of the
 * tense ("said on Monday", "will vote on Friday"). */
static void pnx_date_weekday(const pnx_tstr *sl, const pnx_tctx *ctx, int wd, pnx_tdate *t)
{
	bool strict;
	int dir = pnx_direction(sl, ctx, &strict);
	long best = ctx->dct, bestd = -1;
	for (long k = ctx->dct - 7; k <= ctx->dct + 7; k++) {
		long diff = k - ctx->dct;
		if (pnx_cal_weekday(k) != wd || (dir < 0 && (diff > 0 || (strict && !diff))) ||
		    (dir > 0 && (diff < 0 || (strict && !diff))))
			continue;
		long ad = labs(diff) * 2 + (diff > 0);
		if (bestd < 0 || ad < bestd) {
			bestd = ad;
			best = k;
		}
	}
	pnx_cal_civil(best, &t->y, &t->m, &t->d);
	t->g = PNX_G_DAY;
}

/* The year of a date given without one. */
static void pnx_date_year(const pnx_tstr *sl, const pnx_tctx *ctx, pnx_tdate *t)
{
	long n;
	bool strict;
	if (!ctx->has_dct) {
		t->yx = true;
	} else if (pnx_tw_unit(sl[PNX_TS_UNIT]) == PNX_U_YEAR && pnx_offset(sl, &n)) {
		/* "the fourth quarter of next year", "January of last year" */
		int m, d;
		pnx_cal_civil(ctx->dct, &t->y, &m, &d);
		t->y += (int)n;
	} else {
		int dir = pnx_direction(sl, ctx, &strict);
		t->y = pnx_pick(t, ctx->dct, dir, strict);
	}
}

/* "the first Monday of March", Thanksgiving: the nth (-1: the last)
 * weekday wd of t's month; false if there is none (a fifth Monday). */
static bool pnx_nth_weekday(pnx_tdate *t, int wd, int nth)
{
	int last = pnx_cal_mdays(t->y, t->m);
	int d = 1 + (wd - pnx_cal_weekday(pnx_cal_days(t->y, t->m, 1)) + 7) % 7;
	if (nth > 0)
		d += 7 * (nth - 1);
	else
		while (d + 7 <= last)
			d += 7;
	if (d > last)
		return false;
	t->d = d;
	t->g = PNX_G_DAY;
	return true;
}

bool pnx_tdate_value(const pnx_tstr *sl, const pnx_tctx *ctx, pnx_timex *out, bool need_day)
{
	pnx_tdate t = {0};
	int wd;
	if (!pnx_date_slots(sl, &t, &wd))
		return false;
	if (t.g == PNX_G_NONE && !wd) {
		int rc = pnx_date_relative(sl, ctx, out, &t);
		if (rc)
			return rc > 0 && !need_day;
	} else if (t.g == PNX_G_NONE) {
		if (!ctx->has_dct) {
			snprintf(out->value, sizeof out->value, "XXXX-WXX-%d", wd);
			return !need_day;
		}
		pnx_date_weekday(sl, ctx, wd, &t);
	} else if (!pnx_tset(sl[PNX_TS_YEAR]) && t.g < PNX_G_YEAR) {
		pnx_date_year(sl, ctx, &t);
	}
	if (pnx_tset(sl[PNX_TS_NTH])) {
		int nth = pnx_tw_is(sl[PNX_TS_NTH], "last") ? -1 : pnx_tw_ordinal(sl[PNX_TS_NTH]);
		if (!wd || t.g != PNX_G_MONTH || nth == 0 || nth > 5 || (!t.yx && !pnx_nth_weekday(&t, wd, nth)))
			return false;
	}
	if ((t.g == PNX_G_DAY && t.d > pnx_cal_mdays(t.yx ? 2000 : t.y, t.m)) || (need_day && t.g != PNX_G_DAY) ||
	    t.y < 0 || t.y > 9999 || t.decade < 0 || t.century < 0)
		return false; /* "999 centuries ago" has no TIMEX3 value */
	pnx_format(&t, out->value, sizeof out->value);
	out->grain = pnx_grain_names[t.g];
	return true;
}
