/* jsonl.c - JSON Lines in and out with jansson; bad lines are reported with
 * file:line and skipped so one broken record never loses the rest. */
#include "pn.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct pn_jsonl_reader {
	FILE *f;
	bool is_stdin;
	char *name;
	char *line;
	size_t cap;
	unsigned long lineno;
};

pn_jsonl_reader *pn_jsonl_open(const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "r");
	if (!f)
		return NULL;
	pn_jsonl_reader *r = pn_xcalloc(1, sizeof *r);
	r->f = f;
	r->is_stdin = is_stdin;
	r->name = pn_xstrdup(is_stdin ? "<stdin>" : path);
	return r;
}

int pn_jsonl_next(pn_jsonl_reader *r, json_t **obj)
{
	for (;;) {
		errno = 0;
		ssize_t n = getline(&r->line, &r->cap, r->f);
		if (n < 0) {
			if (ferror(r->f))
				pn_die(PN_EXIT_IO, "%s: read error: %s", r->name, strerror(errno));
			return 0;
		}
		r->lineno++;
		size_t len = (size_t)n;
		while (len && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r' ||
		               r->line[len - 1] == ' ' || r->line[len - 1] == '\t'))
			len--;
		size_t start = 0;
		while (start < len && (r->line[start] == ' ' || r->line[start] == '\t'))
			start++;
		if (start == len)
			continue;
		json_error_t e;
		json_t *j = json_loadb(r->line + start, len - start, JSON_ALLOW_NUL, &e);
		if (!j) {
			pn_warn("%s:%lu: bad JSON: %s (column %d)", r->name, r->lineno, e.text, e.column);
			return -1;
		}
		if (!json_is_object(j)) {
			json_decref(j);
			pn_warn("%s:%lu: not a JSON object", r->name, r->lineno);
			return -1;
		}
		*obj = j;
		return 1;
	}
}

unsigned long pn_jsonl_lineno(const pn_jsonl_reader *r) { return r->lineno; }
const char *pn_jsonl_name(const pn_jsonl_reader *r) { return r->name; }

void pn_jsonl_close(pn_jsonl_reader *r)
{
	if (!r)
		return;
	if (!r->is_stdin)
		fclose(r->f);
	free(r->line);
	free(r->name);
	free(r);
}

void pn_jsonl_write(FILE *out, json_t *obj)
{
	if (json_dumpf(obj, out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0 ||
	    fputc('\n', out) == EOF)
		pn_die(PN_EXIT_IO, "write error: %s", strerror(errno));
}
