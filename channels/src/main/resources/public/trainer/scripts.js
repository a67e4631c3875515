/*!
 * Kefu trainer console, the Scripts tab: the marketing script library as one YAML file (saved
 * whole, live at once) and a preview of the lines a shopper would be offered, from the editor's
 * text, saved or not.
 */
import { $, busy, clearBox, h, plural, showError, showOk } from '/shared/dom.js';
import { ApiError, label } from '/shared/api.js';
import { KB, api, meta, onShow } from './console.js';

const SCRIPTS = '/api/v1/scripts';
const ui = {};
/** The library in the editor: the text last loaded or saved (null before the first load). */
const scripts = { saved: null, loading: false, products: false };

/** Whether the editor holds changes not saved. */
export function scriptsDirty() {
  return scripts.saved !== null && ui.scriptsYaml.value !== scripts.saved;
}

export function confirmDiscardScripts() {
  return !scriptsDirty() || window.confirm('Discard your unsaved changes to the script library?');
}

/** Shows whether the editor holds unsaved changes (next to the heading and on the tab). */
function markScripts() {
  const changed = scriptsDirty();
  ui.scriptsUnsaved.hidden = !changed;
  ui.scriptsState.textContent = scripts.saved === null ? '' : changed ? 'Unsaved changes' : 'Saved, live';
  ui.scriptsState.classList.toggle('changed', changed);
}

function openScripts() {
  if (scripts.saved === null) loadScripts();
  if (!scripts.products) loadProducts();
}

/** Loads the live library into the editor; the trainer confirms first when that discards edits. */
async function loadScripts(confirmFirst) {
  if (scripts.loading || (confirmFirst && !confirmDiscardScripts())) return;
  scripts.loading = true;
  ui.scriptsYaml.setAttribute('aria-busy', 'true');
  clearBox(ui.scriptsStatus);
  let yaml;
  try {
    yaml = await api.call('GET', SCRIPTS, undefined, { text: true, accept: 'application/yaml, application/json' });
  } catch (e) {
    showError(ui.scriptsStatus, e);
    return;
  } finally {
    scripts.loading = false;
    ui.scriptsYaml.removeAttribute('aria-busy');
  }
  if (!api.token) return; // signed out meanwhile
  clearScriptErrors();
  ui.scriptsYaml.value = yaml;
  scripts.saved = yaml;
  markScripts();
  if (confirmFirst) showOk(ui.scriptsStatus, 'Reloaded the live library.');
}

/** Offers the store's products as suggestions for the preview's product id. */
async function loadProducts() {
  scripts.products = true;
  let page;
  try { page = await api.call('GET', KB + '/entries?type=product&limit=' + meta().limits.maxPageSize); } catch (e) { scripts.products = false; return; }
  ui.previewProducts.replaceChildren(...page.entries.map((e) => h('option', { value: e.id, label: e.title })));
}

function clearScriptErrors() {
  clearBox(ui.scriptsErrors);
  ui.scriptsErrors.hidden = true;
  ui.scriptsYaml.setAttribute('aria-invalid', 'false');
}

function showScriptErrors(err) {
  showError(ui.scriptsErrors, err);
  ui.scriptsYaml.setAttribute('aria-invalid', 'true');
  ui.scriptsErrors.focus({ preventScroll: false });
}

async function saveScripts() {
  if (scripts.saved === null) return; // nothing loaded: never replace the library with an empty editor
  clearScriptErrors();
  clearBox(ui.scriptsStatus);
  const yaml = ui.scriptsYaml.value;
  const bytes = new TextEncoder().encode(yaml).length;
  const most = meta().limits.maxScriptBytes;
  if (bytes > most) {
    showScriptErrors(new ApiError(0, 'PAYLOAD_TOO_LARGE', 'The library is ' + Math.ceil(bytes / 1024) +
      ' KiB; at most ' + Math.floor(most / 1024) + ' KiB can be saved. Nothing was changed.', []));
    return;
  }
  await busy(ui.scriptsSave, async () => {
    let r;
    try {
      r = await api.call('PUT', SCRIPTS, yaml, { contentType: 'application/yaml' });
    } catch (e) {
      showScriptErrors(e);
      return;
    }
    scripts.saved = yaml;
    markScripts();
    const experiments = r.experiments || [];
    showOk(ui.scriptsStatus, 'Saved: ' + plural(r.scripts, 'script') +
      (experiments.length ? ' (experiments: ' + experiments.join(', ') + ')' : '') +
      '. Shoppers get this library from their next message.');
  });
}

function previewRequest() {
  const tags = ui.previewTags.value.split(/[,，]/).map((t) => t.trim()).filter(Boolean);
  const body = { tags: Array.from(new Set(tags)), language: ui.previewLanguage.value };
  const intent = ui.previewIntent.value.trim();
  if (intent) body.intent = intent; // else the server's default
  const product = ui.previewProduct.value.trim();
  if (product) body.productId = product;
  if (scripts.saved !== null) body.yaml = ui.scriptsYaml.value; // the draft, saved or not
  return body;
}

