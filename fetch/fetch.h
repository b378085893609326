/* fetch.h - internal interface of pn-fetch (symbols prefixed pnf_).
 *
 * Data flow: main.c reads options (opts.c), seeds (seeds.c) and site
 * rules (rules.c), puts every seed into the state database (state.c),
 * then hands the queue to the scheduler (sched.c). The scheduler runs the
 * libcurl multi loop with per-host politeness (host.c), consults
 * robots.txt (robots.c), writes WARC records (warcout.c), and feeds
 * feed/sitemap bodies to feed.c, whose links go back into the queue.
 * file:// seeds never touch libcurl (local.c).
 *
 * Ownership: unless stated, strings passed in are borrowed and copied if
 * kept; returned char * are owned by the caller (free()).
 */
#ifndef PNF_FETCH_H
#define PNF_FETCH_H

#include "pn.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* What a URL is expected to be; decides what is done with its body. */
enum pnf_kind {
	PNF_PAGE = 0,    /* an article: archived, links not followed */
	PNF_FEED = 1,    /* RSS/Atom: links become pages */
	PNF_SITEMAP = 2, /* urlset, news sitemap or sitemap index */
	PNF_ROBOTS = 3,  /* robots.txt whose Sitemap: lines become sitemaps */
	PNF_INDEX = 4    /* HTML listing: links an "article" rule matches become pages */
};

/* ---- opts.c: command line ------------------------------------------- */

typedef struct pnf_opts {
	const char *seeds;        /* -s, NULL = none */
	const char *rules;        /* -r, NULL = none */
	const char *state;        /* --state, NULL = in-memory (no resume) */
	const char *out;          /* -o, NULL = stdout unless archive_dir */
	const char *archive_dir;  /* -O */
	const char *user_agent;
	const char *impolite;     /* comma-separated host[:port] list */
	bool allow_file;
	bool robots;              /* false with --no-robots */
	bool refresh;             /* re-check pages already fetched */
	bool force_feeds;         /* fetch feeds even if not due */
	bool archive_all;         /* also archive redirects, feeds, sitemaps, robots.txt */
	long delay_ms;
	long max_conns_per_host;
	long parallel;
	long timeout_s;
	long connect_timeout_s;
	long max_size;
	long max_redirects;
	long retries;
	long max_wait_s;          /* longest in-run wait for a Retry-After/backoff */
	long feed_interval_s;     /* default feed/sitemap re-fetch interval */
	long gzip_level;          /* zlib level of each WARC record */
	char **urls;              /* positional URLs (borrowed from argv) */
	int nurls;
} pnf_opts;

/* Fills o from argv; prints usage and exits 0 for -h, exits 2 on a bad
 * command line. */
void pnf_opts_parse(pnf_opts *o, int argc, char **argv);

/* ---- url.c: URL helpers (libcurl URL API) --------------------------- */

/* Normalised absolute URL (fragment dropped, scheme and host lowercased)
 * of ref resolved against base (NULL = ref must be absolute); NULL when
 * unparsable. Caller frees. */
char *pnf_url_resolve(const char *base, const char *ref);
/* "scheme://host:port" of an absolute http(s) URL, the politeness and
 * robots.txt key; NULL if not http(s). Caller frees. */
char *pnf_url_origin(const char *url);
/* Path and query ("/a?b"), for robots.txt matching. Caller frees. */
char *pnf_url_path_query(const char *url);
bool pnf_url_is_http(const char *url);
bool pnf_url_is_file(const char *url);

/* ---- rules.c: which links are articles ------------------------------ */

typedef struct pnf_rules pnf_rules;
/* Loads a site-rules file; dies with PN_EXIT_CONFIG naming file:line on
 * a bad line and PN_EXIT_IO when unreadable. NULL path = accept all. */
pnf_rules *pnf_rules_load(const char *path);
/* True when url, found in a feed, sitemap or (need_article) an HTML
 * index page, should be fetched. Links of index pages need a matching
 * "article" rule: most links of a listing page are navigation. */
bool pnf_rules_accept(const pnf_rules *r, const char *url, bool need_article);
void pnf_rules_free(pnf_rules *r);

/* ---- seeds.c: seeds file -------------------------------------------- */

typedef struct pnf_seed {
	char *url;          /* normalised, owned */
	enum pnf_kind kind;
	long interval_s;    /* feeds/sitemaps: re-fetch interval, 0 = default */
} pnf_seed;

typedef struct pnf_seeds {
	pnf_seed *v;
	size_t n, cap;
} pnf_seeds;

/* Appends the seeds of path ("-" = stdin). Dies PN_EXIT_CONFIG naming
 * file:line on a bad line (unknown kind, bad URL, file:// without
 * allow_file), PN_EXIT_IO when unreadable. */
