/* warcout.c - the WARC 1.1 file pn-fetch writes (docs/FORMATS.md §1):
 * warcinfo, then request/response pairs or resource records, each one
 * gzip member (pn_warc_put in libpn). Digesting and compressing cost more
 * than the HTTP exchange itself, so they run in compressor threads while the
 * libcurl loop goes on: each queued item is compressed by whichever
 * thread claims it, and the thread that completes the oldest items writes
 * them, so records keep the order of the calls. The queue is bounded. */
#include "fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#define QUEUE_MAX 256
#define NTHREADS 2
#define WAKE_BATCH 8
#define IOBUF_SIZE (1 << 20)

/* One queued exchange (media_type NULL) or resource. */
typedef struct item {
	struct item *next;
	char *url, *ip, *media_type;
	pn_buf req, head, body;
	pn_buf out;           /* the compressed records */
	bool done;            /* out is complete */
	pnf_state *st;        /* mark url done here once written, or NULL */
	int status;
	char *etag, *last_modified; /* the response's validators, for st */
} item;

struct pnf_warc {
	FILE *f;
	char *iobuf;          /* f's buffer, freed after fclose (stdout: never) */
	char *name;
	char warcinfo_id[48];
	pthread_t thread[NTHREADS];
	pn_warc_writer *rw[NTHREADS];
	pthread_mutex_t mu;
	pthread_cond_t more;  /* an item to claim, or stop */
	pthread_cond_t less;  /* items were written */
	item *head, *tail;    /* not yet written, oldest first */
	item *unclaimed;      /* first item no thread has taken */
	size_t nunclaimed;
	size_t queued;
	bool writing;         /* a thread is writing the done prefix */
	bool stop;
	int err;              /* errno of a failed write; later items are dropped */
};

/* Appends "name: value\r\n" (pn_buf_printf here was 7K instructions a page). */
static void field(pn_buf *b, const char *name, const char *value)
{
	pn_buf_adds(b, name);
	pn_buf_add(b, ": ", 2);
	pn_buf_adds(b, value);
	pn_buf_add(b, "\r\n", 2);
}

static void compress_item(pnf_warc *w, pn_warc_writer *rw, item *it)
{
	pn_buf extra = PN_BUF_INIT;
	field(&extra, "WARC-Warcinfo-ID", w->warcinfo_id);
	char pdig[38];
	pn_part body = {it->body.data, it->body.len};
	pn_sha1_base32_parts(&body, 1, pdig);
	if (!it->media_type) {
		char req_id[48];
		if (it->ip && *it->ip)
			field(&extra, "WARC-IP-Address", it->ip);
		pn_part req = {it->req.data, it->req.len};
		pn_warc_put(rw, &it->out, "request", it->url, "application/http;msgtype=request",
		             pn_buf_cstr(&extra), &req, 1, req_id);
		field(&extra, "WARC-Concurrent-To", req_id);
		field(&extra, "WARC-Payload-Digest", pdig);
		pn_part resp[2] = {{it->head.data, it->head.len}, body};
		pn_warc_put(rw, &it->out, "response", it->url, "application/http;msgtype=response",
		             pn_buf_cstr(&extra), resp, 2, NULL);
	} else {
		field(&extra, "WARC-Payload-Digest", pdig);
		pn_warc_put(rw, &it->out, "resource", it->url, it->media_type, pn_buf_cstr(&extra),
		             &body, 1, NULL);
	}
	pn_buf_free(&extra);
	if (it->st) {
		const char *h = pn_buf_cstr(&it->head);
		it->etag = pn_http_header(h, "ETag");
		it->last_modified = pn_http_header(h, "Last-Modified");
	}
	/* the inputs are not needed any more: free them early */
	pn_buf_free(&it->req);
	pn_buf_free(&it->head);
	pn_buf_free(&it->body);
}

static void free_item(item *it)
{
	free(it->url);
	free(it->ip);
	free(it->media_type);
	free(it->etag);
	free(it->last_modified);
	pn_buf_free(&it->req);
	pn_buf_free(&it->head);
	pn_buf_free(&it->body);
	pn_buf_free(&it->out);
	free(it);
}

/* Writes the completed items at the head of the queue, in order. Called
 * and returns with w->mu held; only one thread at a time. After a write
 * error items are only dropped: the main thread reports it (exit() from
 * here would race with it). */
