/* gazetteer.h - the TSV files of rules/gazetteers: named tables of surface forms.
 *
 * A gazetteer is a TSV file with a header line naming its columns. The
 * column "name" (else the first column) is the canonical name, "aliases"
 * holds |-separated other surface forms. Every name and alias is a key of a
 * case-insensitive (ASCII) index that maps a matched surface back to its row.
 *
 * Ownership: a gazetteer owns all its strings; everything returned is
 * borrowed and lives as long as the gazetteer.
 */
#ifndef PNX_GAZETTEER_H
#define PNX_GAZETTEER_H

#include "pn.h"

typedef struct pnx_gaz_key {
	char *key;        /* surface form as written in the file */
	size_t row;
} pnx_gaz_key;

typedef struct pnx_gazetteer {
	char *name;       /* file name without ".tsv": "regulators" */
	char *path;
	size_t ncols;
	char **cols;      /* header names */
	size_t nrows;
	char **cells;     /* nrows * ncols, "" when the line had fewer cells */
	unsigned *lines;  /* source line of each row */
	size_t nkeys;
	pnx_gaz_key *keys;   /* every name and alias, longest first */
	size_t nslots;
	size_t *slots;       /* open-addressing index into keys (+1, 0 = empty) */
} pnx_gazetteer;

/* Loads path; returns 0, or -1 after printing "path:line: why" (missing
 * header, a line with more cells than the header, unreadable file). */
int pnx_gaz_load(pnx_gazetteer *g, const char *path);
void pnx_gaz_free(pnx_gazetteer *g);

/* Column index or -1. */
int pnx_gaz_col(const pnx_gazetteer *g, const char *col);
/* Cell of row/column name; "" when the column does not exist. Borrowed. */
const char *pnx_gaz_get(const pnx_gazetteer *g, size_t row, const char *col);
/* Row whose name or alias equals s[0..n) ignoring ASCII case; -1 if none. */
long pnx_gaz_find(const pnx_gazetteer *g, const char *s, size_t n);

#endif
