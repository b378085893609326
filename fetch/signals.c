/* signals.c - SIGINT/SIGTERM end a run cleanly: no new transfers, the
 * ones in flight are abandoned (their URLs stay queued), the archive is
 * completed and the state committed. A second signal kills at once:
 * the state database and the archive survive that too (see state.c). */
#include "fetch.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	if (stop_signal) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	stop_signal = sig;
}

void pnf_signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int pnf_interrupted(void)
{
	return stop_signal;
}
