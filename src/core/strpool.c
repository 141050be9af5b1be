/* strpool.c: block allocation and string interning (strpool.h). */
#include "ucplan/strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/util.h"

enum { POOL_BLOCK = 256 * 1024 };

struct strpool {
	char **blocks;
	size_t n_blocks;
	size_t used; /* bytes used in the last block */
	/* the interned strings: open addressing with their hashes */
	const char **slots;
	uint64_t *hashes;
	size_t cap;
	size_t count;
};

struct strpool *strpool_new(void)
{
	return xcalloc(1, sizeof(struct strpool));
}

void strpool_free(struct strpool *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_blocks; i++)
		free(p->blocks[i]);
	free(p->blocks);
	free(p->slots);
	free(p->hashes);
	free(p);
}

void strpool_clear(struct strpool *p)
{
	for (size_t i = 0; i < p->n_blocks; i++)
		free(p->blocks[i]);
	p->n_blocks = 0;
	p->used = 0;
	if (p->cap) {
		memset(p->slots, 0, p->cap * sizeof *p->slots);
		p->count = 0;
	}
}

void *strpool_alloc(struct strpool *a, size_t size)
{
	const size_t align = sizeof(void *);
	char *p;

	if (size > POOL_BLOCK / 4) {
		/* A large piece gets a block of its own, placed before the
		 * current one so that the current block keeps filling. */
		a->blocks = xreallocarray(a->blocks, a->n_blocks + 1, sizeof *a->blocks);
		p = xmalloc(size);
		if (a->n_blocks) {
			a->blocks[a->n_blocks] = a->blocks[a->n_blocks - 1];
			a->blocks[a->n_blocks - 1] = p;
		} else {
			a->blocks[0] = p;
			a->used = POOL_BLOCK; /* no open block yet */
		}
		a->n_blocks++;
		return p;
	}
	a->used = (a->used + align - 1) & ~(align - 1);
	if (a->n_blocks == 0 || a->used + size > POOL_BLOCK) {
		a->blocks = xreallocarray(a->blocks, a->n_blocks + 1, sizeof *a->blocks);
		a->blocks[a->n_blocks++] = xmalloc(POOL_BLOCK);
		a->used = 0;
	}
	p = a->blocks[a->n_blocks - 1] + a->used;
	a->used += size;
	return p;
}

static uint64_t hash_string(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull; /* FNV-1a */

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

const char *strpool_intern_n(struct strpool *p, const char *s, size_t n)
{
	uint64_t h = hash_string(s, n);
	size_t slot;
	char *copy;

	if ((p->count + 1) * 2 > p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 1024;
		const char **slots = xcalloc(cap, sizeof *slots);
		uint64_t *hashes = xcalloc(cap, sizeof *hashes);
		for (size_t i = 0; i < p->cap; i++) {
			if (!p->slots[i])
				continue;
			slot = (size_t)p->hashes[i] & (cap - 1);
			while (slots[slot])
				slot = (slot + 1) & (cap - 1);
			slots[slot] = p->slots[i];
			hashes[slot] = p->hashes[i];
		}
		free(p->slots);
		free(p->hashes);
		p->slots = slots;
		p->hashes = hashes;
		p->cap = cap;
	}
	slot = (size_t)h & (p->cap - 1);
	while (p->slots[slot]) {
		if (p->hashes[slot] == h && strncmp(p->slots[slot], s, n) == 0 &&
		    p->slots[slot][n] == '\0')
			return p->slots[slot];
		slot = (slot + 1) & (p->cap - 1);
	}
	copy = strpool_alloc(p, n + 1);
	memcpy(copy, s, n);
	copy[n] = '\0';
	p->slots[slot] = copy;
	p->hashes[slot] = h;
	p->count++;
	return copy;
}

const char *strpool_intern(struct strpool *p, const char *s)
{
	return s ? strpool_intern_n(p, s, strlen(s)) : NULL;
}

static size_t ptrmap_slot(const struct ptrmap *map, unsigned tag, const void *key)
{
	uint64_t h = (uint64_t)(uintptr_t)key * 0x9e3779b97f4a7c15u ^ (uint64_t)tag * 0xff51afd7ed558ccdu;

	return (size_t)(h >> 17) & (map->cap - 1);
}

const char *ptrmap_get(const struct ptrmap *map, unsigned tag, const void *key)
{
	size_t i;

	if (!map->cap)
		return NULL;
	for (i = ptrmap_slot(map, tag, key); map->keys[i]; i = (i + 1) & (map->cap - 1))
		if (map->keys[i] == key && map->tags[i] == tag)
			return map->values[i];
	return NULL;
}

void ptrmap_put(struct ptrmap *map, unsigned tag, const void *key, const char *value)
{
	size_t i;

	if ((map->count + 1) * 2 > map->cap) {
		struct ptrmap bigger = {0};
		bigger.cap = map->cap ? map->cap * 2 : 256;
		bigger.keys = xcalloc(bigger.cap, sizeof *bigger.keys);
		bigger.tags = xcalloc(bigger.cap, sizeof *bigger.tags);
		bigger.values = xcalloc(bigger.cap, sizeof *bigger.values);
		for (size_t j = 0; j < map->cap; j++)
			if (map->keys[j])
				ptrmap_put(&bigger, map->tags[j], map->keys[j], map->values[j]);
		ptrmap_free(map);
		*map = bigger;
	}
	for (i = ptrmap_slot(map, tag, key); map->keys[i]; i = (i + 1) & (map->cap - 1))
		if (map->keys[i] == key && map->tags[i] == tag) {
			map->values[i] = value;
			return;
		}
	map->keys[i] = key;
	map->tags[i] = tag;
	map->values[i] = value;
	map->count++;
}

void ptrmap_clear(struct ptrmap *map)
{
	if (map->cap)
		memset(map->keys, 0, map->cap * sizeof *map->keys);
	map->count = 0;
}

void ptrmap_free(struct ptrmap *map)
{
	free(map->keys);
	free(map->tags);
	free(map->values);
	memset(map, 0, sizeof *map);
}