static void write_done(pnf_warc *w)
{
	w->writing = true;
	while (w->head && w->head->done) {
		item *it = w->head;
		w->head = it->next;
		if (!w->head)
			w->tail = NULL;
		w->queued--;
		bool failed = w->err != 0;
		pthread_mutex_unlock(&w->mu);
		int e = 0;
		if (!failed && fwrite(it->out.data, 1, it->out.len, w->f) != it->out.len)
			e = errno ? errno : EIO;
		/* done only once written: pnf_warc_flush and then a commit
		 * follow, so a committed "done" always has its records on file */
		if (!failed && !e && it->st)
			pnf_state_done(it->st, it->url, it->status, it->etag, it->last_modified);
		free_item(it);
		pthread_mutex_lock(&w->mu);
		if (e && !w->err)
			w->err = e;
		pthread_cond_broadcast(&w->less);
	}
	w->writing = false;
	pthread_cond_broadcast(&w->less); /* pnf_warc_flush waits for this too */
}

static void *compressor(void *arg)
{
	pnf_warc *w = ((void **)arg)[0];
	pn_warc_writer *rw = ((void **)arg)[1];
	free(arg);
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->unclaimed && !w->stop)
			pthread_cond_wait(&w->more, &w->mu);
		item *it = w->unclaimed;
		if (!it)
			break;
		w->unclaimed = it->next;
		w->nunclaimed--;
		pthread_mutex_unlock(&w->mu);
		compress_item(w, rw, it);
		pthread_mutex_lock(&w->mu);
		it->done = true;
		if (!w->writing)
			write_done(w);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Called with w->mu held. */
static void check(pnf_warc *w)
{
	if (w->err) {
		int e = w->err;
		pthread_mutex_unlock(&w->mu);
		pn_die(PN_EXIT_IO, "%s: %s", w->name, strerror(e));
	}
}

/* Wakes as many compressors as there are items for. Called with w->mu held. */
static void wake(pnf_warc *w)
{
	if (w->nunclaimed >= NTHREADS)
		pthread_cond_broadcast(&w->more);
	else if (w->nunclaimed)
		pthread_cond_signal(&w->more);
}

static void enqueue(pnf_warc *w, item *it)
{
	pthread_mutex_lock(&w->mu);
	while (w->queued >= QUEUE_MAX) {
		wake(w);
		pthread_cond_wait(&w->less, &w->mu);
	}
	check(w);
	if (w->tail)
		w->tail->next = it;
	else
		w->head = it;
	w->tail = it;
	if (!w->unclaimed)
		w->unclaimed = it;
	w->queued++;
	w->nunclaimed++;
	/* Compressors are woken in batches (or by pnf_warc_kick when the
	 * fetch loop is about to wait): one wake-up per record made 17,000
	 * context switches in a 10,000-page run. */
	if (w->nunclaimed >= WAKE_BATCH)
		wake(w);
	pthread_mutex_unlock(&w->mu);
}

void pnf_warc_kick(pnf_warc *w)
{
	pthread_mutex_lock(&w->mu);
	wake(w);
	pthread_mutex_unlock(&w->mu);
}

/* Creates DIR/pharmanews-YYYYmmddHHMMSS-N.warc.gz with the first free N,
 * so two runs in the same second never clobber each other. */
static FILE *open_in_dir(const char *dir, char **name)
{
	char stamp[16];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
	for (int n = 0; n < 1000; n++) {
		char *path = pn_xasprintf("%s/pharmanews-%s-%d.warc.gz", dir, stamp, n);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0) {
			*name = path;
			return fdopen(fd, "wb");
		}
		int e = errno;
		free(path);
		if (e != EEXIST)
			pn_die(PN_EXIT_IO, "%s: %s", dir, strerror(e));
	}
	pn_die(PN_EXIT_IO, "%s: no free archive name for %s", dir, stamp);
}

static void write_warcinfo(pnf_warc *w, const pnf_opts *o)
{
	char host[256] = "";
	gethostname(host, sizeof host - 1);
	char *info = pn_xasprintf(
		"software: pn-fetch/%s (pharmanews)\r\n"
		"format: WARC File Format 1.1\r\n"
		"conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
		"hostname: %s\r\n"
		"http-header-user-agent: %s\r\n"
		"robots: %s\r\n",
		PN_VERSION, host, o->user_agent, o->robots ? "obey" : "ignore");
	const char *fn = strrchr(w->name, '/');
	char *extra = w->f == stdout ? NULL
	            : pn_xasprintf("WARC-Filename: %s\r\n", fn ? fn + 1 : w->name);
	pn_part p = {info, strlen(info)};
	pn_buf out = PN_BUF_INIT;
	pn_warc_put(w->rw[0], &out, "warcinfo", NULL, "application/warc-fields", extra, &p, 1,
	             w->warcinfo_id);
	if (fwrite(out.data, 1, out.len, w->f) != out.len)
		pn_die(PN_EXIT_IO, "%s: %s", w->name, strerror(errno));
	pn_buf_free(&out);
	free(extra);
	free(info);
}

