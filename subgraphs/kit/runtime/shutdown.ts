/**
 * Runs `shutdown` once, on the first SIGTERM or SIGINT (a later signal while it drains changes nothing). Listeners
 * are added with `on`, not `once`: a library that re-raises a signal it handled (Apollo Server's
 * stopOnTerminationSignals did) must find ours still there, not the default action that kills the process mid-drain.
 */
export function onTerminationSignal(shutdown: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void shutdown(signal);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}
