// The control form of one screen, generated from the server's own config schema
// (GET /api/schema, docs/http-api.md "Changing a screen at runtime"): every key of section
// "screen" that can change at runtime gets an input of its kind, filled with the running value
// from GET /api/config. Apply POSTs only the keys the user changed to /api/screens/NAME and
// puts the server's per-key errors next to their fields.
//
// Every field reads and writes text in the syntax of --set overrides, as /api/config gives it,
// so "changed" is a plain text comparison with what the form was filled with.

import { describeFailure, getJson, postJson } from './api.js';

let schemaPromise = null;

/**
 * The screen keys of /api/schema and the source kinds of /api/sources, fetched once per page.
 * Resolves to { keys: [...schema entries, `name` = the key without "screens.*."], sources }
 * or rejects with the reason in words.
 */
export function loadSchema() {
  schemaPromise ??= Promise.all([getJson('/api/schema'), getJson('/api/sources')])
    .then(([schema, sources]) => {
      if (!schema.ok) throw new Error(`/api/schema: ${describeFailure(schema)}`);
      const keys = (schema.body?.keys ?? [])
        .filter((k) => k.section === 'screen' && k.runtime)
        .map((k) => ({ ...k, name: k.key.replace(/^screens\.\*\./, '') }));
      return { keys, sources: sources.ok ? normalizeSources(sources.body) : [] };
    });
  schemaPromise.catch(() => { schemaPromise = null; }); // a later call tries again
  return schemaPromise;
}

// /api/sources gives the source kinds with their syntax; accept a list or { sources: [...] },
// entries as strings or objects, so the picker works with any of those spellings.
function normalizeSources(body) {
  const list = Array.isArray(body) ? body : body?.sources ?? body?.kinds ?? [];
  return list.map((s) => (typeof s === 'string'
    ? { kind: s, syntax: s, help: '' }
    : { kind: s.kind ?? s.name, syntax: s.syntax ?? s.usage ?? '', help: s.help ?? s.description ?? '',
        example: s.example ?? '' }))
    .filter((s) => s.kind);
}

function el(tag, props = {}, children = []) {
  const e = Object.assign(document.createElement(tag), props);
  for (const c of children) e.append(c);
  return e;
}

function numberInput(entry, extra = {}) {
  const input = el('input', { type: 'number', ...extra });
  input.step = entry.kind === 'integer' ? '1' : 'any';
  if (entry.min !== undefined) input.min = String(entry.min);
  if (entry.max !== undefined) input.max = String(entry.max);
  return input;
}

// A group of number inputs for a value written "a,b,c" (crop, white balance).
function numberGroup(entry, labels, emptyMeansNone) {
  const inputs = labels.map((l) => numberInput(entry, { placeholder: l, title: l,
                                                        className: 'small' }));
  const wrap = el('span', { className: 'group' }, inputs);
  return {
    input: wrap,
    focus: inputs[0],
    get: () => {
      const v = inputs.map((i) => i.value.trim());
      return emptyMeansNone && v.every((x) => x === '') ? '' : v.join(',');
    },
    set: (text) => {
      const parts = text === '' ? [] : String(text).split(',').map((p) => p.trim());
      inputs.forEach((i, k) => { i.value = parts[k] ?? ''; });
    },
  };
}

// Source: a kind from /api/sources and its argument, written KIND or KIND:ARG (a prometheus
// size comes as KIND@WxH or KIND:FILE@WxH, so an argument that starts with "@" is glued on).
function sourcePicker(sources, hint) {
  const kind = el('select', { className: 'source-kind', title: 'source kind' });
  for (const s of sources) kind.append(el('option', { value: s.kind, textContent: s.kind }));
  const arg = el('input', { type: 'text', className: 'source-arg', placeholder: 'argument',
                            title: 'argument (after the colon)', spellcheck: false });
  const showSyntax = () => {
    const s = sources.find((x) => x.kind === kind.value);
    hint.textContent = s ? [s.syntax, s.help].filter(Boolean).join(' — ') : '';
  };
  kind.addEventListener('change', showSyntax);
  return {
    input: el('span', { className: 'group' }, [kind, arg]),
    focus: arg,
    get: () => {
      const a = arg.value.trim();
      return a === '' ? kind.value : a.startsWith('@') ? kind.value + a : `${kind.value}:${a}`;
    },
    set: (text) => {
      const m = /^([^:@]*)([:@]?)(.*)$/s.exec(String(text));
      if (![...kind.options].some((o) => o.value === m[1])) {
        kind.append(el('option', { value: m[1], textContent: m[1] }));
      }
      kind.value = m[1];
      arg.value = m[2] === '@' ? `@${m[3]}` : m[3];
      showSyntax();
    },
  };
}

function colorPicker() {
  const color = el('input', { type: 'color' });
  const none = el('input', { type: 'checkbox', title: 'empty: as the base' });
  return {
    input: el('span', { className: 'group' }, [color, el('label', {}, [none, ' none'])]),
    focus: color,
    get: () => (none.checked ? '' : color.value),
    set: (text) => {
      none.checked = text === '';
      if (text) color.value = text;
    },
  };
}

