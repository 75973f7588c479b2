// The sidebar's filters as plain HTML form controls (mounted by filter_panel.py).
//
// Streamlit calls this function on every run with `data`: the labels, the options and
// the current choice. The form is rebuilt only when its labels or options changed
// (keeping the keyboard focus and the open/closed district list); otherwise only the
// values that differ are set, so typing in the date field is never interrupted. Every
// change sends the whole choice back as the "pick" trigger; Python checks it and reruns
// the page. Text from Python is only ever set as textContent or as an attribute, never
// as HTML.

const el = (tag, attrs = {}, text = null) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) node.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  if (text !== null) node.textContent = text;
  return node;
};

const idFor = (name, i) => `filter-${name}-${i}`;

function checkboxGroup(name, group, extraClass = "") {
  const set = el("fieldset", { class: `filter-group ${extraClass}`.trim() });
  set.append(el("legend", {}, group.label));
  if (group.help) set.append(el("p", { class: "filter-help", id: `filter-${name}-help` }, group.help));
  const list = el("div", { class: "filter-options" });
  group.options.forEach(([value, label], i) => {
    const box = el("input", {
      type: "checkbox", name, value, id: idFor(name, i),
      "aria-describedby": group.help ? `filter-${name}-help` : null,
    });
    const row = el("label", { class: "filter-option", for: idFor(name, i) });
    row.append(box, el("span", {}, label));
    list.append(row);
  });
  set.append(list);
  return set;
}

function selectField(name, field) {
  const wrap = el("div", { class: "filter-field" });
  wrap.append(el("label", { for: `filter-${name}` }, field.label));
  const select = el("select", { name, id: `filter-${name}` });
  for (const [value, label] of field.options) select.append(el("option", { value }, label));
  wrap.append(select);
  return wrap;
}

function districtList(group, open) {
  const details = el("details", { class: "filter-districts", open });
  details.append(el("summary", { class: "filter-districts-summary" }));
  details.append(checkboxGroup("district", group, "filter-scroll"));
  return details;
}

// The controls and their labels; sync() then sets their values.
function build(form, data) {
  form.replaceChildren();
  form.append(el("h2", { class: "filter-title" }, data.title));
  form.append(checkboxGroup("region", data.region));
  form.append(districtList(data.district, form.dataset.districtsOpen === "1"));
  form.append(selectField("metric", data.metric));
  form.append(selectField("period", data.period));
  const asOf = el("div", { class: "filter-field filter-as-of" });
  asOf.append(el("label", { for: "filter-as_of" }, data.as_of.label));
  asOf.append(el("input", { type: "date", name: "as_of", id: "filter-as_of", min: data.as_of.min, max: data.as_of.max }));
  form.append(asOf);
  form.append(checkboxGroup("status", data.status));
  if (data.reset) {
    const reset = el("button", { type: "button", class: "filter-reset" }, data.reset.label);
    reset.addEventListener("click", () => form.send("pick", data.reset.value));
    form.append(reset);
  }
}

// The date field shows only under the period option that asks for a date.
const showDate = (form, period) => {
  form.querySelector(".filter-as-of").hidden = period !== form.asOfOption;
};

// Set the controls to the choice in `data` where they differ (after a rerun they agree).
function sync(form, data) {
  for (const name of ["region", "district", "status"]) {
    for (const box of form.querySelectorAll(`input[name="${name}"]`)) box.checked = data[name].value.includes(box.value);
  }
  for (const name of ["metric", "period"]) {
    if (form.elements[name].value !== data[name].value) form.elements[name].value = data[name].value;
  }
  const date = form.elements.as_of;
  if (data.as_of.value && date.value !== data.as_of.value) date.value = data.as_of.value;
  showDate(form, data.period.value);
  form.querySelector(".filter-districts-summary").textContent = data.district.summary;
}

// A date being typed passes through dates outside the allowed range (year 0002...):
// those are not sent.
const outOfRange = (input) => input.value !== "" && (input.value < input.min || input.value > input.max);

function choice(form) {
  const checked = (name) => Array.from(form.querySelectorAll(`input[name="${name}"]:checked`), (b) => b.value);
  return {
    region: checked("region"),
    district: checked("district"),
    metric: form.elements.metric.value,
    period: form.elements.period.value,
    as_of: form.elements.as_of.value || null,
    status: checked("status"),
  };
}

export default function ({ parentElement, data, setTriggerValue }) {
  let form = parentElement.querySelector("form.filter-panel");
  if (!form) {
    form = el("form", { class: "filter-panel", novalidate: true });
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("toggle", (event) => {
      if (event.target.matches("details")) form.dataset.districtsOpen = event.target.open ? "1" : "0";
    }, true);
    form.addEventListener("change", (event) => {
      if (event.target.name === "as_of" && outOfRange(event.target)) return;
      if (event.target.name === "period") showDate(form, event.target.value);
      form.send("pick", choice(form));
    });
    parentElement.append(form);
  }
  form.send = setTriggerValue;
  form.asOfOption = data.as_of.shown_for;
  const structure = JSON.stringify(data, (name, value) => (name === "value" || name === "summary" ? undefined : value));
  if (form.dataset.structure === structure) {
    sync(form, data);
    return;
  }
  const focused = parentElement.querySelector(":focus");
  const focus = focused && focused.id;
  build(form, data);
  sync(form, data);
  form.dataset.structure = structure;
  if (focused) {
    // the same control again; after "Reset filters" (which goes away), the first one
    const again = (focus && form.querySelector(`#${CSS.escape(focus)}`)) || form.querySelector("input, select");
    if (again) again.focus();
  }
}
