/* entities_int.h - internals of the entity pass (entities*.c), not for
 * other parts of pn-extract. */
#ifndef PNX_ENTITIES_INT_H
#define PNX_ENTITIES_INT_H

#include <stdint.h>

#include "extract.h"

/* entities.c: a new entity of type (a static type name: "drug" ...) with
 * name (owned from now on) and rule; its index. */
int pnx_ent_new(pnx_doc *d, const char *type, char *name, const char *rule);
/* Adds the mention [s, end) to entity e and marks its bytes as held. */
void pnx_ent_add_mention(pnx_doc *d, int e, size_t s, size_t end);
/* The bit of d->claimed that stands for type. */
uint16_t pnx_ent_type_bit(const char *type);

/* entities_marked.c: drugs named by a trade mark sign, after the rules. */
void pnx_find_marked(pnx_doc *d);

#endif
