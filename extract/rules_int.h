/* rules_int.h - internals of the rules loader (rules.c, rules_parse.c,
 * rules_expand.c), not for other parts of pn-extract. */
#ifndef PNX_RULES_INT_H
#define PNX_RULES_INT_H

#include "rules.h"

typedef struct pnx_define {
	char *name;
	const char *file;
	unsigned line;
	pn_buf alts;       /* "(?:a|b)" built from its pattern lines */
	size_t nalts;
	int state;         /* 0 fresh, 1 expanding (cycle guard), 2 done */
	char *expanded;
} pnx_define;

typedef struct pnx_loader {
	pnx_rules *rs;
	pnx_define *defs;
	size_t ndefs;
	unsigned errors;
	pnx_rule *cur_rule;      /* block being read */
	pnx_define *cur_def;
	pnx_example *last_pos;   /* target of expect lines */
} pnx_loader;

/* "file:line: message" on stderr, counted in L->errors. */
__attribute__((format(printf, 4, 5)))
void pnx_lerr(pnx_loader *L, const char *file, unsigned line, const char *fmt, ...);
/* Room for element n of an array of n elements (dies on OOM). */
void *pnx_grow(void *arr, size_t n, size_t size);
/* The define called name[0..n), NULL if none. */
pnx_define *pnx_find_define(pnx_loader *L, const char *name, size_t n);

/* rules_parse.c: reads one *.rules file into L (defines, rules). */
void pnx_parse_file(pnx_loader *L, const char *path);

/* rules_expand.c: src with {MACRO} and {@gazetteer} expanded appended to
 * out; 0, or -1 after reporting the problem at file:line. */
int pnx_expand(pnx_loader *L, const char *src, pn_buf *out, const char *file, unsigned line);
int pnx_expand_define(pnx_loader *L, pnx_define *d, const char *file, unsigned line);

#endif
