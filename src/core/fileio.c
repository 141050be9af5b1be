/* fileio.c: crash-safe output files, bounded input files, data paths. */
#define _GNU_SOURCE /* fopencookie, sync_file_range */
#include "ucplan/fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ucplan/i18n.h"

#include "paths.h"

/* ".NAME.tmp-", with NAME cut so that the whole temporary name (six more
 * characters) fits in NAME_MAX.  Newly allocated. */
static char *temp_prefix(const char *base)
{
	size_t room = NAME_MAX - strlen("..tmp-XXXXXX"), n = strlen(base);

	if (n > room) {
		n = room;
		while (n > 0 && ((unsigned char)base[n] & 0xc0) == 0x80)
			n--;
	}
	return xasprintf(".%.*s.tmp-", (int)n, base);
}

/* Removes the temporary files of earlier writes to the same file whose
 * writers are gone (killed during an export: they are never cleaned up
 * otherwise).  A temporary file in use is locked by its writer. */
static void remove_stale_temps(const char *dir, const char *prefix, const char *own)
{
	const char *own_base = strrchr(own, '/') ? strrchr(own, '/') + 1 : own;
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct stat st;
		int fd;

		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 ||
		    strlen(e->d_name) != strlen(prefix) + 6 || strcmp(e->d_name, own_base) == 0)
			continue;
		fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlinkat(dirfd(d), e->d_name, 0);
		close(fd);
	}
	closedir(d);
}

/* The temporary file is written through a stream whose writes start the
 * disk's work as they go: every few megabytes the kernel is asked to begin
 * writing back what it holds (without waiting), so that the fsync at the
 * end waits for the last part only, not for the whole of a large report
 * while the CPU is idle.  Where sync_file_range is missing the stream is
 * a plain one and the fsync does it all. */
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
#define WRITEBACK_STEP (4 << 20)

struct writeback {
	int fd;
	off_t written, started; /* bytes written; bytes whose writeback started */
};

static ssize_t writeback_write(void *cookie, const char *buf, size_t size)
{
	struct writeback *wb = cookie;
	size_t done = 0;

	while (done < size) {
		ssize_t n = write(wb->fd, buf + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return done ? (ssize_t)done : -1;
		done += (size_t)n;
	}
	wb->written += (off_t)done;
	if (wb->written - wb->started >= WRITEBACK_STEP) {
		/* a hint: the fsync at commit still makes sure of every byte */
		sync_file_range(wb->fd, wb->started, wb->written - wb->started,
				SYNC_FILE_RANGE_WRITE);
		wb->started = wb->written;
	}
	return (ssize_t)done;
}

static int writeback_close(void *cookie)
{
	struct writeback *wb = cookie;
	int rc = close(wb->fd);

	free(wb);
	return rc;
}

static FILE *writeback_open(int fd)
{
	cookie_io_functions_t io = {.write = writeback_write, .close = writeback_close};
	struct writeback *wb = xcalloc(1, sizeof *wb);
	FILE *fp;

	wb->fd = fd;
	fp = fopencookie(wb, "w", io);
	if (!fp)
		free(wb);
	return fp;
}
#else
static FILE *writeback_open(int fd)
{
	return fdopen(fd, "w");
}
#endif

enum uc_status atomic_file_open(struct atomic_file *af, const char *path, struct uc_error *err)
{
	struct stat st;
	const char *slash, *base;
	char *dir, *prefix;
	int fd, saved;
	mode_t mask;

	memset(af, 0, sizeof *af);
	af->fd = -1;
	if (str_empty(path))
		return uc_error_set(err, UC_ERR_USAGE, NULL, 0, _("an output file name is empty"));

	/* A device or pipe (/dev/stdout, /dev/full, a FIFO) cannot be
	 * replaced by rename: write to it directly. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			return uc_error_set(err, UC_ERR_IO, path, 0,
					    _("this is a directory; give a file name, or end the "
					      "path with / to write one file per table"));
		/* O_NONBLOCK: a FIFO nobody reads would block the open for
		 * ever; it fails with ENXIO instead. */
		fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0 && errno == ENXIO)
			return uc_error_set(err, UC_ERR_IO, path, 0,
					    _("no program is reading from this pipe; start the "
					      "reader first"));
		if (fd < 0)
			return uc_error_set(err, UC_ERR_IO, path, 0, _("cannot write: %s"),
					    strerror(errno));
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		af->fp = fdopen(fd, "w");
		if (!af->fp) {
			close(fd);
			return uc_error_set(err, UC_ERR_IO, path, 0, _("cannot write: %s"),
					    strerror(errno));
		}
		af->fd = fd;
		af->path = xstrdup(path);
		return UC_OK;
	}

	slash = strrchr(path, '/');
	base = slash ? slash + 1 : path;
	if (strlen(base) > NAME_MAX)
		return uc_error_set(err, UC_ERR_USAGE, path, 0,
				    _("the file name is longer than %d bytes; choose a shorter "
				      "one"),
				    NAME_MAX);
	dir = slash ? xstrndup(path, (size_t)(slash - path + 1)) : xstrdup("");
	/* ".NAME.tmp-XXXXXX" must itself be a valid name: a long NAME is cut
	 * (on a character boundary) in the temporary name only. */
	prefix = temp_prefix(base);
	af->temp_path = xasprintf("%s%sXXXXXX", dir, prefix);
	fd = mkstemp(af->temp_path);
	saved = errno;
	if (fd >= 0) {
		/* Held until the file is renamed or removed: a temporary file
		 * whose lock is free belongs to a writer that was killed. */
		flock(fd, LOCK_EX);
		remove_stale_temps(dir, prefix, af->temp_path);
	}
	free(dir);
	free(prefix);
	if (fd < 0) {
		enum uc_status s = uc_error_set(err, UC_ERR_IO, path, 0,
						_("cannot create a file in this directory: %s; choose "
						  "a writable location"),
						strerror(saved));
		free(af->temp_path);
		af->temp_path = NULL;
		return s;
	}
	/* mkstemp makes 0600; give the file the mode a new file would get, or
	 * keep the mode of the file being replaced. */
	mask = umask(0);
	umask(mask);
	if (stat(path, &st) == 0)
		fchmod(fd, st.st_mode & 07777);
	else
		fchmod(fd, 0666 & ~mask);
	af->fp = writeback_open(fd);
	af->fd = fd;
	/* reports run to hundreds of megabytes: fewer, larger writes */
	if (af->fp)
		setvbuf(af->fp, NULL, _IOFBF, 1 << 17);
	if (!af->fp) {
		close(fd);
		af->fd = -1;
		unlink(af->temp_path);
		free(af->temp_path);
		af->temp_path = NULL;
		return uc_error_set(err, UC_ERR_IO, path, 0, _("cannot write: %s"),
				    strerror(errno));
	}
	af->path = xstrdup(path);
	return UC_OK;
}

