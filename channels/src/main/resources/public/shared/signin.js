/*!
 * Kefu pages: signing in with a bearer token (the agent desk, the trainer console). The token is
 * entered once, checked against the server together with reading the server's meta (limits and
 * labels), kept in this browser tab only (sessionStorage) and forgotten on sign-out, or as soon as
 * the server refuses it.
 */
import { loadMeta } from './api.js';
import { busy } from './dom.js';

export class SignIn {
  /**
   * @param kind "agent" or "trainer": names the stored token and the line of the demo token file
   *     (KEFU_<KIND>_TOKENS=name:token) that may be pasted whole
   * @param api the page's Api: its token is set here, and a 401 signs out
   * @param els the sign-in view: {view, form, input, error, button, signOut}
   * @param shown the elements shown only while signed in
   * @param check () => the API call that proves the token (resolves with what onSignedIn gets)
   * @param onSignedIn (profile, meta) => the page shows itself
   * @param onSignedOut () => the page clears everything it showed
   * @param mayLeave () => whether the sign-out button may sign out now (unsaved work), optional
   */
  constructor({ kind, api, els, shown, check, onSignedIn, onSignedOut, mayLeave }) {
    Object.assign(this, { kind, api, els, shown, check, onSignedIn, onSignedOut });
    this.key = 'kefu.' + kind + 'Token';
    this.line = new RegExp('^KEFU_' + kind.toUpperCase() + '_TOKENS=[^:\\s]+:(\\S+)$');
    api.onUnauthorized = (e) => this.signOut('You were signed out: ' + e.message);
    els.form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(els.button, () => this.signIn(els.input.value));
    });
    els.input.addEventListener('input', () => els.input.setAttribute('aria-invalid', 'false'));
    els.signOut.addEventListener('click', () => { if (!mayLeave || mayLeave()) this.signOut(''); });
  }

  /** Signs in with the token kept in this tab, or shows the sign-in form. */
  start() {
    const saved = this.storage('getItem');
    if (saved) this.signIn(saved).then((ok) => { if (!ok) this.storage('removeItem'); });
    else this.showForm('');
  }

  /** Checks the token (a pasted demo file line counts as its token); answers whether it was accepted. */
  async signIn(candidate) {
    let value = String(candidate || '').trim();
    const line = this.line.exec(value);
    if (line) value = line[1];
    if (!value) {
      this.showForm('Enter your ' + this.kind + ' token.');
      return false;
    }
    this.api.token = value;
    let meta, profile;
    try {
      [meta, profile] = await Promise.all([loadMeta(), this.check()]);
    } catch (e) {
      this.api.token = null;
      this.showForm(e.message);
      return false;
    }
    this.storage('setItem', value);
    const els = this.els;
    els.view.hidden = true;
    els.error.textContent = '';
    els.input.value = '';
    els.input.setAttribute('aria-invalid', 'false');
    for (const el of this.shown) el.hidden = false;
    this.onSignedIn(profile, meta);
    return true;
  }

  /** Forgets the token, clears the page and shows the sign-in form with the message. */
  signOut(message) {
    this.api.token = null;
    this.storage('removeItem');
    this.onSignedOut();
    this.showForm(message);
  }

  showForm(message) {
    const els = this.els;
    for (const el of this.shown) el.hidden = true;
    els.view.hidden = false;
    els.error.textContent = message || '';
    els.input.setAttribute('aria-invalid', message ? 'true' : 'false');
    els.input.focus();
  }

  /** sessionStorage, this tab only; a browser without it signs in again on every load. */
  storage(method, value) {
    try {
      return window.sessionStorage[method](this.key, value);
    } catch (e) {
      return null; // storage unavailable
    }
  }
}
