/* timex_cal.c - calendar arithmetic on day numbers, so that "last week",
 * "Tuesday" and "a year ago" can be computed by adding and comparing. */
#include "timex_int.h"

/* Howard Hinnant's days_from_civil: exact for any year, no tables. */
long pnx_cal_days(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void pnx_cal_civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int pnx_cal_weekday(long days)
{
	/* 1970-01-01 was a Thursday (4). */
	long w = (days % 7 + 7 + 3) % 7;
	return (int)w + 1;
}

void pnx_cal_isoweek(long days, int *wyear, int *week)
{
	/* The week belongs to the year of its Thursday. */
	long thu = days - pnx_cal_weekday(days) + 4;
	int y, m, d;
	pnx_cal_civil(thu, &y, &m, &d);
	*wyear = y;
	*week = (int)((thu - pnx_cal_days(y, 1, 1)) / 7 + 1);
}

int pnx_cal_mdays(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return n[m - 1];
}
