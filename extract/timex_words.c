/* timex_words.c - the closed word classes of dates (month and weekday
 * names, number words, units, relative words). The rules decide where
 * these words may stand; this file only says what they mean, so a rule
 * author adds a synonym to the pattern and, if needed, here. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "timex_int.h"

bool pnx_tw_is(pnx_tstr s, const char *w)
{
	return s.s && strlen(w) == s.n && strncasecmp(s.s, w, s.n) == 0;
}

/* s without surrounding blanks, a leading ' ("'90s") and a trailing '.'. */
static pnx_tstr pnx_trim(pnx_tstr s)
{
	while (s.n && (isspace((unsigned char)*s.s) || *s.s == '\'')) {
		s.s++;
		s.n--;
	}
	while (s.n && (isspace((unsigned char)s.s[s.n - 1]) || s.s[s.n - 1] == '.'))
		s.n--;
	return s;
}

/* Index+1 of the first word of list that s equals, or that s abbreviates
 * to at least min letters; 0 if none. */
static int pnx_lookup(pnx_tstr s, const char *const *list, size_t nlist, size_t min)
{
	s = pnx_trim(s);
	if (!s.s || !s.n)
		return 0;
	for (size_t i = 0; i < nlist; i++) {
		size_t wl = strlen(list[i]);
		if (s.n <= wl && s.n >= (min ? min : wl) && strncasecmp(s.s, list[i], s.n) == 0)
			return (int)i + 1;
	}
	return 0;
}

static bool pnx_digits(pnx_tstr s, long *v)
{
	if (!s.n || s.n > 9)
		return false;
	long x = 0;
	for (size_t i = 0; i < s.n; i++) {
		if (!isdigit((unsigned char)s.s[i]))
			return false;
		x = x * 10 + (s.s[i] - '0');
	}
	*v = x;
	return true;
}

int pnx_tw_month(pnx_tstr s)
{
	static const char *const names[] = {"january", "february", "march", "april", "may", "june", "july",
	                                    "august", "september", "october", "november", "december"};
	long v;
	s = pnx_trim(s);
	if (pnx_digits(s, &v))
		return v >= 1 && v <= 12 ? (int)v : 0;
	if (pnx_tw_is(s, "sept"))
		return 9;
	return pnx_lookup(s, names, 12, 3);
}

int pnx_tw_weekday(pnx_tstr s)
{
	static const char *const names[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	                                    "sunday"};
	s = pnx_trim(s);
	if (pnx_tw_is(s, "tues"))
		return 2;
	if (pnx_tw_is(s, "thur") || pnx_tw_is(s, "thurs"))
		return 4;
	/* Plurals ("Mondays") name a set; the rule decides, the day is the same. */
	if (s.n > 3 && (s.s[s.n - 1] == 's' || s.s[s.n - 1] == 'S') && strncasecmp(s.s + s.n - 4, "days", 4) == 0)
		s.n--;
	return pnx_lookup(s, names, 7, 3);
}

static const char *const pnx_ones[] = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                       "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                       "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const pnx_tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                       "ninety"};

