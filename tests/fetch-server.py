#!/usr/bin/env python3
"""Loopback HTTP server with fault injection for the pn-fetch tests.

Binds 127.0.0.1 on an ephemeral port and prints "PORT\\n" on stdout.
Every request is appended to --log as "METHOD PATH | If-None-Match | User-Agent".
Stops by itself after --lifetime seconds (default 120) so a crashed test
never leaves it running.

Paths:
  /robots.txt             --robots FILE (--robots-status N), or Disallow: /private/ + Crawl-delay + Sitemap:
  /page/NAME.html         article page with ETag/Last-Modified; 304 on a match
  /private/...            a page robots.txt disallows
  /slow?s=N               answers after N seconds
  /reset                  connection reset (RST) before any answer
  /truncated              Content-Length 1000, 100 bytes sent, then close
  /500                    always 500
  /flaky?n=K&id=X         500 for the first K requests of id X, then a page
  /429?n=K&id=X           429 Retry-After: 1 for the first K requests, then a page
  /429-date?id=X          429 with Retry-After as an HTTP date 2 s ahead, then a page
  /503-long               503 Retry-After: 3600
  /redirect-loop          302 -> /redirect-loop2 -> 302 -> /redirect-loop
  /redirect-chain?n=K     302 to n=K-1 ... n=0 is a page
  /redirect-file          302 to file:///etc/passwd
  /gzip-bomb              Content-Encoding: gzip, 64 KB expanding to 64 MB
  /gzip-page              a page sent gzip-compressed
  /chunked                a page sent with Transfer-Encoding: chunked
  /big                    20 MB with Content-Length
  /big-chunked            20 MB chunked, no length
  /latin1                 ISO-8859-1 bytes labelled charset=utf-8
  /404                    404
  /news/                  HTML index page: 2 article links, navigation, mailto:, <base href>
  /feed.xml /atom.xml /sitemap_index.xml /sitemap1.xml /sitemap2.xml.gz /news-sitemap.xml
"""
import argparse
import email.utils
import gzip
import hashlib
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LOCK = threading.Lock()
COUNTS = {}
BOMB = None


