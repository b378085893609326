/* urltest.c - pn-fetch's URL fast path against libcurl (TAP).
 *
 * pnf_url_resolve returns an absolute URL as it is when already_normal()
 * says libcurl would give it back unchanged, and skips curl_url (the
 * fetch loop's startup cost). This checks that promise on generated
 * URLs built from the parts where the two could differ: scheme and host
 * case, numeric hosts, ports, userinfo, dot segments, escapes, bytes to
 * encode, empty queries and fragments. The file under test is included
 * so its static functions can be called. */
#include "../fetch/url.c"

#include <stdio.h>
#include <stdlib.h>

static const char *const schemes[] = {"http://", "https://", "HTTP://", "Https://", "ftp://", "file://"};
static const char *const hosts[] = {
	"example.com", "Example.com", "www.example.co.uk", "a-b.example", "xn--bcher-kva.example",
	"127.0.0.1", "10.0.0.255", "256.1.1.1", "01.2.3.4", "1.2.3", "0x7f.0.0.1", "1.2.3.4.",
	"example.com.", "", "user@example.com", "user:pw@example.com", "[::1]", "exa_mple.com",
	"123", "1example.com", "example..com", "-example.com",
};
static const char *const ports[] = {"", ":8080", ":443", ":80", ":0", ":080", ":65535", ":65536", ":", ":99999999"};
static const char *const segs[] = {
	"a", "b.html", ".", "..", ".a", "..b", "a.", "%20", "%2F", "%2f", "%zz", "%4", "~x", "a b",
	"a\"b", "a<b", "a|b", "a\\b", "\xc3\xa9", "a;b=c", "a:b", "@", "!$&'()*+,", "a^b", "a`b",
	"{x}", "[1]", "",
};
static const char *const tails[] = {"", "?q=1", "?a=1&b=/../x", "?", "?q=a b", "?%41", "#", "#f", "?q#f",
                                    "?/./", "?q=\xc3\xa9", "?q=[1]"};

static unsigned long long rng = 88172645463325252ULL;

static size_t pick(size_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (size_t)(rng % n);
}

/* Each part is mostly one of the first few (plain) entries, so that
 * most URLs are near-normal and differ from normal in one place. */
#define PICK(a) (a[pick(3) ? pick(4) : pick(sizeof a / sizeof a[0])])

static void generate(char *u, size_t cap)
{
	int len = snprintf(u, cap, "%s%s%s", PICK(schemes), PICK(hosts), PICK(ports));
	size_t nseg = pick(5);
	if (nseg == 0 && pick(2))
		len += snprintf(u + len, cap - (size_t)len, "/");
	for (size_t i = 0; i < nseg; i++)
		len += snprintf(u + len, cap - (size_t)len, "/%s", PICK(segs));
	if (nseg && pick(4) == 0)
		len += snprintf(u + len, cap - (size_t)len, "/");
	snprintf(u + len, cap - (size_t)len, "%s", PICK(tails));
}

int main(void)
{
	enum { N = 200000 };
	char u[512];
	long fast = 0, bad = 0;
	printf("1..2\n");
	for (long i = 0; i < N; i++) {
		generate(u, sizeof u);
		size_t n = strlen(u);
		if (!already_normal(u, n))
			continue;
		fast++;
		char *c = resolve_with_curl(NULL, u);
		if (!c || strcmp(c, u) != 0) {
			if (bad++ < 10)
				printf("# fast path kept %s, libcurl gives %s\n", u, c ? c : "(error)");
		}
		free(c);
	}
	printf("%s 1 - every URL the fast path keeps is libcurl's own normal form (%ld of %d generated, %ld differ)\n",
	       bad ? "not ok" : "ok", fast, N, bad);
	/* the fast path must not be vacuous: plain seed URLs take it */
	const char *plain[] = {"https://www.example.com/news/2025/a-b_c.html?id=7&x=y", "http://127.0.0.1:8080/a/b"};
	bool all = true;
	for (size_t i = 0; i < 2; i++)
		all = all && already_normal(plain[i], strlen(plain[i]));
	printf("%s 2 - plain absolute URLs take the fast path\n", all ? "ok" : "not ok");
	return bad || !all;
}