void pnf_seeds_load(pnf_seeds *s, const char *path, bool allow_file);
/* Appends one URL given on the command line (same checks, exit 2). */
void pnf_seeds_add_arg(pnf_seeds *s, const char *arg, bool allow_file);
void pnf_seeds_free(pnf_seeds *s);

/* ---- state.c: crawl state in SQLite --------------------------------- */

typedef struct pnf_state pnf_state;

/* URL record as kept in the state database. */
typedef struct pnf_urlrec {
	char *url;
	enum pnf_kind kind;
	int attempts;        /* failed tries so far in the current cycle */
	int redirects;       /* hops that led here */
	char *etag;          /* NULL when unknown */
	char *last_modified; /* NULL when unknown */
	long interval_s;     /* feeds/sitemaps: re-fetch interval, 0 = default */
} pnf_urlrec;
void pnf_urlrec_free(pnf_urlrec *u);

/* Every function may be called from any thread (one mutex inside). */
/* Opens (creating) path, or an in-memory database when path is NULL.
 * Takes an exclusive lock first: exits PN_EXIT_LOCKED when another run
 * holds it, PN_EXIT_IO when the database cannot be opened or created. */
pnf_state *pnf_state_open(const char *path);
/* Default re-fetch interval of feeds, sitemaps and robots seeds. */
void pnf_state_set_feed_interval(pnf_state *st, long seconds);
/* Commits pending changes and closes; releases the lock. */
void pnf_state_close(pnf_state *st);
/* Commits the running batch and starts a new one. Changes are batched
 * (the caller commits about once a second) because one fsync per URL
 * would cap throughput. */
void pnf_state_commit(pnf_state *st);

/* Adds n seeds: a new URL is queued; a known one gets the seed's kind and
 * interval; refresh re-queues finished pages. A URL given twice takes
 * its last line's kind. */
void pnf_state_add_seeds(pnf_state *st, const pnf_seed *v, size_t n, bool refresh);
/* Adds a discovered link. Returns true if it was queued (new, or a page
 * whose sitemap lastmod is newer than our copy). */
bool pnf_state_add_link(pnf_state *st, const char *url, enum pnf_kind kind,
                        int redirects, const char *lastmod);
/* Calls fn for every file:// URL (files) or every other URL (!files) due
 * now: queued ones, and feeds/sitemaps/robots/index seeds whose next_due
 * has passed (all of them when force_feeds); those seeds come first. */
void pnf_state_each_due(pnf_state *st, bool force_feeds, bool files,
                        void (*fn)(void *ctx, const pnf_urlrec *u), void *ctx);

/* Outcomes. done: a 2xx, 3xx or 304 answer; etag and last_modified are
 * the response's validators or NULL (a 304 keeps the stored ones). */
void pnf_state_done(pnf_state *st, const char *url, int http_status,
                    const char *etag, const char *last_modified);
/* Leaves url queued with attempts so far, due again at not_before. */
void pnf_state_retry_later(pnf_state *st, const char *url, int attempts,
                           long long not_before, const char *error);
/* Failed for good (also used for robots.txt denials); feeds, sitemaps
 * and robots seeds are still due again after their interval. */
void pnf_state_failed(pnf_state *st, const char *url, int http_status,
                      const char *error);

/* Per-origin data. robots_get: true with *body (caller frees) and the
 * HTTP *status of the robots.txt fetch when one younger than 24 hours
 * is cached. backoff: unix time until which the origin asked us to
 * wait (Retry-After), 0 = none. */
bool pnf_state_robots_get(pnf_state *st, const char *origin, char **body, int *status);
void pnf_state_robots_put(pnf_state *st, const char *origin, const char *body, int status);
long long pnf_state_backoff_get(pnf_state *st, const char *origin);
void pnf_state_backoff_put(pnf_state *st, const char *origin, long long until);

/* ---- robots.c: RFC 9309 --------------------------------------------- */

typedef struct pnf_robots pnf_robots;
/* Parses body for the group matching product token ua (falls back to
 * "*"). Sitemap: lines are collected whatever the group. Never fails. */
pnf_robots *pnf_robots_parse(const char *body, size_t len, const char *ua);
/* Everything allowed (4xx robots.txt) / disallowed (5xx, unreachable). */
pnf_robots *pnf_robots_allow_all(void);
pnf_robots *pnf_robots_deny_all(void);
/* path_query: "/path?query" as in the URL (percent-encoded). */
bool pnf_robots_allowed(const pnf_robots *r, const char *path_query);
/* Crawl-delay in ms for the matched group, -1 when absent. */
long pnf_robots_crawl_delay_ms(const pnf_robots *r);
size_t pnf_robots_nsitemaps(const pnf_robots *r);
const char *pnf_robots_sitemap(const pnf_robots *r, size_t i); /* borrowed */
void pnf_robots_free(pnf_robots *r);

