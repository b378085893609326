/* meta_date.c - the many ways pages write dates, to ISO 8601.
 *
 * A time is kept only with its zone: "10:12" alone could be any of 24
 * offsets, and a wrong time is worse than a date. US zone names ("ET")
 * get daylight saving time from the date. */
#include "meta_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct pnp_dt {
	int y, mo, d, h, mi, s;
	bool has_time, has_zone;
	int off; /* minutes east of UTC */
} pnp_dt;

static const char *const pnp_months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};
static const char *const pnp_weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static bool pnp_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool pnp_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Spaces, tabs, newlines and U+00A0 (as UTF-8) from i on. */
static size_t pnp_ws(const char *s, size_t n, size_t i)
{
	for (;;) {
		if (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
			i += 2;
		else
			return i;
	}
}

/* Exactly `digits` digits at i, not followed by another digit. */
static bool pnp_num(const char *s, size_t n, size_t *i, int digits, int *v)
{
	int x = 0;
	for (int k = 0; k < digits; k++) {
		if (*i + (size_t)k >= n || !pnp_digit(s[*i + k]))
			return false;
		x = x * 10 + (s[*i + k] - '0');
	}
	if (*i + (size_t)digits < n && pnp_digit(s[*i + digits]))
		return false;
	*i += (size_t)digits;
	*v = x;
	return true;
}

/* One or two digits. */
static bool pnp_num12(const char *s, size_t n, size_t *i, int *v)
{
	return pnp_num(s, n, i, 1, v) || pnp_num(s, n, i, 2, v);
}

/* The word at i (letters only) and its length. */
static size_t pnp_word(const char *s, size_t n, size_t i)
{
	size_t l = 0;
	while (i + l < n && pnp_alpha(s[i + l]))
		l++;
	return l;
}

/* A name from list, whole or cut to at least 3 letters ("Sept",
 * "Tues"), then an optional '.'; index+1 or 0. */
static int pnp_name(const char *s, size_t n, size_t *i, const char *const *list, int count)
{
	size_t l = pnp_word(s, n, *i);
	if (l < 3)
		return 0;
	for (int k = 0; k < count; k++) {
		size_t full = strlen(list[k]);
		if (l <= full && strncasecmp(s + *i, list[k], l) == 0) {
			*i += l;
			if (*i < n && s[*i] == '.')
				(*i)++;
			return k + 1;
		}
	}
	return 0;
}

static bool pnp_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int pnp_mdays(int y, int mo)
{
	static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return mo == 2 && pnp_leap(y) ? 29 : md[mo - 1];
}

static bool pnp_valid(const pnp_dt *t)
{
	if (t->y < 1970 || t->y > 2099 || t->mo < 1 || t->mo > 12 || t->d < 1 ||
	    t->d > pnp_mdays(t->y, t->mo))
		return false;
	if (t->has_time && (t->h > 23 || t->mi > 59 || t->s > 59))
		return false;
	return !t->has_zone || (t->off >= -14 * 60 && t->off <= 14 * 60);
}

/* 0 = Sunday (Sakamoto). */
static int pnp_weekday(int y, int m, int d)
{
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* US daylight saving time: second Sunday of March to first Sunday of
 * November (to the day; the 2 a.m. switch does not matter here). */
static bool pnp_us_dst(const pnp_dt *t)
{
	if (t->mo < 3 || t->mo > 11)
		return false;
	if (t->mo > 3 && t->mo < 11)
		return true;
	int first_sun = 1 + (7 - pnp_weekday(t->y, t->mo, 1)) % 7;
	if (t->mo == 3)
		return t->d >= first_sun + 7;
	return t->d < first_sun;
}

typedef struct pnp_zone_name {
	const char *name;
	int off;       /* minutes */
	bool us_local; /* "ET": standard or daylight from the date */
} pnp_zone_name;

/* Longer names first where one starts another ("Eastern Time", "Eastern"). */
static const pnp_zone_name pnp_zones[] = {
	{"Eastern Standard Time", -300, false}, {"Eastern Daylight Time", -240, false},
	{"Eastern Time", -300, true},           {"Eastern", -300, true},
	{"Central Standard Time", -360, false}, {"Central Daylight Time", -300, false},
	{"Pacific Standard Time", -480, false}, {"Pacific Daylight Time", -420, false},
	{"Pacific Time", -480, true},           {"Central European Summer Time", 120, false},
	{"Central European Time", 60, false},   {"Greenwich Mean Time", 0, false},
	{"British Summer Time", 60, false},
	{"UTC", 0, false},    {"GMT", 0, false},    {"UT", 0, false},
	{"Z", 0, false},      {"EST", -300, false}, {"EDT", -240, false},
	{"CST", -360, false}, {"CDT", -300, false}, {"MST", -420, false},
	{"MDT", -360, false}, {"PST", -480, false}, {"PDT", -420, false},
	{"ET", -300, true},   {"CT", -360, true},   {"MT", -420, true},
	{"PT", -480, true},   {"BST", 60, false},   {"CET", 60, false},
	{"CEST", 120, false}, {"WET", 0, false},    {"WEST", 60, false},
	{"EET", 120, false},  {"EEST", 180, false}, {"JST", 540, false},
	{"KST", 540, false},  {"HKT", 480, false},  {"SGT", 480, false},
	{"AEST", 600, false}, {"AEDT", 660, false},
};

/* [+-]hh, [+-]hh:mm, [+-]hhmm at *i into *off. */
static bool pnp_offset(const char *s, size_t n, size_t *i, int *off)
{
	size_t j = *i;
	if (j >= n || (s[j] != '+' && s[j] != '-'))
		return false;
	int sign = s[j] == '-' ? -1 : 1, h, m = 0;
	j++;
	if (pnp_num(s, n, &j, 4, &h)) { /* hhmm */
		m = h % 100;
		h /= 100;
	} else if (pnp_num12(s, n, &j, &h)) {
		size_t k = j + 1;
		if (j < n && s[j] == ':' && pnp_num(s, n, &k, 2, &m))
			j = k;
	} else {
		return false;
	}
	if (h > 14 || m > 59)
		return false;
	*off = sign * (h * 60 + m);
	*i = j;
	return true;
}

/* A zone after a time: offset, "Z", "GMT+1", or a name from pnp_zones. */
static bool pnp_zone(const char *s, size_t n, size_t *i, pnp_dt *t)
{
	size_t j = *i;
	if (pnp_offset(s, n, &j, &t->off)) {
		*i = j;
		return t->has_zone = true;
	}
	for (size_t k = 0; k < sizeof pnp_zones / sizeof pnp_zones[0]; k++) {
		const pnp_zone_name *z = &pnp_zones[k];
		size_t l = strlen(z->name);
		if (n - j < l || strncasecmp(s + j, z->name, l) != 0 || (j + l < n && pnp_alpha(s[j + l])))
			continue;
		if (l == 1 && s[j] != 'Z') /* a lone lowercase z is a word */
			return false;
		j += l;
		t->off = z->off + (z->us_local && pnp_us_dst(t) ? 60 : 0);
		if (t->off == 0) { /* "GMT+1", "UTC-05:00" */
			size_t e = j;
			int extra;
			if (pnp_offset(s, n, &e, &extra)) {
				t->off = extra;
				j = e;
			}
		}
		*i = j;
		return t->has_zone = true;
	}
	return false;
}

/* hh:mm[:ss[.frac]] [am|pm] [zone] at *i. */
static bool pnp_time(const char *s, size_t n, size_t *i, pnp_dt *t)
{
	size_t j = *i;
	if (!pnp_num12(s, n, &j, &t->h) || j >= n || s[j] != ':')
		return false;
	j++;
	if (!pnp_num(s, n, &j, 2, &t->mi))
		return false;
	t->s = 0;
	if (j + 2 < n && s[j] == ':' && pnp_digit(s[j + 1])) {
		j++;
		if (!pnp_num(s, n, &j, 2, &t->s))
			return false;
		if (j < n && (s[j] == '.' || s[j] == ','))
			for (j++; j < n && pnp_digit(s[j]); j++)
				;
	}
	t->has_time = true;
	size_t k = pnp_ws(s, n, j), ampm = 0;
	if (k < n && strchr("aApP", s[k])) {
		if (pnp_word(s, n, k) == 2 && (s[k + 1] == 'm' || s[k + 1] == 'M'))
			ampm = 2;
		else if (k + 3 < n && s[k + 1] == '.' && (s[k + 2] == 'm' || s[k + 2] == 'M') &&
		         s[k + 3] == '.')
			ampm = 4; /* a.m. */
	}
	if (ampm) {
		if (t->h < 1 || t->h > 12)
			return false;
		t->h = t->h % 12 + (s[k] == 'p' || s[k] == 'P' ? 12 : 0);
		j = k + ampm;
	}
	/* Offsets follow ISO times directly; names follow a space. */
	k = j < n && (s[j] == '+' || s[j] == '-' || s[j] == 'Z') ? j : pnp_ws(s, n, j);
	if (k < n && s[k] == '(')
		k++;
	if (pnp_zone(s, n, &k, t)) {
		if (k < n && s[k] == ')')
			k++;
		j = k;
	}
	*i = j;
	return true;
}

/* YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (one separator kind) or, when
 * compact, YYYYMMDD; then an optional ISO or written time. */
static size_t pnp_parse_iso(const char *s, size_t n, size_t i, bool compact, pnp_dt *t)
{
	size_t j = i;
	if (compact && pnp_num(s, n, &j, 8, &t->y)) {
		t->d = t->y % 100;
		t->mo = t->y / 100 % 100;
		t->y /= 10000;
	} else {
		j = i;
		char sep;
		if (!pnp_num(s, n, &j, 4, &t->y) || j >= n || !strchr("-/.", s[j]))
			return 0;
		sep = s[j++];
		if (!pnp_num12(s, n, &j, &t->mo) || j >= n || s[j] != sep)
			return 0;
		j++;
		if (!pnp_num12(s, n, &j, &t->d))
			return 0;
	}
	if (j < n && (s[j] == 'T' || s[j] == ' ' || s[j] == '\t')) {
		size_t k = j + 1;
		pnp_dt tt = *t;
		if (pnp_time(s, n, &k, &tt)) {
			*t = tt;
			j = k;
		}
	}
	return j - i;
}

/* Optional weekday, then "March 4, 2025" or "4 March 2025", then an
 * optional time after ",", "at", "-", "|", "@" or U+00B7. */
static size_t pnp_parse_written(const char *s, size_t n, size_t i, pnp_dt *t)
{
	size_t j = i;
	if (pnp_name(s, n, &j, pnp_weekdays, 7)) {
		if (j < n && s[j] == ',')
			j++;
		j = pnp_ws(s, n, j);
	}
	if ((t->mo = pnp_name(s, n, &j, pnp_months, 12))) {
		j = pnp_ws(s, n, j);
		if (!pnp_num12(s, n, &j, &t->d))
			return 0;
		size_t w = pnp_word(s, n, j);
		if (w == 2 && strchr("snrtSNRT", s[j]))
			j += 2; /* 4th, 1st */
	} else {
		if (!pnp_num12(s, n, &j, &t->d))
			return 0;
		size_t w = pnp_word(s, n, j);
		if (w == 2 && strchr("snrtSNRT", s[j]))
			j += 2;
		if (j < n && (s[j] == '-' || s[j] == '.'))
			j++; /* 04-Mar-2025 */
		j = pnp_ws(s, n, j);
		if (n - j >= 3 && strncasecmp(s + j, "of ", 3) == 0)
			j = pnp_ws(s, n, j + 3);
		if (!(t->mo = pnp_name(s, n, &j, pnp_months, 12)))
			return 0;
		if (j < n && s[j] == '-')
			j++;
	}
	if (j < n && s[j] == ',')
		j++;
	j = pnp_ws(s, n, j);
	if (!pnp_num(s, n, &j, 4, &t->y))
		return 0;
	size_t k = j;
	if (k < n && s[k] == ',')
		k++;
	k = pnp_ws(s, n, k);
	if (k + 2 < n && strncasecmp(s + k, "at", 2) == 0 && !pnp_alpha(s[k + 2]))
		k = pnp_ws(s, n, k + 2);
	else if (k < n && strchr("-|@", s[k]))
		k = pnp_ws(s, n, k + 1);
	else if (k + 1 < n && (unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xB7)
		k = pnp_ws(s, n, k + 2);
	pnp_dt tt = *t;
	if (pnp_time(s, n, &k, &tt)) {
		*t = tt;
		j = k;
	}
	return j - i;
}

static size_t pnp_parse_epoch(const char *s, size_t n, size_t i, pnp_dt *t)
{
	size_t l = 0;
	while (i + l < n && pnp_digit(s[i + l]))
		l++;
	if ((l != 10 && l != 13) || (i + l < n && s[i + l] != ' ' && s[i + l] != '\0'))
		return 0;
	long long v = 0;
	for (size_t k = 0; k < 10; k++)
		v = v * 10 + (s[i + k] - '0');
	time_t tt = (time_t)v;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return 0;
	*t = (pnp_dt){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	              tm.tm_min, tm.tm_sec, true, true, 0};
	return l;
}

static void pnp_format(const pnp_dt *t, char out[PNP_DATE_MAX])
{
	if (!t->has_time || !t->has_zone) {
		snprintf(out, PNP_DATE_MAX, "%04d-%02d-%02d", t->y, t->mo, t->d);
		return;
	}
	int n = snprintf(out, PNP_DATE_MAX, "%04d-%02d-%02dT%02d:%02d:%02d", t->y, t->mo,
	                 t->d, t->h, t->mi, t->s);
	if (t->off == 0)
		snprintf(out + n, (size_t)(PNP_DATE_MAX - n), "Z");
	else
		snprintf(out + n, (size_t)(PNP_DATE_MAX - n), "%c%02d:%02d",
		         t->off < 0 ? '-' : '+', (t->off < 0 ? -t->off : t->off) / 60,
		         (t->off < 0 ? -t->off : t->off) % 60);
}

/* Shared by parse and find: ISO, then written forms; in machine-written
 * values (meta content) also YYYYMMDD and epoch numbers, which in prose
 * would be mistaken for other numbers. */
static size_t pnp_parse_at(const char *s, size_t n, size_t i, bool machine,
                           char out[PNP_DATE_MAX])
{
	pnp_dt t = {0};
	size_t l = pnp_parse_iso(s, n, i, machine, &t);
	if (!l) {
		t = (pnp_dt){0};
		l = pnp_parse_written(s, n, i, &t);
	}
	if (!l && machine) {
		t = (pnp_dt){0};
		l = pnp_parse_epoch(s, n, i, &t);
	}
	if (!l || !pnp_valid(&t))
		return 0;
	pnp_format(&t, out);
	return l;
}

size_t pnp_date_parse(const char *s, size_t n, bool epoch, char out[PNP_DATE_MAX])
{
	size_t i = pnp_ws(s, n, 0);
	size_t l = pnp_parse_at(s, n, i, epoch, out);
	return l ? i + l : 0;
}

size_t pnp_date_find(const char *s, size_t n, size_t *start, char out[PNP_DATE_MAX])
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!pnp_digit(c) && !pnp_alpha(c))
			continue;
		if (i > 0 && (pnp_digit(s[i - 1]) || pnp_alpha(s[i - 1])))
			continue;
		size_t l = pnp_parse_at(s, n, i, false, out);
		if (l) {
			*start = i;
			return l;
		}
	}
	return 0;
}

