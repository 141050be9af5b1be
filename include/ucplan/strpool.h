/* strpool.h: memory freed all at once, and strings stored once each.
 *
 * A report and its views hold hundreds of thousands of small pieces (a
 * 1,000-site plan); they come from large blocks freed together, and equal
 * strings share one copy, so that equal text is an equal pointer. */
#ifndef UCPLAN_STRPOOL_H
#define UCPLAN_STRPOOL_H

#include <stddef.h>

struct strpool;

/* A new, empty pool; free it with strpool_free(). */
struct strpool *strpool_new(void);
void strpool_free(struct strpool *pool);

/* Forgets every string and piece but keeps memory for reuse: a writer that
 * caches per site starts each site from an empty pool. */
void strpool_clear(struct strpool *pool);

/* size bytes aligned for pointers, valid until strpool_free(). */
void *strpool_alloc(struct strpool *pool, size_t size);

/* The pool's copy of the n bytes at s (a NUL is added): the same pointer
 * for the same bytes every time.  s need not be NUL-terminated. */
const char *strpool_intern_n(struct strpool *pool, const char *s, size_t n);
/* Same for a string; NULL stays NULL. */
const char *strpool_intern(struct strpool *pool, const char *s);

/* A cache from (tag, pointer) to a string: renderers remember the text of
 * a value they already rendered (an endpoint, a list of sources), since
 * the report shares one value among many rows.  Values are borrowed (they
 * usually live in a strpool). */
struct ptrmap {
	const void **keys;
	unsigned *tags;
	const char **values;
	size_t cap;
	size_t count;
};

/* The string stored for (tag, key), or NULL. */
const char *ptrmap_get(const struct ptrmap *map, unsigned tag, const void *key);
/* Stores value for (tag, key); key must not be NULL. */
void ptrmap_put(struct ptrmap *map, unsigned tag, const void *key, const char *value);
/* Empties the map, keeping its room. */
void ptrmap_clear(struct ptrmap *map);
void ptrmap_free(struct ptrmap *map);

#endif
