/* libtest.c - unit tests of libpn, TAP on stdout; run by tests/lib.t. */
#include "pn.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

static int n, failed;

static void ok(int cond, const char *what)
{
	n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, what);
	if (!cond)
		failed++;
}

/* Writes one record with a fresh writer of the given level to f. */
static void put_record(FILE *f, int level, const char *type, const char *uri, const char *ctype,
                       const char *extra, const char *block, char *id)
{
	pn_warc_writer *w = pn_warc_writer_new(level);
	pn_buf out = PN_BUF_INIT;
	pn_part part = {block, strlen(block)};
	pn_warc_put(w, &out, type, uri, ctype, extra, &part, 1, id);
	fwrite(out.data, 1, out.len, f);
	pn_buf_free(&out);
	pn_warc_writer_free(w);
}

static void test_warc_roundtrip(const char *dir)
{
	char *path = pn_xasprintf("%s/t.warc.gz", dir);
	FILE *f = fopen(path, "wb");
	const char *resp = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>";
	char id[48];
	/* one writer, two records: the z_stream is reset between members */
	pn_warc_writer *w = pn_warc_writer_new(6);
	pn_buf out = PN_BUF_INIT;
	pn_part info = {"software: t\r\n", 13};
	pn_warc_put(w, &out, "warcinfo", NULL, "application/warc-fields", NULL, &info, 1, NULL);
	pn_part parts[2] = {{resp, 20}, {resp + 20, strlen(resp) - 20}};
	pn_warc_put(w, &out, "response", "http://a.example/x", "application/http;msgtype=response",
	            "WARC-Payload-Digest: sha1:X\r\n", parts, 2, id);
	pn_warc_writer_free(w);
	ok(fwrite(out.data, 1, out.len, f) == out.len, "write warcinfo and response");
	pn_buf_free(&out);
	ok(strncmp(id, "<urn:uuid:", 10) == 0 && strlen(id) == 47, "record id is a urn:uuid");
	fclose(f);
	ok(pn_is_warc_file(path), "written file is recognised as WARC");

	pn_warc_reader *r = pn_warc_open(path, 0);
	pn_warc_record rec;
	ok(r && pn_warc_next(r, &rec) == 1 && strcmp(rec.type, "warcinfo") == 0, "first record is warcinfo");
	ok(pn_warc_next(r, &rec) == 1 && strcmp(rec.type, "response") == 0, "second record is response");
	ok(strcmp(rec.target_uri, "http://a.example/x") == 0, "target URI read back");
	ok(rec.block_len == strlen(resp) && memcmp(rec.block, resp, rec.block_len) == 0,
	   "block given in two parts read back whole");
	const char *pd = pn_warc_header(r, "warc-payload-digest");
	ok(pd && strcmp(pd, "sha1:X") == 0, "extra header read back case-insensitively");
	char dig[38];
	pn_sha1_base32(resp, strlen(resp), dig);
	const char *bd = pn_warc_header(r, "WARC-Block-Digest");
	ok(bd && strcmp(bd, dig) == 0, "block digest covers the whole block");
	ok(pn_warc_next(r, &rec) == 0, "end of file");
	pn_warc_close(r);

	/* truncated: cut the plain form in the middle of the block */
	char *plain = pn_xasprintf("%s/t.warc", dir);
	f = fopen(plain, "wb");
	put_record(f, -1, "response", "http://a.example/y", "application/http;msgtype=response", NULL,
	           resp, NULL);
	long full = ftell(f);
	fclose(f);
	ok(truncate(plain, full - 20) == 0, "truncate plain WARC");
	r = pn_warc_open(plain, 0);
	ok(pn_warc_next(r, &rec) == -1, "truncated record reported");
	ok(pn_warc_next(r, &rec) == 0, "then end");
	pn_warc_close(r);

	/* an oversized record is skipped and counted, the next one still read */
	f = fopen(plain, "wb");
	put_record(f, 1, "resource", "file:///big", "text/html", NULL, "0123456789abcdef0123456789", NULL);
	put_record(f, 1, "resource", "file:///small", "text/html", NULL, "tiny", NULL);
	fclose(f);
	r = pn_warc_open(plain, 20);
	ok(pn_warc_next(r, &rec) == -1, "record over max_block reported");
	ok(pn_warc_next(r, &rec) == 1 && strcmp(rec.target_uri, "file:///small") == 0,
	   "reading goes on after it");
	pn_warc_close(r);
	free(plain);
	free(path);
}