def page(name):
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head>"
            "<body><article><h1>News %s</h1><p>The FDA approved Examplumab for "
            "condition %s.</p></article></body></html>\n" % (name, name, name)).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "pn-test/1"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def hit(self, key):
        with LOCK:
            COUNTS[key] = COUNTS.get(key, 0) + 1
            return COUNTS[key]

    def base(self):
        return "http://127.0.0.1:%d" % self.server.server_port

    def do_GET(self):
        url = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        p = url.path
        if self.server.logfile:
            with LOCK, open(self.server.logfile, "a") as f:
                f.write("%.3f GET %s | %s | %s\n" % (time.time(), self.path,
                        self.headers.get("If-None-Match", ""), self.headers.get("User-Agent", "")))
        b = self.base()
        if p == "/robots.txt":
            if self.server.robots_status != 200:
                return self.send(self.server.robots_status, b"no\n", "text/plain")
            if self.server.robots is not None:
                return self.send(200, self.server.robots, "text/plain")
            return self.send(200, ("User-agent: *\nDisallow: /private/\nCrawl-delay: 0.1\n"
                                   "Sitemap: %s/sitemap_index.xml\n" % b).encode(), "text/plain")
        if p.startswith("/page/") or p.startswith("/private/"):
            body = page(p)
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            return self.send(200, body, headers=[("ETag", etag),
                                                 ("Last-Modified", "Mon, 01 Sep 2025 10:00:00 GMT")])
        if p == "/slow":
            time.sleep(float(q.get("s", "3")))
            return self.send(200, page("slow"))
        if p == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if p == "/truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"x" * 100)
            self.wfile.flush()
            self.close_connection = True
            return
        if p == "/500":
            return self.send(500, b"oops\n", "text/plain")
        if p == "/flaky":
            if self.hit("flaky" + q.get("id", "")) <= int(q.get("n", "1")):
                return self.send(500, b"oops\n", "text/plain")
            return self.send(200, page("flaky"))
        if p == "/429":
            if self.hit("429" + q.get("id", "")) <= int(q.get("n", "1")):
                return self.send(429, b"slow down\n", "text/plain", [("Retry-After", "1")])
            return self.send(200, page("429"))
        if p == "/429-date":
            if self.hit("429d" + q.get("id", "")) <= 1:
                when = email.utils.formatdate(time.time() + 2, usegmt=True)
                return self.send(429, b"slow down\n", "text/plain", [("Retry-After", when)])
            return self.send(200, page("429-date"))
        if p == "/503-long":
            return self.send(503, b"maintenance\n", "text/plain", [("Retry-After", "3600")])
        if p == "/redirect-loop":
            return self.send(302, b"", headers=[("Location", "/redirect-loop2")])
        if p == "/redirect-loop2":
            return self.send(302, b"", headers=[("Location", "/redirect-loop")])
        if p == "/redirect-chain":
            n = int(q.get("n", "0"))
            if n <= 0:
                return self.send(200, page("chain-end"))
            return self.send(302, b"", headers=[("Location", "/redirect-chain?n=%d" % (n - 1))])
        if p == "/redirect-file":
            return self.send(302, b"", headers=[("Location", "file:///etc/passwd")])
        if p == "/gzip-bomb":
            return self.send(200, bomb(), headers=[("Content-Encoding", "gzip")])
        if p == "/gzip-page":
            return self.send(200, gzip.compress(page("gzip")), headers=[("Content-Encoding", "gzip")])
        if p == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (page("chunked")[:50], page("chunked")[50:]):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
            return
        if p == "/big":
            return self.send(200, b"a" * (20 << 20), "text/plain")
        if p == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"a" * 65536
            try:
                for _ in range(320):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
            self.close_connection = True
            return
        if p == "/latin1":
            return self.send(200, "<html><body><p>Caf\u00e9 na\u00efve \u00a9</p></body></html>".encode("latin-1"))
        if p == "/feed.xml":
            items = "".join("<item><title>%d</title><link>%s/page/feed%d.html</link></item>" % (i, b, i)
                            for i in range(1, 4))
            items += "<item><title>p</title><link>%s/private/secret.html</link></item>" % b
            items += "<item><title>g</title><guid>%s/page/guid.html</guid></item>" % b
            items += "<item><title>t</title><link>%s/tag/drugs</link></item>" % b
            return self.send(200, ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>%s'
                                   '</channel></rss>' % items).encode(), "application/rss+xml",
                             [("ETag", '"feed1"')]) if self.headers.get("If-None-Match") != '"feed1"' \
                else self.send(304, b"", headers=[("ETag", '"feed1"')])
        if p == "/atom.xml":
            return self.send(200, ('<?xml version="1.0" encoding="utf-8"?>'
                                   '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="%s/page/">'
                                   '<title>a</title><entry><title>x</title><link rel="self" href="/self"/>'
                                   '<link href="atom1.html"/></entry>'
                                   '<entry><link rel="alternate" href="%s/page/atom2.html"/></entry></feed>'
                                   % (b, b)).encode(), "application/atom+xml")
        if p == "/sitemap_index.xml":
            return self.send(200, ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                   '<sitemap><loc>%s/sitemap1.xml</loc></sitemap>'
                                   '<sitemap><loc>%s/sitemap2.xml.gz</loc></sitemap>'
                                   '<sitemap><loc>%s/news-sitemap.xml</loc></sitemap></sitemapindex>'
                                   % (b, b, b)).encode(), "application/xml")
        if p == "/sitemap1.xml":
            return self.send(200, ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                   '<url><loc>%s/page/sm1.html</loc><lastmod>2025-09-01</lastmod></url>'
                                   '<url><loc>%s/page/sm2.html</loc></url></urlset>' % (b, b)).encode(),
                             "application/xml")
        if p == "/sitemap2.xml.gz":
            return self.send(200, gzip.compress(('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                                 '<url><loc>%s/page/smgz.html</loc></url></urlset>' % b).encode()),
                             "application/gzip")
        if p == "/news-sitemap.xml":
            return self.send(200, ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                                   'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                                   '<url><loc>%s/page/news1.html</loc><news:news><news:publication>'
                                   '<news:name>X</news:name><news:language>en</news:language></news:publication>'
                                   '<news:publication_date>2025-09-02T10:00:00Z</news:publication_date>'
                                   '<news:title>N</news:title></news:news></url></urlset>' % b).encode(),
                             "application/xml")
        if p == "/news/":
            return self.send(200, ('<!DOCTYPE html><html><head><base href="%s/page/"></head><body>'
                                   '<nav><a href="/about">About</a> <a href="/tag/x">x</a></nav>'
                                   '<a href="idx1.html">One</a> <a href="%s/page/idx2.html#c">Two</a>'
                                   '<a href="mailto:news@example.com">m</a> <a href="javascript:void(0)">j</a>'
                                   '</body></html>' % (b, b)).encode())
        if p == "/not-xml":
            return self.send(200, b"<html><body>not a feed</body></html>")
        return self.send(404, b"not found\n", "text/plain")


def bomb():
    global BOMB
    with LOCK:
        if BOMB is None:
            BOMB = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
        return BOMB


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients aborting big or slow answers is what the tests do


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log")
    ap.add_argument("--robots")
    ap.add_argument("--robots-status", type=int, default=200)
    ap.add_argument("--lifetime", type=float, default=120)
    a = ap.parse_args()
    srv = Server(("127.0.0.1", 0), Handler)
    srv.logfile = a.log
    srv.robots_status = a.robots_status
    srv.robots = open(a.robots, "rb").read() if a.robots else None
    print(srv.server_port, flush=True)
    threading.Timer(a.lifetime, srv.shutdown).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