long pnx_tw_number(pnx_tstr s)
{
	static const char *const some[] = {"several", "few", "a few", "some", "many", "numerous"};
	long v;
	s = pnx_trim(s);
	if (pnx_digits(s, &v))
		return v;
	if (pnx_tw_is(s, "a") || pnx_tw_is(s, "an") || pnx_tw_is(s, "one") || pnx_tw_is(s, "single"))
		return 1;
	if (pnx_tw_is(s, "a dozen") || pnx_tw_is(s, "dozen"))
		return 12;
	if (pnx_tw_is(s, "a hundred") || pnx_tw_is(s, "one hundred") || pnx_tw_is(s, "hundred"))
		return 100;
	if (pnx_tw_is(s, "a couple") || pnx_tw_is(s, "couple") || pnx_tw_is(s, "a couple of") ||
	    pnx_tw_is(s, "couple of") || pnx_tw_is(s, "other"))
		return 2;
	if (pnx_lookup(s, some, sizeof some / sizeof *some, 0))
		return PNX_TW_SOME;
	int o = pnx_lookup(s, pnx_ones, 19, 0);
	if (o)
		return o;
	for (int t = 0; t < 8; t++) {
		size_t tl = strlen(pnx_tens[t]);
		if (s.n < tl || strncasecmp(s.s, pnx_tens[t], tl) != 0)
			continue;
		if (s.n == tl)
			return 20 + 10 * t;
		if (s.s[tl] != '-' && s.s[tl] != ' ')
			return 0;
		int u = pnx_lookup((pnx_tstr){s.s + tl + 1, s.n - tl - 1}, pnx_ones, 9, 0);
		return u ? 20 + 10 * t + u : 0;
	}
	return 0;
}

int pnx_tw_ordinal(pnx_tstr s)
{
	static const char *const ord[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
	                                  "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
	                                  "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
	                                  "nineteenth", "twentieth"};
	long v;
	s = pnx_trim(s);
	if (s.n > 2 && isdigit((unsigned char)s.s[0]) && isalpha((unsigned char)s.s[s.n - 1]))
		s.n -= 2; /* 1st 2nd 3rd 4th */
	if (pnx_digits(s, &v))
		return v < 1000 ? (int)v : 0;
	if (pnx_tw_is(s, "thirtieth"))
		return 30;
	int o = pnx_lookup(s, ord, 20, 0);
	if (o)
		return o;
	if (s.n > 7 && (strncasecmp(s.s, "twenty", 6) == 0 || strncasecmp(s.s, "thirty", 6) == 0) &&
	    (s.s[6] == '-' || s.s[6] == ' ')) {
		int u = pnx_lookup((pnx_tstr){s.s + 7, s.n - 7}, ord, 9, 0);
		return u ? (s.s[1] == 'w' || s.s[1] == 'W' ? 20 : 30) + u : 0;
	}
	return 0;
}

enum pnx_tunit pnx_tw_unit(pnx_tstr s)
{
	static const struct {
		const char *w;
		enum pnx_tunit u;
	} units[] = {
		{"second", PNX_U_SECOND}, {"minute", PNX_U_MINUTE},   {"min", PNX_U_MINUTE},
		{"hour", PNX_U_HOUR},     {"hr", PNX_U_HOUR},         {"day", PNX_U_DAY},
		{"night", PNX_U_DAY},     {"weekend", PNX_U_WEEKEND}, {"week", PNX_U_WEEK},
		{"wk", PNX_U_WEEK},       {"month", PNX_U_MONTH},     {"mo", PNX_U_MONTH},
		{"quarter", PNX_U_QUARTER}, {"half", PNX_U_HALF},     {"halves", PNX_U_HALF},
		{"season", PNX_U_SEASON}, {"year", PNX_U_YEAR},       {"yr", PNX_U_YEAR},
		{"decade", PNX_U_DECADE}, {"century", PNX_U_CENTURY}, {"centuries", PNX_U_CENTURY},
	};
	static const struct {
		const char *w;
		enum pnx_tunit u;
	} adverbs[] = {
		{"hourly", PNX_U_HOUR}, {"daily", PNX_U_DAY},     {"nightly", PNX_U_DAY},
		{"weekly", PNX_U_WEEK}, {"monthly", PNX_U_MONTH}, {"quarterly", PNX_U_QUARTER},
		{"yearly", PNX_U_YEAR}, {"annually", PNX_U_YEAR}, {"annual", PNX_U_YEAR},
	};
	s = pnx_trim(s);
	for (size_t i = 0; i < sizeof adverbs / sizeof *adverbs; i++)
		if (pnx_tw_is(s, adverbs[i].w))
			return adverbs[i].u;
	if (s.n > 5 && strncasecmp(s.s + s.n - 5, "-long", 5) == 0)
		s.n -= 5;
	if (s.n > 4 && strncasecmp(s.s + s.n - 4, "-old", 4) == 0)
		s.n -= 4;
	for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
		size_t wl = strlen(units[i].w);
		if (s.n >= wl && s.n <= wl + 1 && strncasecmp(s.s, units[i].w, wl) == 0 &&
		    (s.n == wl || s.s[wl] == 's' || s.s[wl] == 'S'))
			return units[i].u;
	}
	return PNX_U_NONE;
}