static void atomic_file_clear(struct atomic_file *af)
{
	free(af->path);
	free(af->temp_path);
	memset(af, 0, sizeof *af);
	af->fd = -1;
}

/* Makes the rename durable: sync the directory that holds the file. */
static void sync_parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

enum uc_status atomic_file_commit(struct atomic_file *af, struct uc_error *err)
{
	int saved = 0;
	bool failed = false;

	if (!af->fp)
		return uc_error_set(err, UC_ERR_IO, af->path, 0, _("the file is not open"));
	if (fflush(af->fp) != 0 || ferror(af->fp)) {
		saved = errno;
		failed = true;
	}
	if (!failed && af->temp_path && fsync(af->fd) != 0) {
		saved = errno;
		failed = true;
	}
	if (fclose(af->fp) != 0 && !failed) {
		saved = errno;
		failed = true;
	}
	af->fp = NULL;
	if (!failed && af->temp_path && rename(af->temp_path, af->path) != 0) {
		saved = errno;
		failed = true;
	}
	if (failed) {
		enum uc_status s = uc_error_set(err, UC_ERR_IO, af->path, 0,
						_("writing failed: %s; the previous file, if any, "
						  "is unchanged"),
						strerror(saved ? saved : EIO));
		if (af->temp_path)
			unlink(af->temp_path);
		atomic_file_clear(af);
		return s;
	}
	if (af->temp_path)
		sync_parent_dir(af->path);
	atomic_file_clear(af);
	return UC_OK;
}

void atomic_file_abort(struct atomic_file *af)
{
	if (af->fp)
		fclose(af->fp);
	if (af->temp_path)
		unlink(af->temp_path);
	atomic_file_clear(af);
}

enum uc_status file_read_all(const char *path, size_t max_size, char **data, size_t *size,
			     struct uc_error *err)
{
	struct stat st;
	char *buf;
	size_t len = 0, cap;
	int fd;

	*data = NULL;
	*size = 0;
	/* O_NONBLOCK: opening a FIFO without a writer would otherwise wait
	 * forever; it is refused below like any non-regular file. */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return uc_error_set(err, UC_ERR_IO, path, 0, _("cannot open: %s"),
				    strerror(errno));
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		close(fd);
		return uc_error_set(err, UC_ERR_IO, path, 0,
				    _("this is a directory, not a file; give the path of a file"));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return uc_error_set(err, UC_ERR_IO, path, 0,
				    _("this is not a regular file; give the path of a file"));
	}
	if ((unsigned long long)st.st_size > max_size) {
		close(fd);
		return uc_error_set(err, UC_ERR_LIMIT, path, 0,
				    _("the file is larger than %zu bytes; this cannot be a plan "
				      "or catalog ucplan wrote"),
				    max_size);
	}
	/* Room for the size, the NUL and one byte more, so that end of file
	 * is seen without growing the buffer (a file of exactly max_size
	 * bytes is accepted).  A file that grows while it is read, or whose
	 * size says 0 (/proc), is still cut off just past max_size. */
	cap = (size_t)st.st_size + 2;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t n;
		if (len + 1 >= cap) {
			if (len > max_size) {
				free(buf);
				close(fd);
				return uc_error_set(err, UC_ERR_LIMIT, path, 0,
						    _("the file is larger than %zu bytes"), max_size);
			}
			cap = cap > max_size / 2 ? max_size + 2 : cap * 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return uc_error_set(err, UC_ERR_IO, path, 0, _("cannot read: %s"),
					    strerror(errno));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*data = buf;
	*size = len;
	return UC_OK;
}

