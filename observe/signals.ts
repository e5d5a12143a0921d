// The signals that stop a run cleanly (everything it made removed, one line said), and the exit
// code each gives: 128 + its number, as a shell reports a process it killed.

/** Exit code of a run stopped by each signal it handles. */
export const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143 };
