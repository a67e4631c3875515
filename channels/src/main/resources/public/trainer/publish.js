/*!
 * Kefu trainer console, the publish bar in the header: how many changes shoppers do not see yet,
 * and publishing the working copy as a new release.
 */
import { $, busy, clearBox, plural, showError, showOk } from '/shared/dom.js';
import { KB, api, emit, on, when } from './console.js';
import { hasUnsavedEntry } from './knowledge.js';

const ui = {};

/** Shows the number of unpublished changes and the live release. */
export async function refreshPublications() {
  let data;
  try {
    data = await api.call('GET', KB + '/publications');
  } catch (e) {
    if (e.status !== 401) ui.unpublished.textContent = 'Publication state unknown';
    return;
  }
  const n = Number(data.unpublishedRevisions) || 0;
  const last = data.publications[data.publications.length - 1];
  ui.unpublished.textContent = n === 0 ? 'Everything is published' : plural(n, 'unpublished change');
  ui.unpublished.dataset.count = String(n);
  ui.unpublished.title = last ? 'Live: release ' + last.number + ' by ' + last.author + ', ' + when(last.at) : '';
  ui.publishBar.classList.toggle('has-changes', n > 0);
}

async function publish() {
  clearBox(ui.publishStatus);
  await busy(ui.publish, async () => {
    let p;
    try {
      p = await api.call('POST', KB + '/publish');
    } catch (e) {
      showError(ui.publishStatus, e);
      return;
    }
    showOk(ui.publishStatus, p.changed === false
      ? 'Nothing new to publish: release ' + p.number + ' (' + plural(p.entries, 'entry', 'entries') + ') is live.'
      : 'Published release ' + p.number + ' (' + plural(p.entries, 'entry', 'entries') + ') in ' + p.tookMs + ' ms' +
        (hasUnsavedEntry() ? '; your unsaved edits in the editor are not part of it.' : '.'));
    refreshPublications();
    emit('published');
  });
}

export function init() {
  Object.assign(ui, {
    publishBar: $('publish-bar'), unpublished: $('unpublished'), publish: $('publish'), publishStatus: $('publish-status')
  });
  ui.publish.addEventListener('click', publish);
  on('knowledge-changed', refreshPublications);
}

export function start() {
  clearBox(ui.publishStatus);
  refreshPublications();
}

export function clear() {
  clearBox(ui.publishStatus);
  ui.unpublished.textContent = '';
}
