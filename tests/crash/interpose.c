/* interpose.c: an LD_PRELOAD shim for tests/crash.sh that kills its own
 * process with SIGKILL at one point of a crash-safe save, chosen by the
 * environment variable CRASH_AT:
 *
 *   write         after the first write to a file whose name contains ".tmp-"
 *                 (only half of that first write reaches the file)
 *   fsync         before fsync() of such a file
 *   rename        before rename() of such a file
 *   after-rename  right after that rename()
 *
 * ucplan writes its temporary files through write() (fileio.c's writeback
 * stream), which the shim below catches; stdio's own writes go through
 * glibc's internal write, which a shim cannot catch. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t size);
int fsync(int fd);
int rename(const char *from, const char *to);

static bool crash_at(const char *point)
{
	const char *at = getenv("CRASH_AT");

	return at && strcmp(at, point) == 0;
}

static void die(void)
{
	kill(getpid(), SIGKILL);
	for (;;)
		pause();
}

static bool is_temp_path(const char *path)
{
	return path && strstr(path, ".tmp-") != NULL;
}

static bool is_temp_fd(int fd)
{
	char link[64], path[PATH_MAX];
	ssize_t n;

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	if (n <= 0)
		return false;
	path[n] = '\0';
	return is_temp_path(path);
}

static void *next(const char *name)
{
	void *fn = dlsym(RTLD_NEXT, name);

	if (!fn) {
		fprintf(stderr, "interpose: %s not found\n", name);
		abort();
	}
	return fn;
}

/* ---- write: the first write to a temporary file cut in half, then SIGKILL */

ssize_t write(int fd, const void *buf, size_t size)
{
	ssize_t (*real)(int, const void *, size_t) = next("write");
	size_t half = size > 1 ? size / 2 : size;

	if (!crash_at("write") || !is_temp_fd(fd))
		return real(fd, buf, size);
	if (half > 0 && real(fd, buf, half) < 0)
		return -1;
	die();
	return (ssize_t)size;
}

/* ---- fsync, rename -------------------------------------------------------- */

int fsync(int fd)
{
	int (*real)(int) = next("fsync");

	if (crash_at("fsync") && is_temp_fd(fd))
		die();
	return real(fd);
}

int rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *) = next("rename");
	int rc;

	if (crash_at("rename") && is_temp_path(from))
		die();
	rc = real(from, to);
	if (crash_at("after-rename") && is_temp_path(from))
		die();
	return rc;
}
