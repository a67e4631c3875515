/*!
 * Kefu trainer console, the Import / export tab: the whole knowledge as JSON Lines. An import is
 * checked whole first (every problem listed, nothing imported), then becomes the working copy.
 */
import { $, busy, clearBox, h, plural, showError, showOk } from '/shared/dom.js';
import { ApiError } from '/shared/api.js';
import { KB, api, emit } from './console.js';
import { firstPage, reopenIfClean } from './knowledge.js';

const ui = {};
async function importFile() {
  clearBox(ui.importResult);
  const file = ui.importFile.files && ui.importFile.files[0];
  if (!file) {
    showError(ui.importResult, new ApiError(0, 'INVALID_FORM', 'Choose a JSON Lines file first.', []));
    ui.importFile.focus();
    return;
  }
  const publishToo = ui.importPublish.checked;
  if (!window.confirm('Import ' + file.name + '? The working copy becomes exactly this file: entries missing ' +
    'from it are deleted.' + (publishToo ? ' Shoppers see the result right away.' : ' Nothing is published yet.'))) return;
  await busy(ui.import, async () => {
    let text;
    try { text = await file.text(); } catch (e) {
      showError(ui.importResult, new ApiError(0, 'READ_FAILED', 'Cannot read ' + file.name + '.', []));
      return;
    }
    let r;
    try {
      r = await api.call('POST', KB + '/import' + (publishToo ? '?publish=true' : ''), text);
    } catch (e) {
      showError(ui.importResult, e);
      return;
    }
    let summary = 'Imported ' + file.name + ': ' + r.created + ' created, ' + r.updated + ' updated, ' +
      r.deleted + ' deleted, ' + r.unchanged + ' unchanged.';
    if (r.published) {
      summary += r.published.changed === false ? ' Nothing new to publish.'
        : ' Published release ' + r.published.number + ' (' + plural(r.published.entries, 'entry', 'entries') +
          ') in ' + r.published.tookMs + ' ms.';
    } else if (r.created + r.updated + r.deleted > 0) {
      summary += ' Publish to let shoppers see the changes.';
    }
    showOk(ui.importResult, summary);
    firstPage();
    emit('knowledge-changed');
    reopenIfClean();
  });
}

async function exportFile() {
  clearBox(ui.exportStatus);
  const published = ui.exportPublished.checked;
  await busy(ui.export, async () => {
    let blob;
    try {
      blob = await api.call('GET', KB + '/export' + (published ? '?published=true' : ''), undefined, { blob: true });
    } catch (e) {
      showError(ui.exportStatus, e);
      return;
    }
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    const name = 'kefu-knowledge-' + (published ? 'published-' : '') + stamp + '.jsonl';
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    showOk(ui.exportStatus, 'Downloaded ' + name + ' (' + Math.max(1, Math.round(blob.size / 1024)) + ' KB).');
  });
}


export function init() {
  Object.assign(ui, {
    importFile: $('import-file'), importPublish: $('import-publish'), import: $('import'), importResult: $('import-result'),
    exportPublished: $('export-published'), export: $('export'), exportStatus: $('export-status')
  });
  $('import-form').addEventListener('submit', (e) => { e.preventDefault(); importFile(); });
  ui.export.addEventListener('click', exportFile);
}

export function clear() {
  clearBox(ui.importResult);
  clearBox(ui.exportStatus);
}
