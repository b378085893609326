/* dates.c - TIMEX-like date values to the [first day, last day] they cover,
 * so that dates of different grains sort and filter together as text. */
#include "pns.h"

#include <string.h>
#include <time.h>

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Exactly n ASCII digits at s, as a number; -1 otherwise. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* By hand: y < 10000 is known here but not to -Wformat-truncation. */
static void ymd(char out[11], int y, int m, int d)
{
	const int v[3] = {y, m, d}, width[3] = {4, 2, 2};
	char *p = out;
	for (int i = 0; i < 3; i++) {
		for (int k = width[i] - 1, x = v[i]; k >= 0; k--, x /= 10)
			p[k] = (char)('0' + x % 10);
		p += width[i];
		*p++ = i < 2 ? '-' : '\0';
	}
}

/* ISO 8601 week w of year y: Monday of the week holding January 4th. */
static void iso_week(int y, int w, char start[11], char end[11])
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = 0, .tm_mday = 4, .tm_hour = 12};
	timegm(&tm);
	int monday_offset = (tm.tm_wday + 6) % 7;
	tm.tm_mday = 4 - monday_offset + (w - 1) * 7;
	timegm(&tm);
	ymd(start, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	tm.tm_mday += 6;
	timegm(&tm);
	ymd(end, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

bool pns_date_range(const char *v, size_t n, char start[11], char end[11],
                    const char **grain_out)
{
	if (n > 10 && v[10] == 'T') /* a full timestamp is dated by its day */
		n = 10;
	int y = n >= 4 ? digits(v, 4) : -1;
	if (y < 1)
		return false;
	const char *grain;
	int m0, m1, d0 = 1, d1;
	if (n == 4) {
		grain = "year", m0 = 1, m1 = 12;
	} else if (v[4] != '-') {
		return false;
	} else if (n == 7 && (v[5] == 'Q' || v[5] == 'q') && v[6] >= '1' && v[6] <= '4') {
		grain = "quarter", m0 = (v[6] - '1') * 3 + 1, m1 = m0 + 2;
	} else if (n == 7 && (v[5] == 'H' || v[5] == 'h') && (v[6] == '1' || v[6] == '2')) {
		grain = "half", m0 = v[6] == '1' ? 1 : 7, m1 = m0 + 5;
	} else if (n == 8 && (v[5] == 'W' || v[5] == 'w')) {
		int w = digits(v + 6, 2);
		if (w < 1 || w > 53)
			return false;
		iso_week(y, w, start, end);
		if (grain_out)
			*grain_out = "week";
		return true;
	} else if (n == 7 || (n == 10 && v[7] == '-')) {
		m0 = m1 = digits(v + 5, 2);
		if (m0 < 1 || m0 > 12)
			return false;
		grain = "month";
		if (n == 10) {
			d0 = digits(v + 8, 2);
			if (d0 < 1 || d0 > days_in_month(y, m0))
				return false;
			grain = "day";
		}
	} else {
		return false;
	}
	d1 = strcmp(grain, "day") == 0 ? d0 : days_in_month(y, m1);
	ymd(start, y, m0, d0);
	ymd(end, y, m1, d1);
	if (grain_out)
		*grain_out = grain;
	return true;
}