const char *pnx_tw_season(pnx_tstr s)
{
	static const char *const names[] = {"spring", "summer", "fall", "autumn", "winter"};
	static const char *const codes[] = {"SP", "SU", "FA", "FA", "WI"};
	int i = pnx_lookup(s, names, 5, 0);
	return i ? codes[i - 1] : NULL;
}

const char *pnx_tw_part(pnx_tstr s)
{
	static const char *const names[] = {"morning", "afternoon", "evening", "night", "tonight", "overnight",
	                                    "midday", "noon", "daytime", "dawn", "dusk"};
	static const char *const codes[] = {"MO", "AF", "EV", "NI", "NI", "NI", "MI", "MI", "DT", "MO", "EV"};
	int i = pnx_lookup(s, names, sizeof names / sizeof *names, 0);
	return i ? codes[i - 1] : NULL;
}

int pnx_tw_rel(pnx_tstr s, bool *ok)
{
	static const char *const back[] = {"last", "past", "previous", "prior", "preceding", "latest", "recent",
	                                   "most recent", "year-earlier", "year-ago"};
	static const char *const fwd[] = {"next", "coming", "following", "upcoming"};
	static const char *const same[] = {"this", "current", "present", "the", "that", "same"};
	*ok = true;
	s = pnx_trim(s);
	if (pnx_lookup(s, back, sizeof back / sizeof *back, 0))
		return -1;
	if (pnx_lookup(s, fwd, sizeof fwd / sizeof *fwd, 0))
		return 1;
	if (pnx_lookup(s, same, sizeof same / sizeof *same, 0))
		return 0;
	*ok = false;
	return 0;
}

const char *pnx_tw_mod(pnx_tstr s)
{
	static const struct {
		const char *w, *mod;
	} mods[] = {
		{"early", "START"},       {"earlier", "START"},   {"beginning", "START"},  {"start", "START"},
		{"the beginning of", "START"}, {"the start of", "START"}, {"beginning of", "START"},
		{"start of", "START"},    {"dawn", "START"},      {"middle of", "MID"},
		{"end of", "END"},        {"close of", "END"},    {"the close of", "END"},
		{"mid", "MID"},           {"middle", "MID"},      {"the middle of", "MID"},
		{"late", "END"},          {"later", "END"},       {"end", "END"},          {"the end of", "END"},
		{"close", "END"},         {"about", "APPROX"},    {"around", "APPROX"},    {"approximately", "APPROX"},
		{"roughly", "APPROX"},    {"some", "APPROX"},     {"nearly", "LESS_THAN"}, {"almost", "LESS_THAN"},
		{"less than", "LESS_THAN"}, {"under", "LESS_THAN"}, {"more than", "MORE_THAN"},
		{"over", "MORE_THAN"},    {"at least", "EQUAL_OR_MORE"}, {"no more than", "EQUAL_OR_LESS"},
		{"up to", "EQUAL_OR_LESS"}, {"START", "START"},   {"MID", "MID"},          {"END", "END"},
		{"APPROX", "APPROX"},
	};
	s = pnx_trim(s);
	if (s.n && s.s[s.n - 1] == '-')
		s.n--;
	for (size_t i = 0; i < sizeof mods / sizeof *mods; i++)
		if (pnx_tw_is(s, mods[i].w))
			return mods[i].mod;
	return NULL;
}