/* ---- feed.c: RSS, Atom, sitemaps (libxml2) -------------------------- */

/* Called for each link found: url is absolute and normalised (borrowed),
 * kind is PNF_SITEMAP for a sitemap index entry else PNF_PAGE; lastmod
 * is the sitemap <lastmod>/<news:publication_date> or NULL. */
typedef void (*pnf_link_fn)(void *ctx, const char *url, enum pnf_kind kind,
                            const char *lastmod);
/* Parses body (decoded, possibly gzip-compressed .xml.gz) fetched from
 * base_url. Returns the number of links, or -1 with *err set to a
 * static message when it is not a feed or sitemap. */
long pnf_feed_links(const char *body, size_t len, const char *base_url,
                    pnf_link_fn fn, void *ctx, const char **err);

/* ---- html.c: links of HTML index pages (gumbo) ---------------------- */

/* Calls fn (kind PNF_PAGE, lastmod NULL) for every http(s) <a href> of
 * body, resolved against <base href> or base_url; returns the count.
 * Never fails: HTML parsing always yields a tree. */
long pnf_html_links(const char *body, size_t len, const char *base_url, pnf_link_fn fn, void *ctx);

/* ---- warcout.c: the archive file ----------------------------------- */

typedef struct pnf_warc pnf_warc;
/* Opens the output: path, a new pharmanews-YYYYmmddHHMMSS-N.warc.gz in
 * dir, or stdout when both are NULL (refuses a terminal). Writes the
 * warcinfo record and starts the compressor threads. Exits PN_EXIT_IO /
 * PN_EXIT_USAGE on failure. */
pnf_warc *pnf_warc_open(const char *path, const char *dir, const pnf_opts *o);
const char *pnf_warc_name(const pnf_warc *w); /* borrowed */
/* Queues a request/response pair: the raw HTTP/1.x request, and the
 * response as its header block (status line to blank line) and body.
 * Takes the buffers' contents (they are left empty); ip may be NULL.
 * With done, url is marked done there (pnf_state_done with status and
 * the response's ETag and Last-Modified) by the writer thread once its
 * records are written, so a killed run never has a page marked done
 * that is missing from the archive, and the fetch loop is spared the
 * update.
 * After a write error in a writer thread, the next call of any of
 * these functions exits PN_EXIT_IO: the archive is the product, going on
 * without it would lose every later fetch. */
void pnf_warc_exchange(pnf_warc *w, const char *url, const char *ip,
                       pn_buf *request, pn_buf *head, pn_buf *body, pnf_state *done, int status);
/* Queues a resource record (file:// fetches); takes body's contents. */
void pnf_warc_resource(pnf_warc *w, const char *url, const char *media_type, pn_buf *body);
/* Lets the compressor threads at what was queued: call it before the
 * fetch loop waits (they are otherwise woken in batches). */
void pnf_warc_kick(pnf_warc *w);
/* Waits until every queued record is written and flushes the file. */
void pnf_warc_flush(pnf_warc *w);
/* Writes what is queued, stops the threads and closes the file. */
void pnf_warc_close(pnf_warc *w);

/* ---- stats: counted by every part, printed by main.c ---------------- */

typedef struct pnf_stats {
	unsigned long fetched;     /* 2xx pages archived */
	unsigned long feeds;       /* feeds, sitemaps, robots seeds read */
	unsigned long unchanged;   /* 304 */
	unsigned long redirects;   /* 3xx followed */
	unsigned long failed;      /* given up on: counted for exit 1 */
	unsigned long deferred;    /* left queued for a later run (backoff) */
	unsigned long robots_denied;
	unsigned long links;       /* new links queued from feeds/sitemaps */
	unsigned long retries;
	unsigned long long bytes;  /* response bytes received */
} pnf_stats;

/* Everything one run shares; main.c owns it. */
typedef struct pnf_run {
	const pnf_opts *o;
	pnf_state *st;
	pnf_rules *rules;
	pnf_warc *w;
	pnf_stats stats;
	/* set by the scheduler while it runs so links found during the run
	 * are fetched in the same run; NULL before */
	void (*enqueue)(void *ctx, const pnf_urlrec *u);
	void *enqueue_ctx;
} pnf_run;

/* Queues a link found in a feed, sitemap, robots.txt or index page (from
 * is that source's kind) if new and, for pages, accepted by the site
 * rules; file:// and other non-http links are dropped. Returns true when
 * queued. */
bool pnf_queue_link(pnf_run *run, enum pnf_kind from, const char *url, enum pnf_kind kind,
                    const char *lastmod);
/* Queues every link of a fetched body of kind PNF_ROBOTS (its Sitemap:
 * lines), PNF_INDEX (HTML links) or a feed/sitemap kind. Returns 0, or -1
 * with *err (static) when a feed or sitemap cannot be parsed. */