// The input for one schema entry: { input (element), focus (element), get(), set(text) }.
function makeInput(entry, sources, hint) {
  if (entry.name === 'source' && sources.length) return sourcePicker(sources, hint);
  if (entry.allowed?.length) {
    const select = el('select');
    for (const a of entry.allowed) select.append(el('option', { value: a, textContent: a }));
    return {
      input: select, focus: select, get: () => select.value,
      set: (text) => {
        if (![...select.options].some((o) => o.value === text)) {
          select.append(el('option', { value: text, textContent: text }));
        }
        select.value = text;
      },
    };
  }
  switch (entry.kind) {
    case 'boolean': {
      const box = el('input', { type: 'checkbox' });
      return { input: box, focus: box, get: () => (box.checked ? 'true' : 'false'),
               set: (text) => { box.checked = String(text) === 'true'; } };
    }
    case 'integer':
    case 'real': {
      const input = numberInput(entry);
      return { input, focus: input, get: () => input.value.trim(),
               set: (text) => { input.value = text; } };
    }
    case 'crop': return numberGroup(entry, ['x', 'y', 'w', 'h'], true);
    case 'rgb': return numberGroup(entry, ['r', 'g', 'b'], false);
    case 'color': return colorPicker();
    default: { // string, string_list ("a,b,c") and anything newer: text as the server writes it
      const input = el('input', { type: 'text', spellcheck: false });
      if (entry.kind === 'string_list') input.placeholder = 'a,b,c';
      return { input, focus: input, get: () => input.value.trim(),
               set: (text) => { input.value = text; } };
    }
  }
}

export class ScreenForm {
  /**
   * The form of screen `name`, built in `container` from loadSchema()'s `schema`. `onApplied`
   * (optional) is called after a successful change, so the page can refresh what it shows.
   */
  constructor(container, name, schema, onApplied = null) {
    this.name = name;
    this.onApplied = onApplied;
    this.fields = new Map(); // key name -> { row, error, get, set, initial }
    this.form = el('form', { className: 'screen-form', noValidate: true });
    this.form.dataset.screen = name;
    for (const entry of schema.keys) {
      const id = `f-${name}-${entry.name}`.replace(/[^\w-]/g, '_');
      const hint = el('small', { className: 'hint', textContent: entry.help ?? '' });
      const control = makeInput(entry, schema.sources, hint);
      control.focus.id = id;
      const label = el('label', { htmlFor: id, textContent: entry.name, title: entry.help ?? '' });
      const error = el('span', { className: 'error', role: 'alert' });
      const row = el('div', { className: 'field' },
                     [label, el('div', { className: 'control' }, [control.input, error, hint])]);
      row.dataset.key = entry.name;
      row.dataset.kind = entry.kind;
      row.title = entry.help ?? '';
      this.form.append(row);
      this.fields.set(entry.name, { row, error, ...control, initial: null });
      // Marks the row as edited, so a refresh from the server leaves it alone.
      row.addEventListener('input', () => this.markChanged_(entry.name));
      row.addEventListener('change', () => this.markChanged_(entry.name));
    }
    this.applyButton = el('button', { type: 'submit', textContent: 'Apply', className: 'primary' });
    this.resetButton = el('button', { type: 'button', textContent: 'Undo changes' });
    this.message = el('span', { className: 'message', role: 'status' });
    this.form.append(el('div', { className: 'actions' },
                        [this.applyButton, this.resetButton, this.message]));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.apply();
    });
    this.resetButton.addEventListener('click', () => this.fill(this.values_ ?? {}, true));
    container.append(this.form);
  }

  /**
   * Fills the fields with the screen's values (text, as /api/config gives them). Fields the
   * user is editing keep their text unless `force`.
   */
  fill(values, force = false) {
    this.values_ = values;
    for (const [key, f] of this.fields) {
      if (!(key in values)) continue;
      if (!force && f.initial !== null && f.get() !== f.initial) continue;
      f.set(String(values[key]));
      f.initial = f.get(); // the text as the input writes it back, e.g. a normalised number
      f.row.classList.remove('changed');
      if (force) f.error.textContent = '';
    }
  }

  /** The keys whose text differs from what the form was filled with, as a POST body. */
  changes() {
    const body = {};
    for (const [key, f] of this.fields) {
      if (f.initial !== null && f.get() !== f.initial) body[key] = f.get();
    }
    return body;
  }

  async apply() {
    const body = this.changes();
    for (const f of this.fields.values()) f.error.textContent = '';
    if (Object.keys(body).length === 0) {
      this.say('nothing changed', 'info');
      return;
    }
    this.applyButton.disabled = true;
    this.say('applying…', 'info');
    const r = await postJson(`/api/screens/${encodeURIComponent(this.name)}`, body);
    this.applyButton.disabled = false;
    if (r.ok) {
      this.fill(r.body?.screen ?? { ...this.values_, ...body }, true);
      this.say(`applied: ${Object.keys(body).join(', ')}`, 'ok');
      this.onApplied?.();
      return;
    }
    const errors = Array.isArray(r.body?.errors) ? r.body.errors : [];
    const unplaced = [];
    for (const { key, message } of errors) {
      // The server may name the key with or without its "screens.NAME." prefix.
      const f = this.fields.get(String(key).replace(/^screens\.[^.]+\./, ''));
      if (f) f.error.textContent = message;
      else unplaced.push(`${key}: ${message}`);
    }
    const what = r.status === 400 ? 'not applied' : `not applied (${r.status || 'no answer'})`;
    this.say(`${what}: ${unplaced.length ? unplaced.join('; ') : describeFailure(r)}`, 'bad');
  }

  say(text, tone) {
    this.message.textContent = text;
    this.message.dataset.tone = tone;
  }

  markChanged_(key) {
    const f = this.fields.get(key);
    f.row.classList.toggle('changed', f.initial !== null && f.get() !== f.initial);
  }
}
