/* graphviz.c: SVG and PNG pictures of a diagram through Graphviz's dot.
 *
 * dot is an optional run-time dependency.  It is run without a shell, by
 * argument vector: its standard input is an unlinked temporary file holding
 * our DOT text (no pipe to fill both ways, so no deadlock) and its standard
 * output is the caller's file, so that the picture lands where every other
 * export goes (an atomic file, or standard output).  dot's own messages go
 * to standard error as it writes them. */
#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ucplan/diagram.h"
#include "ucplan/i18n.h"

extern char **environ;

const char *diagram_dot_program(void)
{
	const char *env = getenv("UCPLAN_DOT");

	return env && *env ? env : "dot";
}

/* The first line dot wrote to its standard error (at most a few hundred
 * bytes), into buf; "" when it said nothing. */
static void first_message(FILE *messages, char *buf, size_t size)
{
	size_t n;

	buf[0] = '\0';
	if (!messages || fseek(messages, 0, SEEK_SET) != 0)
		return;
	n = fread(buf, 1, size - 1, messages);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

static enum uc_status missing(const char *program, int error, struct uc_error *err)
{
	return uc_error_set(err, UC_ERR_TOOL, NULL, 0,
			    _("cannot run Graphviz's '%s' (%s): install Graphviz (Debian: apt "
			      "install graphviz), set UCPLAN_DOT to the dot program, or write the "
			      "DOT text with -f dot"),
			    program, strerror(error));
}

static enum uc_status copy_picture(FILE *picture, FILE *out, struct uc_error *err)
{
	char buf[1 << 16];
	size_t n;

	if (fseek(picture, 0, SEEK_SET) != 0)
		return uc_error_set(err, UC_ERR_IO, NULL, 0, _("cannot read: %s"), strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, picture)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return uc_error_set(err, UC_ERR_IO, NULL, 0, _("writing failed: %s"),
					    strerror(errno));
	if (ferror(picture))
		return uc_error_set(err, UC_ERR_IO, NULL, 0, _("cannot read: %s"), strerror(errno));
	return UC_OK;
}

enum uc_status diagram_write_graphviz(const struct diagram *d, const char *format, FILE *out,
				      struct uc_error *err)
{
	const char *program = diagram_dot_program();
	char *type = xasprintf("-T%s", format);
	char *argv[] = {(char *)program, type, NULL};
	posix_spawn_file_actions_t actions;
	/* dot writes into a temporary file copied into out afterwards: out may
	 * be a stream without a descriptor (the crash-safe writer, a memory
	 * stream) */
	FILE *dot_text = tmpfile(), *messages = tmpfile(), *picture = tmpfile();
	enum uc_status s = UC_OK;
	char said[400];
	pid_t pid;
	int status, rc;

	if (!dot_text || !messages || !picture) {
		s = uc_error_set(err, UC_ERR_IO, NULL, 0, _("cannot create a temporary file: %s"),
				 strerror(errno));
		goto done;
	}
	s = diagram_write_dot(d, dot_text, err);
	if (s == UC_OK && (fflush(dot_text) != 0 || lseek(fileno(dot_text), 0, SEEK_SET) != 0))
		s = uc_error_set(err, UC_ERR_IO, NULL, 0, _("writing failed: %s"), strerror(errno));
	if (s != UC_OK)
		goto done;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, fileno(dot_text), STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&actions, fileno(picture), STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&actions, fileno(messages), STDERR_FILENO);
	rc = posix_spawnp(&pid, program, &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	if (rc != 0) {
		s = missing(program, rc, err);
		goto done;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			s = uc_error_set(err, UC_ERR_TOOL, NULL, 0,
					 _("waiting for '%s' failed: %s"), program,
					 strerror(errno));
			goto done;
		}
	first_message(messages, said, sizeof said);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		/* a shell script's "command not found", or a wrapper's */
		s = missing(program, ENOENT, err);
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		s = uc_error_set(err, UC_ERR_TOOL, NULL, 0,
				 _("Graphviz's '%s' failed (status %d): %s"), program,
				 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
				 said[0] ? said : _("it gave no message"));
	else
		s = copy_picture(picture, out, err);
done:
	if (picture)
		fclose(picture);
	if (dot_text)
		fclose(dot_text);
	if (messages)
		fclose(messages);
	free(type);
	return s;
}