async function preview() {
  const body = previewRequest();
  clearBox(ui.previewStatus);
  await busy(ui.preview, async () => {
    ui.previewResult.setAttribute('aria-busy', 'true');
    let r;
    try {
      r = await api.call('POST', SCRIPTS + '/preview', body);
    } catch (e) {
      ui.previewResult.replaceChildren();
      showError(ui.previewStatus, e);
      return;
    } finally {
      ui.previewResult.removeAttribute('aria-busy');
    }
    renderPreview(r, body);
  });
}

function renderPreview(r, asked) {
  const lang = asked.language === 'zh' ? 'zh-CN' : 'en';
  const shown = r.scripts || [];
  const who = (asked.tags.length ? 'tags ' + asked.tags.join(', ') : 'no tags') +
    (asked.intent ? ', intent ' + asked.intent : ', the default intent') +
    (asked.productId ? ', product ' + asked.productId : ', no product') + ', ' + label(meta().languages, asked.language) +
    (asked.yaml === undefined ? '' : asked.yaml === scripts.saved ? ' (the saved library)' : ' (your unsaved draft)');
  const head = h('p', { class: 'preview-summary hint' },
    shown.length ? plural(shown.length, 'script') + ' for ' + who + ':' : 'For ' + who + '.');
  if (!shown.length) {
    ui.previewResult.replaceChildren(head, h('p', { class: 'empty', text: 'No script would be shown for these tags.' }));
    return;
  }
  const items = shown.map((s) => {
    const position = String(s.position || '').toLowerCase();
    return h('li', { class: 'preview-script', 'data-script-id': s.scriptId },
      h('h3', { class: 'script-id', text: s.scriptId }),
      h('p', { class: 'meta' }, 'Shown ' + label(meta().slotPositions, position), ' · ',
        s.experimentId ? h('span', {}, 'experiment ', h('code', { class: 'experiment-id', text: s.experimentId })) : 'no experiment'),
      h('ul', { class: 'variants', 'aria-label': 'Lines of ' + s.scriptId },
        ...(s.lines || []).map((l) => h('li', { class: 'variant', 'data-variant': l.variant, 'data-stage': l.stage || '', 'data-filled': l.text != null ? 'true' : 'false' },
          h('span', { class: 'variant-id', text: l.variant + (l.stage ? ' · ' + l.stage : '') }),
          l.text != null
            ? h('span', { class: 'line', lang: lang, text: l.text })
            : h('span', { class: 'line absent', text: 'Cannot be filled for this product: not shown.' })))));
  });
  ui.previewResult.replaceChildren(head, h('ol', { class: 'preview-scripts' }, ...items));
}


export function init() {
  Object.assign(ui, {
    scriptsYaml: $('scripts-yaml'), scriptsState: $('scripts-state'), scriptsUnsaved: $('scripts-unsaved'),
    scriptsErrors: $('scripts-errors'), scriptsStatus: $('scripts-status'), scriptsSave: $('scripts-save'),
    previewTags: $('preview-tags'), previewProduct: $('preview-product'), previewProducts: $('preview-products'),
    previewIntent: $('preview-intent'), previewLanguage: $('preview-language'), preview: $('preview'),
    previewStatus: $('preview-status'), previewResult: $('preview-result')
  });
  $('scripts-form').addEventListener('submit', (e) => { e.preventDefault(); saveScripts(); });
  ui.scriptsYaml.addEventListener('input', () => {
    markScripts();
    if (ui.scriptsYaml.getAttribute('aria-invalid') === 'true') ui.scriptsYaml.setAttribute('aria-invalid', 'false');
  });
  $('scripts-reload').addEventListener('click', () => loadScripts(true));
  $('preview-form').addEventListener('submit', (e) => { e.preventDefault(); preview(); });
  onShow('scripts', openScripts);
}

/** Signed in: the preview offers the languages the server answers in, each named in itself. */
export function start() {
  const chosen = ui.previewLanguage.value;
  ui.previewLanguage.replaceChildren(...meta().languages.map((l) =>
    h('option', { value: l.code, lang: l.code, text: (l.label[l.code] || l.label.en) + ' (' + l.code + ')' })));
  if (chosen) ui.previewLanguage.value = chosen;
}

/** Signed out: nothing of the library stays on screen. */
export function clear() {
  scripts.saved = null;
  scripts.products = false;
  ui.scriptsYaml.value = '';
  clearScriptErrors();
  markScripts();
  ui.previewResult.replaceChildren();
  ui.previewProducts.replaceChildren();
  clearBox(ui.scriptsStatus);
  clearBox(ui.previewStatus);
}
