/*!
 * Kefu agent desk: how times and waits are written.
 */
import { h } from '/shared/dom.js';

/** "42 s", "3 min 05 s", "1 h 02 min". */
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return s + ' s';
  const m = Math.floor(s / 60);
  if (m < 60) return m + ' min ' + String(s % 60).padStart(2, '0') + ' s';
  return Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0') + ' min';
}

/** A <time> showing hours and minutes (the full date as its title), or null for no valid time. */
export function timeEl(iso) {
  const d = new Date(iso);
  if (!iso || isNaN(d)) return null;
  return h('time', { datetime: iso, title: d.toLocaleString(), text: d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) });
}
