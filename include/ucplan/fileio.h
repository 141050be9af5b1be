/* fileio.h: crash-safe output files and bounded input files.
 *
 * An output file is written to a temporary file in the same directory,
 * flushed, fsync'ed and renamed over the target, so that the previous
 * version survives any interruption and no partial file is left behind. */
#ifndef UCPLAN_FILEIO_H
#define UCPLAN_FILEIO_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "ucplan/util.h"

struct atomic_file {
	FILE *fp;         /* write here */
	int fd;           /* its descriptor (fileno() may not give it), -1 when closed */
	char *path;       /* final path (owned) */
	char *temp_path;  /* temporary path (owned) */
};

/* Opens a temporary file next to path.  On failure err names path and the
 * reason, and af is left closed. */
enum uc_status atomic_file_open(struct atomic_file *af, const char *path, struct uc_error *err);
/* Flushes, syncs, closes and renames into place; on any failure removes the
 * temporary file and reports UC_ERR_IO.  af is closed afterwards either way. */
enum uc_status atomic_file_commit(struct atomic_file *af, struct uc_error *err);
/* Closes and removes the temporary file; the target is untouched. */
void atomic_file_abort(struct atomic_file *af);

/* Writes a file through write(out, context, err) atomically: the file at
 * path is replaced only when write succeeded and the data reached the disk;
 * otherwise the previous file stays and no partial one is left.  err names
 * path on failure. */
typedef enum uc_status (*atomic_writer)(FILE *out, const void *context, struct uc_error *err);
enum uc_status atomic_file_write(const char *path, atomic_writer write, const void *context,
				 struct uc_error *err);

/* Reads a whole regular file of at most max_size bytes into a NUL-terminated
 * buffer (caller frees).  Refuses directories, devices and larger files. */
enum uc_status file_read_all(const char *path, size_t max_size, char **data, size_t *size,
			     struct uc_error *err);

/* Directory of ucplan's data files: UCPLAN_DATADIR from the environment,
 * or the DATADIR compiled in.  Borrowed. */
const char *uc_data_dir(void);
/* uc_data_dir()/name, newly allocated; caller frees. */
char *uc_data_path(const char *name);

/* ucplan's state directory, $XDG_STATE_HOME/ucplan (or
 * ~/.local/state/ucplan), created when missing and made private (0700).
 * On success *dir is newly allocated (caller frees); otherwise err says
 * which directory and why (UC_ERR_IO). */
enum uc_status uc_state_dir(char **dir, struct uc_error *err);

/* path made absolute against the current directory (not resolved: the
 * file may not exist yet).  Newly allocated; NULL for NULL. */
char *uc_absolute_path(const char *path);

/* What identifies one version of a file on disk: a save by rename gives a
 * new inode, an edit in place a new size or modification time. */
struct file_stamp {
	bool exists;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};
/* The stamp of path now (exists is false when it cannot be examined). */
void file_stamp_get(const char *path, struct file_stamp *fs);
bool file_stamp_equal(const struct file_stamp *a, const struct file_stamp *b);

#endif
