/* planfile.h: reading and writing plan files (XML, schema data/plan.rng).
 *
 * Parsing is safe for files from strangers: no network, no DTD loading, no
 * entity substitution, a size limit, and every error names the file and the
 * line. */
#ifndef UCPLAN_PLANFILE_H
#define UCPLAN_PLANFILE_H

#include <stddef.h>

#include "ucplan/model.h"
#include "ucplan/util.h"

/* Largest plan file accepted. */
#define PLANFILE_MAX_SIZE (16u * 1024u * 1024u)

/* Loads the plan at path; on success *out receives a plan the caller frees
 * with plan_free().  Errors: UC_ERR_IO (cannot read), UC_ERR_LIMIT,
 * UC_ERR_PARSE (not XML), UC_ERR_SCHEMA (wrong structure or values). */
enum uc_status planfile_load(const char *path, struct plan **out, struct uc_error *err);
/* Same from memory; name is used in messages. */
enum uc_status planfile_load_memory(const char *data, size_t size, const char *name,
				    struct plan **out, struct uc_error *err);
/* Saves plan atomically to path (temporary file, fsync, rename). */
enum uc_status planfile_save(const struct plan *plan, const char *path, struct uc_error *err);
/* Writes the plan XML to a newly allocated buffer (caller frees). */
enum uc_status planfile_serialize(const struct plan *plan, char **data, size_t *size,
				  struct uc_error *err);

#endif
