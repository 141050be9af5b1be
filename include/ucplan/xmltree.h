/* xmltree.h: an XML document as a plain tree of elements.
 *
 * The catalog loader reads this tree rather than libxml2's, so that the
 * shipped catalog can be compiled into ucplan as such a tree (by
 * tools/embed-xml at build time) and loaded without parsing: the same
 * loader, with every meaning check, reads a tree made from a file or the
 * compiled one.  Only what the loader needs is kept: element names,
 * attributes, the text of elements without child elements, line numbers. */
#ifndef UCPLAN_XMLTREE_H
#define UCPLAN_XMLTREE_H

#include <stddef.h>

#include <libxml/tree.h>

struct xml_node {
	const char *name;
	const char *const *attrs; /* n_attrs name, value pairs: attrs[2i], attrs[2i + 1] */
	size_t n_attrs;
	const char *text; /* text content of an element without child elements, else NULL */
	int line;
	const struct xml_node *children; /* the child elements, in order */
	size_t n_children;
};

/* The root element of doc as a tree (doc is borrowed and may be freed
 * afterwards).  Caller frees with xml_tree_free(). */
struct xml_node *xml_tree_from_doc(xmlDocPtr doc);
void xml_tree_free(struct xml_node *root);

/* The value of attribute name, or NULL (borrowed from node). */
const char *xml_node_attr(const struct xml_node *node, const char *name);
/* The first child element called name, or NULL. */
const struct xml_node *xml_node_child(const struct xml_node *node, const char *name);

#endif