static void test_http(void)
{
	pn_http_response h;
	const char *err;
	const char *chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
	                      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
	ok(pn_http_parse_response(chunked, strlen(chunked), 0, &h, &err) == 0, "chunked response parses");
	ok(h.status == 200 && h.body_len == 11 && strcmp(h.body, "hello world") == 0, "chunked body decoded");
	char *ct = pn_http_header(h.headers, "content-type");
	ok(ct && strcmp(ct, "text/html; charset=utf-8") == 0, "header lookup");
	free(ct);
	pn_http_response_free(&h);

	/* gzip content-encoding inside chunked framing, as wget stores it */
	const char *page = "<html><body><p>compressed page</p></body></html>";
	unsigned char gz[256];
	z_stream zs = {0};
	deflateInit2(&zs, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
	zs.next_in = (unsigned char *)page;
	zs.avail_in = (uInt)strlen(page);
	zs.next_out = gz;
	zs.avail_out = sizeof gz;
	deflate(&zs, Z_FINISH);
	size_t gzlen = sizeof gz - zs.avail_out;
	deflateEnd(&zs);
	pn_buf raw = PN_BUF_INIT;
	pn_buf_printf(&raw, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n%zx\r\n", gzlen);
	pn_buf_add(&raw, gz, gzlen);
	pn_buf_adds(&raw, "\r\n0\r\n\r\n");
	ok(pn_http_parse_response(raw.data, raw.len, 0, &h, &err) == 0 && strcmp(h.body, page) == 0,
	   "gzip inside chunked decoded");
	pn_http_response_free(&h);
	ok(pn_http_parse_response(raw.data, raw.len, 10, &h, &err) == -1, "decoded body over the cap refused");
	pn_buf_free(&raw);
	ok(pn_http_parse_response("garbage", 7, 0, &h, &err) == -1, "non-HTTP refused");

	pn_buf dec = PN_BUF_INIT;
	ok(pn_http_decode("gzip", gz, gzlen, 1000, &dec, &err) == 0 && strcmp(dec.data, page) == 0,
	   "pn_http_decode: gzip");
	pn_buf_reset(&dec);
	ok(pn_http_decode("gzip", gz, gzlen - 12, 1000, &dec, &err) == 1 && dec.len > 0 &&
	   strncmp(dec.data, page, dec.len) == 0, "pn_http_decode: cut short keeps the decoded start");
	pn_buf_reset(&dec);
	ok(pn_http_decode("gzip", gz, gzlen, 10, &dec, &err) == -2 && dec.len == 0,
	   "pn_http_decode: over the cap");
	ok(pn_http_decode("gzip", "notgzip", 7, 1000, NULL, &err) == -1, "pn_http_decode: corrupt");
	ok(pn_http_decode("br", "x", 1, 1000, NULL, &err) == -1, "pn_http_decode: unknown coding");
	ok(pn_http_decode(NULL, "plain", 5, 4, NULL, &err) == -2, "pn_http_decode: identity over the cap");
	pn_buf_free(&dec);
}

static void test_jsonl(const char *dir)
{
	char *path = pn_xasprintf("%s/t.jsonl", dir);
	FILE *f = fopen(path, "w");
	fputs("{\"id\":\"a\"}\n\n{bad\n[1,2]\n{\"id\":\"b\"}\n", f);
	fclose(f);
	pn_jsonl_reader *r = pn_jsonl_open(path);
	json_t *o;
	ok(pn_jsonl_next(r, &o) == 1, "first object");
	json_decref(o);
	ok(pn_jsonl_next(r, &o) == -1 && pn_jsonl_lineno(r) == 3, "bad JSON reported at line 3");
	ok(pn_jsonl_next(r, &o) == -1 && pn_jsonl_lineno(r) == 4, "non-object reported at line 4");
	ok(pn_jsonl_next(r, &o) == 1 && strcmp(json_string_value(json_object_get(o, "id")), "b") == 0,
	   "reading goes on after bad lines");
	json_decref(o);
	ok(pn_jsonl_next(r, &o) == 0, "end");
	pn_jsonl_close(r);
	free(path);
}

static void test_misc(void)
{
	char d[38], id[17];
	pn_sha1_base32("", 0, d);
	ok(strcmp(d, "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ") == 0, "base32 SHA-1 of empty string");
	pn_article_id("https://example.com/a", id);
	ok(strlen(id) == 16, "article id is 16 hex chars");
	pn_buf b = PN_BUF_INIT;
	for (int i = 0; i < 1000; i++)
		pn_buf_printf(&b, "%d,", i);
	ok(b.len == 3890 && strncmp(b.data, "0,1,2,", 6) == 0, "buffer grows");
	pn_buf_free(&b);
}

int main(int argc, char **argv)
{
	pn_setprogname(argv[0]);
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	test_warc_roundtrip(dir);
	test_http();
	test_jsonl(dir);
	test_misc();
	printf("1..%d\n", n);
	return failed != 0;
}