int pnf_queue_links_of(pnf_run *run, enum pnf_kind kind, const char *url, const char *body,
                       size_t len, const char **err);

/* ---- local.c: file:// ----------------------------------------------- */

/* Reads a file:// URL: a page becomes a resource record, a feed/sitemap
 * is parsed for links. Failures are warned about and counted. */
void pnf_local_fetch(pnf_run *run, const pnf_urlrec *u);

/* ---- host.c: per-origin queues and politeness ---------------------- */

/* One URL to fetch during this run. */
typedef struct pnf_job {
	struct pnf_job *next;
	char *url;
	enum pnf_kind kind;
	int attempts;            /* failed tries so far */
	int redirects;           /* hops that led here */
	char *etag, *last_modified; /* validators for a conditional GET, or NULL */
	char *chain;             /* "\n"-joined URLs that redirected here, or NULL */
	double not_before;       /* monotonic seconds: retry time */
	bool robots_probe;       /* fetches robots.txt for its host's politeness */
	struct pnf_host *host;
} pnf_job;
/* j owned by caller; all strings freed. */
void pnf_job_free(pnf_job *j);

enum pnf_robots_state { PNF_ROBOTS_UNKNOWN, PNF_ROBOTS_FETCHING, PNF_ROBOTS_READY };

typedef struct pnf_host {
	char *origin;            /* scheme://host:port */
	pnf_job *head, *tail;    /* FIFO of jobs waiting for a slot */
	size_t queued;
	int active, max_conns;
	long delay_ms;           /* between request starts */
	double next_at;          /* monotonic: earliest next start */
	double backoff_until;    /* monotonic: 429/503 pause */
	enum pnf_robots_state robots_state;
	pnf_robots *robots;      /* owned; NULL until READY */
	bool impolite;
	bool loaded;             /* robots/backoff state read from the database */
	bool unreachable;        /* robots.txt unreachable: defer this origin */
	struct pnf_host *hnext;  /* hash chain */
} pnf_host;

typedef struct pnf_hosts pnf_hosts;
pnf_hosts *pnf_hosts_new(const pnf_opts *o);
/* Finds or creates the host of origin (created hosts have --delay and
 * --max-conns-per-host, or no limits when listed in --impolite-hosts). */
pnf_host *pnf_hosts_get(pnf_hosts *hs, const char *origin);
size_t pnf_hosts_count(const pnf_hosts *hs);
pnf_host *pnf_hosts_at(const pnf_hosts *hs, size_t i);
/* Takes ownership of r; applies its Crawl-delay (capped at 60 s). */
void pnf_host_set_robots(pnf_host *h, pnf_robots *r);
void pnf_host_push(pnf_host *h, pnf_job *j, bool front);
pnf_job *pnf_host_pop(pnf_host *h); /* NULL when empty */
void pnf_hosts_free(pnf_hosts *hs);

/* ---- xfer.c: one libcurl transfer ----------------------------------- */

typedef struct pnf_xfer {
	struct pnf_xfer *prev, *next; /* the scheduler's list of transfers in flight */
	void *easy;              /* CURL * */
	pnf_job *job;            /* borrowed */
	pn_buf req;              /* request headers as sent */
	pn_buf hdr;              /* response headers as received (last response) */
	pn_buf body;             /* body as received (still content-encoded) */
	size_t max_size;
	bool too_big;            /* aborted: body over --max-size */
	void *slist;             /* struct curl_slist *: extra request headers */
} pnf_xfer;
/* A transfer with its easy handle set up to be safe: http(s) only, no
 * redirects followed (except for robots.txt probes), HTTP/1.1,
 * timeouts, size cap. Reused for job after job: setting every option
 * again after curl_easy_reset cost more than our whole outcome
 * handling. Dies on OOM only. */
pnf_xfer *pnf_xfer_new(const pnf_opts *o);
/* Points x at j (borrowed): URL, redirect policy, conditional GET. */
void pnf_xfer_start(pnf_xfer *x, pnf_job *j);
/* Forgets the last job and its buffers; x can start another. */
void pnf_xfer_clear(pnf_xfer *x);
/* Frees x and its easy handle. NULL is fine. */
void pnf_xfer_free(pnf_xfer *x);
/* Value of a response header (case-insensitive), caller frees, or NULL. */
char *pnf_xfer_header(pnf_xfer *x, const char *name);

/* ---- signals.c: clean stop on SIGINT/SIGTERM ------------------------ */

void pnf_signals_install(void);
/* The signal number that asked us to stop, or 0. */
int pnf_interrupted(void);

/* ---- sched.c: the libcurl multi loop -------------------------------- */

/* Fetches every due http(s) URL until the queue is empty or only
 * retries later than --max-wait remain (left queued for the next run),
 * or until pnf_interrupted() (what is left stays queued). */
void pnf_sched_run(pnf_run *run);

#endif
