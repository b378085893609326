/* output.c - query results as CSV (RFC 4180), JSON, JSON Lines or an
 * aligned text table. Integers stay numbers and NULL stays null in JSON;
 * in CSV and the table NULL is an empty cell. */
#include "pns.h"

#include <jansson.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Widest a table cell gets before it is cut with "..." (sentences). */
#define TABLE_MAX_WIDTH 48

bool pns_format_parse(const char *s, enum pns_format *fmt)
{
	static const struct { const char *name; enum pns_format f; } names[] = {
		{"table", PNS_FMT_TABLE}, {"csv", PNS_FMT_CSV},
		{"json", PNS_FMT_JSON}, {"jsonl", PNS_FMT_JSONL}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i].name) == 0) {
			*fmt = names[i].f;
			return true;
		}
	return false;
}

static void csv_cell(pn_buf *b, const char *s)
{
	if (!s[strcspn(s, ",\"\r\n")]) {
		pn_buf_adds(b, s);
		return;
	}
	pn_buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			pn_buf_addc(b, '"');
		pn_buf_addc(b, *s);
	}
	pn_buf_addc(b, '"');
}

static void csv_row(pn_buf *b, sqlite3_stmt *st, bool header)
{
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n; i++) {
		if (i)
			pn_buf_addc(b, ',');
		const char *s = header ? sqlite3_column_name(st, i)
		                       : (const char *)sqlite3_column_text(st, i);
		csv_cell(b, s ? s : "");
	}
	pn_buf_adds(b, "\r\n");
}

static json_t *json_row(sqlite3_stmt *st)
{
	json_t *o = json_object();
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n; i++) {
		json_t *v;
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_NULL: v = json_null(); break;
		case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(st, i)); break;
		case SQLITE_FLOAT: v = json_real(sqlite3_column_double(st, i)); break;
		default:
			v = json_stringn((const char *)sqlite3_column_text(st, i),
			                 (size_t)sqlite3_column_bytes(st, i));
			/* Invalid UTF-8 in the database: keep the row, lose the cell. */
			if (!v)
				v = json_null();
		}
		json_object_set_new(o, sqlite3_column_name(st, i), v);
	}
	return o;
}

/* Display width in code points, which is right for the Latin text here. */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* Copy of s cut to at most max code points, newlines flattened. */
static char *table_cell(const char *s)
{
	pn_buf b = PN_BUF_INIT;
	size_t w = 0;
	for (; *s; s++) {
		bool lead = ((unsigned char)*s & 0xC0) != 0x80;
		if (lead && ++w > TABLE_MAX_WIDTH) {
			/* Drop the last three code points for the ellipsis. */
			size_t cut = b.len, k = 0;
			while (cut > 0 && k < 3)
				k += ((unsigned char)b.data[--cut] & 0xC0) != 0x80;
			b.len = cut;
			pn_buf_adds(&b, "...");
			break;
		}
		pn_buf_addc(&b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
	}
	return pn_buf_steal(&b);
}

static void pad(pn_buf *b, const char *s, size_t w, bool last)
{
	pn_buf_adds(b, s);
	if (!last)
		for (size_t k = width(s); k < w + 2; k++)
			pn_buf_addc(b, ' ');
}

/* A table needs every row before the first line can be aligned. */
static unsigned long table(sqlite3 *db, sqlite3_stmt *st, pn_buf *out)
{
	int n = sqlite3_column_count(st);
	size_t *w = pn_xcalloc((size_t)n, sizeof *w);
	char **cells = NULL;
	size_t rows = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rows + 1) * (size_t)n > cap) {
			cap = cap ? 2 * cap : 64 * (size_t)n;
			cells = pn_xrealloc(cells, cap * sizeof *cells);
		}
		for (int i = 0; i < n; i++) {
			const char *s = (const char *)sqlite3_column_text(st, i);
			cells[rows * (size_t)n + (size_t)i] = table_cell(s ? s : "");
		}
		rows++;
	}
	if (rc != SQLITE_DONE)
		pns_db_die(db, "query");
	for (int i = 0; i < n; i++) {
		w[i] = width(sqlite3_column_name(st, i));
		for (size_t r = 0; r < rows; r++) {
			size_t cw = width(cells[r * (size_t)n + (size_t)i]);
			w[i] = cw > w[i] ? cw : w[i];
		}
	}
	for (int i = 0; i < n; i++)
		pad(out, sqlite3_column_name(st, i), w[i], i == n - 1);
	pn_buf_addc(out, '\n');
	for (size_t r = 0; r < rows; r++) {
		for (int i = 0; i < n; i++) {
			pad(out, cells[r * (size_t)n + (size_t)i], w[i], i == n - 1);
			free(cells[r * (size_t)n + (size_t)i]);
		}
		pn_buf_addc(out, '\n');
	}
	free(cells);
	free(w);
	return rows;
}

static void write_out(pn_buf *b, FILE *out)
{
	if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
		pn_die(PN_EXIT_IO, "write error: %s", strerror(errno));
	pn_buf_reset(b);
}

unsigned long pns_output(sqlite3 *db, sqlite3_stmt *st, enum pns_format fmt, FILE *out)
{
	pn_buf b = PN_BUF_INIT;
	unsigned long rows = 0;
	if (fmt == PNS_FMT_TABLE) {
		rows = table(db, st, &b);
	} else {
		json_t *all = fmt == PNS_FMT_JSON ? json_array() : NULL;
		if (fmt == PNS_FMT_CSV)
			csv_row(&b, st, true);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			rows++;
			if (fmt == PNS_FMT_CSV) {
				csv_row(&b, st, false);
			} else if (fmt == PNS_FMT_JSON) {
				json_array_append_new(all, json_row(st));
			} else {
				json_t *o = json_row(st);
				pn_jsonl_write(out, o);
				json_decref(o);
			}
			if (b.len > 65536)
				write_out(&b, out);
		}
		if (rc != SQLITE_DONE)
			pns_db_die(db, "query");
		if (all) {
			char *s = json_dumps(all, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			pn_buf_adds(&b, s);
			pn_buf_addc(&b, '\n');
			free(s);
			json_decref(all);
		}
	}
	write_out(&b, out);
	pn_buf_free(&b);
	if (fflush(out) != 0)
		pn_die(PN_EXIT_IO, "write error: %s", strerror(errno));
	return rows;
}
