/**
 * Preloaded (`--import`) into gateway processes that tests spawn: if the test process dies without its
 * cleanup running (a per-file timeout, a crash), the gateway notices it was re-parented and kills itself,
 * so no orphan is left holding a port. The timer is unref'd: it never keeps the process alive.
 */
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) process.kill(process.pid, 'SIGKILL');
}, 250).unref();
