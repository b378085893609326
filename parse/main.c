/* main.c - pn-parse placeholder until the stage lands. */
#include "pn.h"

int main(int argc, char **argv)
{
	(void)argc;
	pn_setprogname(argv[0]);
	pn_die(PN_EXIT_INTERNAL, "not implemented yet");
}
