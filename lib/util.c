/* util.c - diagnostics, allocation that dies, progress lines, paths. */
#include "pn.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PN_DATADIR
#define PN_DATADIR "/usr/local/share/pharmanews"
#endif

static const char *progname = "pharmanews";

void pn_setprogname(const char *argv0)
{
	const char *s = strrchr(argv0, '/');
	progname = s ? s + 1 : argv0;
}

const char *pn_progname(void) { return progname; }

static bool progress_line_open;

static void vmsg(const char *fmt, va_list ap)
{
	if (progress_line_open) {
		fputs("\r\033[K", stderr);
		progress_line_open = false;
	}
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void pn_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void pn_die(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(code);
}

void *pn_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		pn_die(PN_EXIT_INTERNAL, "out of memory (%zu bytes)", n);
	return p;
}

void *pn_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		pn_die(PN_EXIT_INTERNAL, "out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *pn_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		pn_die(PN_EXIT_INTERNAL, "out of memory (%zu bytes)", n);
	return p;
}

char *pn_xstrdup(const char *s)
{
	return pn_xstrndup(s, strlen(s));
}

char *pn_xstrndup(const char *s, size_t n)
{
	char *p = pn_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *pn_xasprintf(const char *fmt, ...)
{
	pn_buf b = PN_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	pn_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return pn_buf_steal(&b);
}

bool pn_progress_enabled(void)
{
	static int enabled = -1;
	if (enabled < 0)
		enabled = isatty(STDERR_FILENO) && !getenv("PN_NO_PROGRESS");
	return enabled;
}

void pn_progress(const char *fmt, ...)
{
	if (!pn_progress_enabled())
		return;
	static struct timespec last;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (now.tv_sec - last.tv_sec) * 1000 + (now.tv_nsec - last.tv_nsec) / 1000000;
	if (ms < 200)
		return;
	last = now;
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "\r\033[K%s: ", progname);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	progress_line_open = true;
}

void pn_progress_done(void)
{
	if (progress_line_open) {
		fputs("\r\033[K", stderr);
		progress_line_open = false;
	}
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *pn_rules_dir(void)
{
	static char dir[PATH_MAX];
	if (dir[0])
		return dir;
	const char *env = getenv("PN_RULES_DIR");
	if (env && *env) {
		snprintf(dir, sizeof dir, "%s", env);
		return dir;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			/* build/pn-x -> ../rules; build-asan/bin/pn-x -> ../../rules */
			static const char *const rel[] = {"/../rules", "/../../rules"};
			for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
				char cand[PATH_MAX + 16];
				snprintf(cand, sizeof cand, "%s%s", exe, rel[i]);
				if (is_dir(cand) && realpath(cand, dir))
					return dir;
			}
		}
	}
	snprintf(dir, sizeof dir, "%s/rules", PN_DATADIR);
	return dir;
}

void pn_utc_now(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