pnf_warc *pnf_warc_open(const char *path, const char *dir, const pnf_opts *o)
{
	pnf_warc *w = pn_xcalloc(1, sizeof *w);
	if (dir) {
		w->f = open_in_dir(dir, &w->name);
	} else if (path && strcmp(path, "-") != 0) {
		w->f = fopen(path, "wb");
		w->name = pn_xstrdup(path);
	} else {
		if (isatty(STDOUT_FILENO))
			pn_die(PN_EXIT_USAGE, "refusing to write a binary WARC to a terminal; use -o FILE, -O DIR or a pipe");
		w->f = stdout;
		w->name = pn_xstrdup("<stdout>");
	}
	if (!w->f)
		pn_die(PN_EXIT_IO, "%s: %s", w->name, strerror(errno));
	/* glibc ignores the size unless it is given the buffer: without one
	 * it writes 4 KB at a time, 6 syscalls a page */
	w->iobuf = pn_xmalloc(IOBUF_SIZE);
	setvbuf(w->f, w->iobuf, _IOFBF, IOBUF_SIZE);
	for (int i = 0; i < NTHREADS; i++)
		w->rw[i] = pn_warc_writer_new((int)o->gzip_level);
	write_warcinfo(w, o);
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->more, NULL);
	pthread_cond_init(&w->less, NULL);
	for (int i = 0; i < NTHREADS; i++) {
		void **arg = pn_xmalloc(2 * sizeof *arg);
		arg[0] = w;
		arg[1] = w->rw[i];
		if (pthread_create(&w->thread[i], NULL, compressor, arg) != 0)
			pn_die(PN_EXIT_INTERNAL, "cannot start a WARC compressor thread");
	}
	return w;
}

const char *pnf_warc_name(const pnf_warc *w)
{
	return w->name;
}

/* Moves b's contents into dst, leaving b empty. */
static void take(pn_buf *dst, pn_buf *b)
{
	*dst = *b;
	*b = (pn_buf)PN_BUF_INIT;
}

void pnf_warc_exchange(pnf_warc *w, const char *url, const char *ip,
                       pn_buf *request, pn_buf *head, pn_buf *body, pnf_state *done, int status)
{
	item *it = pn_xcalloc(1, sizeof *it);
	it->st = done;
	it->status = status;
	it->url = pn_xstrdup(url);
	it->ip = ip ? pn_xstrdup(ip) : NULL;
	take(&it->req, request);
	take(&it->head, head);
	take(&it->body, body);
	enqueue(w, it);
}

void pnf_warc_resource(pnf_warc *w, const char *url, const char *media_type, pn_buf *body)
{
	item *it = pn_xcalloc(1, sizeof *it);
	it->url = pn_xstrdup(url);
	it->media_type = pn_xstrdup(media_type);
	take(&it->body, body);
	enqueue(w, it);
}

void pnf_warc_flush(pnf_warc *w)
{
	pthread_mutex_lock(&w->mu);
	wake(w);
	while (w->head || w->writing)
		pthread_cond_wait(&w->less, &w->mu);
	check(w);
	int rc = fflush(w->f);
	pthread_mutex_unlock(&w->mu);
	if (rc != 0)
		pn_die(PN_EXIT_IO, "%s: %s", w->name, strerror(errno));
}

void pnf_warc_close(pnf_warc *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_broadcast(&w->more);
	pthread_mutex_unlock(&w->mu);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(w->thread[i], NULL);
	if (w->err)
		pn_die(PN_EXIT_IO, "%s: %s", w->name, strerror(w->err));
	if (fflush(w->f) != 0 || (w->f != stdout && fclose(w->f) != 0))
		pn_die(PN_EXIT_IO, "%s: %s", w->name, strerror(errno));
	for (int i = 0; i < NTHREADS; i++)
		pn_warc_writer_free(w->rw[i]);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->more);
	pthread_cond_destroy(&w->less);
	if (w->f != stdout) /* stdout keeps using it until exit */
		free(w->iobuf);
	free(w->name);
	free(w);
}
