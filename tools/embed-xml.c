/* embed-xml: compiles an XML file into C, for the catalog loader.
 *
 *   embed-xml FILE > catalog_shipped.inc
 *
 * Writes the file's bytes (shipped[]) and its elements as a tree
 * (shipped_nodes[], root shipped_tree; see ucplan/xmltree.h), made by the
 * same parser and conversion the loader uses for a file.  The Makefile runs
 * it at build time, after checking the file against its schema; ucplan then
 * loads a catalog file equal to these bytes from the tree, without parsing
 * (src/core/catalog.c).  Nothing here knows the catalog's elements. */
#include <stdio.h>
#include <stdlib.h>

#include "ucplan/fileio.h"
#include "ucplan/util.h"
#include "ucplan/xmldoc.h"
#include "ucplan/xmltree.h"

/* A C string literal; bytes other than printable ASCII as octal escapes,
 * and ? escaped so that no trigraph can form. */
static void put_string(const char *s)
{
	if (!s) {
		fputs("NULL", stdout);
		return;
	}
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '?')
			printf("\\%c", *p);
		else if (*p >= 0x20 && *p < 0x7f)
			putchar(*p);
		else
			printf("\\%03o", *p);
	}
	putchar('"');
}

/* Nodes in breadth-first order, so that the children of each are
 * consecutive; first_child[i] is where node i's children start. */
struct layout {
	const struct xml_node **nodes;
	size_t n;
	size_t *first_child;
};

static void layout_tree(struct layout *l, const struct xml_node *root)
{
	size_t cap = 64, next = 1;

	l->nodes = xreallocarray(NULL, cap, sizeof *l->nodes);
	l->nodes[0] = root;
	l->n = 1;
	for (size_t i = 0; i < l->n; i++) {
		const struct xml_node *n = l->nodes[i];
		for (size_t k = 0; k < n->n_children; k++) {
			if (l->n == cap) {
				cap *= 2;
				l->nodes = xreallocarray(l->nodes, cap, sizeof *l->nodes);
			}
			l->nodes[l->n++] = &n->children[k];
		}
	}
	l->first_child = xreallocarray(NULL, l->n, sizeof *l->first_child);
	for (size_t i = 0; i < l->n; i++) {
		l->first_child[i] = next;
		next += l->nodes[i]->n_children;
	}
}

int main(int argc, char **argv)
{
	struct uc_error err = {0};
	struct xml_node *tree;
	struct layout l = {0};
	size_t size, at = 0;
	xmlDocPtr doc;
	char *data;

	if (argc != 2) {
		fprintf(stderr, "usage: embed-xml FILE\n");
		return 2;
	}
	if (file_read_all(argv[1], 64u << 20, &data, &size, &err) != UC_OK ||
	    xmldoc_parse(data, size, argv[1], &doc, &err) != UC_OK) {
		fprintf(stderr, "embed-xml: %s:%d: %s\n", err.file, err.line, err.message);
		return 3;
	}
	tree = xml_tree_from_doc(doc);
	xmlFreeDoc(doc);
	layout_tree(&l, tree);

	printf("/* Generated from %s by tools/embed-xml; do not edit. */\n", argv[1]);
	puts("static const unsigned char shipped[] = {");
	for (size_t i = 0; i < size; i++)
		printf("%s0x%02x,%s", i % 12 ? " " : "\t", (unsigned char)data[i],
		       i % 12 == 11 || i + 1 == size ? "\n" : "");
	puts("};");
	puts("static const char *const shipped_attrs[] = {");
	for (size_t i = 0; i < l.n; i++)
		for (size_t k = 0; k < 2 * l.nodes[i]->n_attrs; k++) {
			putchar('\t');
			put_string(l.nodes[i]->attrs[k]);
			puts(",");
		}
	puts("\tNULL,\n};");
	puts("static const struct xml_node shipped_nodes[] = {");
	for (size_t i = 0; i < l.n; i++) {
		const struct xml_node *n = l.nodes[i];
		fputs("\t{", stdout);
		put_string(n->name);
		if (n->n_attrs)
			printf(", &shipped_attrs[%zu], %zu, ", at, n->n_attrs);
		else
			fputs(", NULL, 0, ", stdout);
		put_string(n->text);
		if (n->n_children)
			printf(", %d, &shipped_nodes[%zu], %zu},\n", n->line, l.first_child[i],
			       n->n_children);
		else
			printf(", %d, NULL, 0},\n", n->line);
		at += 2 * n->n_attrs;
	}
	puts("};");
	puts("static const struct xml_node *const shipped_tree = &shipped_nodes[0];");
	free(l.nodes);
	free(l.first_child);
	xml_tree_free(tree);
	free(data);
	return ferror(stdout) || fflush(stdout) != 0 ? 3 : 0;
}
