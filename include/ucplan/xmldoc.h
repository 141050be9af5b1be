/* xmldoc.h: reading XML from strangers safely, in one place.
 *
 * No network, no DTD loading, no entity substitution, a size limit, and the
 * first error reported with its file and line.  Used for the catalog and
 * plan files. */
#ifndef UCPLAN_XMLDOC_H
#define UCPLAN_XMLDOC_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "ucplan/util.h"

/* Parses size bytes of data (name is used in messages).  A document with a
 * DOCTYPE is refused, and so is one whose shape exceeds the bounds that keep
 * parsing linear (attributes per element and in all, elements, depth, the
 * length of names, values and texts: UC_ERR_LIMIT with the line), checked
 * by a scan of the text before libxml2 builds a tree.  On success *doc receives a document the caller frees
 * with xmlFreeDoc().  Errors: UC_ERR_PARSE. */
enum uc_status xmldoc_parse(const char *data, size_t size, const char *name, xmlDocPtr *doc,
			    struct uc_error *err);

/* Validates doc against the RELAX NG schema at schema_path.  Errors:
 * UC_ERR_SCHEMA with the line of the first offending element, or UC_ERR_IO
 * when the schema itself cannot be read. */
enum uc_status xmldoc_validate(xmlDocPtr doc, const char *schema_path, const char *name,
			       struct uc_error *err);

/* Walking a tree: the element's line (0 when unknown), whether node is the
 * element name, how many children are, and the first child that is. */
int xmldoc_line(xmlNodePtr node);
bool xmldoc_is_element(xmlNodePtr node, const char *name);
size_t xmldoc_count_children(xmlNodePtr parent, const char *name);
xmlNodePtr xmldoc_child(xmlNodePtr parent, const char *name);

/* The attribute's value as a newly allocated string (caller frees with
 * free()), or NULL when absent. */
char *xmldoc_attr(xmlNodePtr node, const char *name);

#endif
