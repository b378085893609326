/* timex_norm.c - slots of one match -> TIMEX3 type, value, grain, mod:
 * durations, sets and times here, dates in timex_date.c. docs/timex.md
 * states the rules implemented here. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timex_int.h"

const char *const pnx_tslot_names[PNX_TS_N] = {
	"year", "month", "day", "weekday", "quarter", "half", "season", "decade", "century", "num",
	"unit", "rel", "mod", "hour", "minute", "ampm", "part", "shift", "dir", "tense", "nth", "value"};

/* P3Y, PT2H, PXM ... num < 0 means "some". */
static bool pnx_period(enum pnx_tunit u, long num, char *v, size_t vn)
{
	const char *t = "", *code;
	long mult = 1;
	switch (u) {
	case PNX_U_SECOND: t = "T"; code = "S"; break;
	case PNX_U_MINUTE: t = "T"; code = "M"; break;
	case PNX_U_HOUR: t = "T"; code = "H"; break;
	case PNX_U_DAY: code = "D"; break;
	case PNX_U_WEEKEND: code = "D"; mult = 2; break;
	case PNX_U_WEEK: code = "W"; break;
	case PNX_U_MONTH: code = "M"; break;
	case PNX_U_QUARTER: code = "Q"; break;
	case PNX_U_HALF: code = "M"; mult = 6; break;
	case PNX_U_YEAR: code = "Y"; break;
	case PNX_U_DECADE: code = num < 0 ? "DE" : "Y"; mult = 10; break;
	case PNX_U_CENTURY: code = num < 0 ? "CE" : "Y"; mult = 100; break;
	default: return false;
	}
	if (num < 0)
		snprintf(v, vn, "P%sX%s", t, code);
	else
		snprintf(v, vn, "P%s%ld%s", t, num * mult, code);
	return true;
}

/* Count of a duration or set: the num slot, else 1, else X for a bare
 * plural ("for years"). */
static long pnx_count(const pnx_tstr *sl)
{
	if (pnx_tset(sl[PNX_TS_NUM])) {
		long n = pnx_tw_number(sl[PNX_TS_NUM]);
		return n == 0 ? -2 : n;
	}
	pnx_tstr u = sl[PNX_TS_UNIT];
	if (u.n > 1 && (u.s[u.n - 1] == 's' || u.s[u.n - 1] == 'S'))
		return PNX_TW_SOME;
	return 1;
}

static bool pnx_duration(const pnx_tstr *sl, pnx_timex *out)
{
	long n = pnx_count(sl);
	if (n == -2)
		return false;
	return pnx_period(pnx_tw_unit(sl[PNX_TS_UNIT]), n, out->value, sizeof out->value);
}

static bool pnx_set_value(const pnx_tstr *sl, pnx_timex *out)
{
	int wd = pnx_tw_weekday(sl[PNX_TS_WEEKDAY]);
	int m = pnx_tw_month(sl[PNX_TS_MONTH]);
	if (wd) {
		snprintf(out->value, sizeof out->value, "XXXX-WXX-%d", wd);
		return true;
	}
	if (m) {
		snprintf(out->value, sizeof out->value, "XXXX-%02d", m);
		return true;
	}
	long n = pnx_count(sl);
	return n > 0 && pnx_period(pnx_tw_unit(sl[PNX_TS_UNIT]), n, out->value, sizeof out->value);
}

/* "3 p.m.", "14:30", "this morning", "Friday night". */
static bool pnx_time_value(const pnx_tstr *sl, const pnx_tctx *ctx, pnx_timex *out)
{
	char tpart[16];
	const char *part = pnx_tset(sl[PNX_TS_PART]) ? pnx_tw_part(sl[PNX_TS_PART]) : NULL;
	if (pnx_tset(sl[PNX_TS_HOUR])) {
		pnx_tstr hs = sl[PNX_TS_HOUR];
		long h = pnx_tw_is(hs, "noon") || pnx_tw_is(hs, "midday") ? 12 : pnx_tw_is(hs, "midnight") ? 24
		                                                                    : pnx_tw_number(hs);
		long mi = 0;
		if (pnx_tset(sl[PNX_TS_MINUTE]))
			mi = pnx_tw_number(sl[PNX_TS_MINUTE]);
		pnx_tstr ap = sl[PNX_TS_AMPM];
		bool pm = ap.s && ap.n && (ap.s[0] == 'p' || ap.s[0] == 'P');
		bool am = ap.s && ap.n && (ap.s[0] == 'a' || ap.s[0] == 'A');
		if (h < 0 || h > 24 || mi < 0 || mi > 59 || ((pm || am) && (h < 1 || h > 12)))
			return false;
		if (pm && h < 12)
			h += 12;
		if (am && h == 12)
			h = 0;
		snprintf(tpart, sizeof tpart, "T%02ld:%02ld", h, mi);
	} else if (part) {
		snprintf(tpart, sizeof tpart, "T%s", part);
	} else {
		return false;
	}
	bool has_date = false;
	for (int i = PNX_TS_YEAR; i <= PNX_TS_UNIT; i++)
		has_date |= pnx_tset(sl[i]);
	if (has_date) {
		if (!pnx_tdate_value(sl, ctx, out, true))
			return false;
	} else if (ctx->has_dct) {
		/* "yesterday evening", "last night", "tomorrow morning" */
		pnx_tstr r = sl[PNX_TS_REL];
		long shift = pnx_tw_is(r, "yesterday") || pnx_tw_is(r, "last") ? -1 : pnx_tw_is(r, "tomorrow") ? 1 : 0;
		int y, m, d;
		pnx_cal_civil(ctx->dct + shift, &y, &m, &d);
		snprintf(out->value, sizeof out->value, "%04d-%02d-%02d", y, m, d);
	} else {
		snprintf(out->value, sizeof out->value, "XXXX-XX-XX");
	}
	size_t l = strlen(out->value);
	snprintf(out->value + l, sizeof out->value - l, "%s", tpart);
	out->grain = NULL;
	return true;
}

bool pnx_tnorm(const char *type, const pnx_tstr *sl, const pnx_tctx *ctx, pnx_timex *out)
{
	out->type = type;
	out->grain = NULL;
	out->mod = pnx_tset(sl[PNX_TS_MOD]) ? pnx_tw_mod(sl[PNX_TS_MOD]) : NULL;
	out->value[0] = '\0';
	if (pnx_tset(sl[PNX_TS_VALUE])) {
		snprintf(out->value, sizeof out->value, "%.*s", (int)sl[PNX_TS_VALUE].n, sl[PNX_TS_VALUE].s);
		return true;
	}
	if (!strcmp(type, "DURATION"))
		return pnx_duration(sl, out);
	if (!strcmp(type, "SET"))
		return pnx_set_value(sl, out);
	if (!strcmp(type, "TIME"))
		return pnx_time_value(sl, ctx, out);
	return pnx_tdate_value(sl, ctx, out, false);
}
