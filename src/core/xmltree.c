/* xmltree.c: libxml2's document as a plain tree (see xmltree.h). */
#include "ucplan/xmltree.h"

#include <stdlib.h>
#include <string.h>

#include "ucplan/util.h"

static char *copy_xml_string(xmlChar *s)
{
	char *copy = s ? xstrdup((const char *)s) : NULL;

	xmlFree(s);
	return copy;
}

static void node_fill(struct xml_node *out, xmlNodePtr n)
{
	struct xml_node *children;
	const char **attrs;
	size_t k = 0;

	out->name = xstrdup((const char *)n->name);
	out->line = (int)xmlGetLineNo(n);
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		out->n_attrs++;
	attrs = xcalloc(2 * out->n_attrs + 1, sizeof *attrs);
	for (xmlAttrPtr a = n->properties; a; a = a->next, k += 2) {
		attrs[k] = xstrdup((const char *)a->name);
		attrs[k + 1] = copy_xml_string(xmlGetProp(n, a->name));
	}
	out->attrs = attrs;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			out->n_children++;
	if (out->n_children == 0) {
		out->text = copy_xml_string(xmlNodeGetContent(n));
		return;
	}
	children = xcalloc(out->n_children, sizeof *children);
	k = 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			node_fill(&children[k++], c);
	out->children = children;
}

struct xml_node *xml_tree_from_doc(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	struct xml_node *tree = xcalloc(1, sizeof *tree);

	if (root)
		node_fill(tree, root);
	else
		tree->name = xstrdup("");
	return tree;
}

/* The tree from xml_tree_from_doc() owns its strings and arrays; the casts
 * drop the const that readers see. */
static void node_clear(const struct xml_node *n)
{
	for (size_t i = 0; i < 2 * n->n_attrs; i++)
		free((char *)n->attrs[i]);
	free((void *)n->attrs);
	for (size_t i = 0; i < n->n_children; i++)
		node_clear(&n->children[i]);
	free((void *)n->children);
	free((char *)n->name);
	free((char *)n->text);
}

void xml_tree_free(struct xml_node *root)
{
	if (!root)
		return;
	node_clear(root);
	free(root);
}

const char *xml_node_attr(const struct xml_node *node, const char *name)
{
	for (size_t i = 0; i < node->n_attrs; i++)
		if (strcmp(node->attrs[2 * i], name) == 0)
			return node->attrs[2 * i + 1];
	return NULL;
}

const struct xml_node *xml_node_child(const struct xml_node *node, const char *name)
{
	for (size_t i = 0; i < node->n_children; i++)
		if (strcmp(node->children[i].name, name) == 0)
			return &node->children[i];
	return NULL;
}
