/* input_stdin.c - give back the bytes read from stdin to tell WARC from
 * HTML, so the WARC reader (which opens fd 0 itself) streams from the
 * start. A child process writes the head and then copies the rest of
 * stdin into a pipe that becomes our fd 0: nothing is buffered whole. */
#include <errno.h>
#include <unistd.h>
#include "pn.h"
#include "input.h"

static bool is_write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static _Noreturn void is_feed(int fd, const char *head, size_t n)
{
	char buf[65536];
	if (!is_write_all(fd, head, n))
		_exit(1);
	for (;;) {
		ssize_t r = read(STDIN_FILENO, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			_exit(r < 0);
		if (!is_write_all(fd, buf, (size_t)r))
			_exit(1);
	}
}

int pnp_in_stdin_unread(const char *head, size_t n)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	fflush(NULL); /* the child must not write our buffered output again */
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(fds[0]);
		close(fds[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		is_feed(fds[1], head, n);
	}
	close(fds[1]);
	if (dup2(fds[0], STDIN_FILENO) < 0) {
		int e = errno;
		close(fds[0]);
		errno = e;
		return -1;
	}
	close(fds[0]);
	return 0;
}
