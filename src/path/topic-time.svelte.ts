import { ActiveTimer } from './active-timer';

/**
 * Reports the time a topic page is visible: every `flushMs`, when the tab hides, and on stop.
 * Returns the stop function (for `$effect` cleanup).
 */
export function trackTopicTime(report: (ms: number) => void, flushMs = 15_000, doc: Document = document): () => void {
  const timer = new ActiveTimer();
  const flush = () => {
    const ms = timer.take();
    if (ms > 0) report(ms);
  };
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') timer.resume();
    else {
      timer.pause();
      flush();
    }
  };
  if (doc.visibilityState === 'visible') timer.resume();
  doc.addEventListener('visibilitychange', onVisibility);
  const interval = setInterval(flush, flushMs);
  return () => {
    clearInterval(interval);
    doc.removeEventListener('visibilitychange', onVisibility);
    timer.pause();
    flush();
  };
}