bool pnp_date_from_url(const char *url, char out[PNP_DATE_MAX])
{
	const char *p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : url;
	if (!p)
		return false;
	size_t n = strcspn(p, "?#");
	for (size_t i = 1; i + 8 <= n; i++) {
		if (!pnp_digit(p[i]) || pnp_digit(p[i - 1]) || pnp_alpha(p[i - 1]))
			continue;
		pnp_dt t = {0};
		size_t j = i;
		bool ok = false;
		if (pnp_num(p, n, &j, 4, &t.y) && j < n && (p[j] == '/' || p[j] == '-')) {
			char sep = p[j++];
			/* "/2025/03/04/" or, as some newspapers do, "/2025/mar/04/" */
			if ((pnp_num(p, n, &j, 2, &t.mo) ||
			     (pnp_word(p, n, j) == 3 && (t.mo = pnp_name(p, n, &j, pnp_months, 12)))) &&
			    j < n && p[j] == sep) {
				j++;
				ok = pnp_num(p, n, &j, 2, &t.d);
			}
		} else {
			j = i;
			if (pnp_num(p, n, &j, 8, &t.y)) {
				t.d = t.y % 100;
				t.mo = t.y / 100 % 100;
				t.y /= 10000;
				ok = true;
			}
		}
		/* The date must end its path segment or word. */
		if (ok && (j == n || !pnp_alpha(p[j])) && pnp_valid(&t)) {
			pnp_format(&t, out);
			return true;
		}
	}
	return false;
}