/* The compiled-in directory, or UCPLAN_DATADIR.  Nothing is looked for
 * next to the binary: in /usr/bin that would be /usr/data, anyone's. */
const char *uc_data_dir(void)
{
	const char *env = getenv("UCPLAN_DATADIR");

	return str_empty(env) ? UCPLAN_DATADIR : env;
}

char *uc_data_path(const char *name)
{
	return xasprintf("%s/%s", uc_data_dir(), name);
}

/* mkdir -p for a path whose parents are expected to exist mostly; the
 * directories it makes are private (0700).  errno tells why it failed. */
static bool make_dirs(const char *path)
{
	char *copy = xstrdup(path);
	bool ok = true;

	for (char *p = copy + 1; *p && ok; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST)
			ok = false;
		*p = '/';
	}
	if (ok && mkdir(copy, 0700) != 0 && errno != EEXIST)
		ok = false;
	free(copy);
	return ok;
}

enum uc_status uc_state_dir(char **dir, struct uc_error *err)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	struct stat st;
	char *d;

	*dir = NULL;
	if (!str_empty(state) && state[0] == '/')
		d = xasprintf("%s/ucplan", state);
	else if (!str_empty(home))
		d = xasprintf("%s/.local/state/ucplan", home);
	else
		return uc_error_set(err, UC_ERR_IO, NULL, 0,
				    _("neither XDG_STATE_HOME nor HOME is set; set one of them"));
	if (!make_dirs(d) || stat(d, &st) != 0 || !S_ISDIR(st.st_mode)) {
		enum uc_status s = uc_error_set(err, UC_ERR_IO, d, 0,
						_("cannot create this directory: %s; make it "
						  "writable, or set XDG_STATE_HOME to one that is"),
						strerror(errno ? errno : ENOTDIR));
		free(d);
		return s;
	}
	/* Autosaves hold whole plans: only their owner may read them. */
	if ((st.st_mode & 077) && chmod(d, 0700) != 0) {
		enum uc_status s = uc_error_set(err, UC_ERR_IO, d, 0,
						_("others can read this directory and its mode "
						  "cannot be changed: %s; make it private (chmod "
						  "700)"),
						strerror(errno));
		free(d);
		return s;
	}
	if (access(d, W_OK | X_OK) != 0) {
		enum uc_status s = uc_error_set(err, UC_ERR_IO, d, 0,
						_("cannot write in this directory: %s; make it "
						  "writable, or set XDG_STATE_HOME to one that is"),
						strerror(errno));
		free(d);
		return s;
	}
	*dir = d;
	return UC_OK;
}

char *uc_absolute_path(const char *path)
{
	char cwd[PATH_MAX];

	if (!path)
		return NULL;
	if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
		return xstrdup(path);
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return xasprintf("%s%s%s", cwd, strcmp(cwd, "/") == 0 ? "" : "/", path);
}

void file_stamp_get(const char *path, struct file_stamp *fs)
{
	struct stat st;

	memset(fs, 0, sizeof *fs);
	if (!path || stat(path, &st) != 0)
		return;
	fs->exists = true;
	fs->dev = st.st_dev;
	fs->ino = st.st_ino;
	fs->size = st.st_size;
	fs->mtime = st.st_mtim;
}

bool file_stamp_equal(const struct file_stamp *a, const struct file_stamp *b)
{
	if (a->exists != b->exists)
		return false;
	return !a->exists || (a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
			      a->mtime.tv_sec == b->mtime.tv_sec &&
			      a->mtime.tv_nsec == b->mtime.tv_nsec);
}

enum uc_status atomic_file_write(const char *path, atomic_writer write, const void *context,
				 struct uc_error *err)
{
	struct atomic_file af;
	enum uc_status s = atomic_file_open(&af, path, err);

	if (s != UC_OK)
		return s;
	s = write(af.fp, context, err);
	if (s != UC_OK) {
		atomic_file_abort(&af);
		if (err)
			snprintf(err->file, sizeof err->file, "%s", path);
		return s;
	}
	return atomic_file_commit(&af, err);
}
