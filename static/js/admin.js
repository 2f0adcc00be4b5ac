"use strict";
// The admin for Redaksjon: names for the searchable lists (Select2) so screen readers and
// axe know what each is, and links in the error summary that land in the field.
{
  const labelFor = (select) => select.id && document.querySelector(`label[for="${select.id}"]`);

  const nameSelect2 = (select) => {
    const container = select.nextElementSibling;
    if (!container || !container.classList.contains("select2")) {
      return;
    }
    const label = labelFor(select);
    const name = label ? label.textContent.replace(/:\s*$/, "").trim() : select.name;
    const selection = container.querySelector(".select2-selection");
    if (label && selection) {
      label.id = label.id || `${select.id}_etikett`;
      // The field's label, then what is chosen (a single choice shows it in the box).
      const shown = container.querySelector(".select2-selection--single .select2-selection__rendered");
      const ids = shown ? `${label.id} ${shown.id}` : label.id;
      if (shown && shown.hasAttribute("role")) {
        // Select2 calls the chosen text a read-only textbox with no name; it is just text.
        shown.removeAttribute("role");
        shown.removeAttribute("aria-readonly");
      }
      if (selection.getAttribute("aria-labelledby") !== ids) {
        selection.setAttribute("aria-labelledby", ids);
      }
    }
    const search = container.querySelector(".select2-search__field");
    if (search && search.getAttribute("aria-label") !== `Søk i ${name.toLowerCase()}`) {
      search.setAttribute("aria-label", `Søk i ${name.toLowerCase()}`);
    }
    // «×» to clear all sits in the list of choices; a list may only hold list items.
    const list = container.querySelector("ul.select2-selection__rendered");
    if (list) {
      for (const child of Array.from(list.children)) {
        if (child.tagName !== "LI") {
          const item = document.createElement("li");
          item.className = "select2-selection__clear-item";
          list.insertBefore(item, child);
          item.appendChild(child);
        }
      }
    }
  };

  const nameAll = () => {
    document.querySelectorAll("select.admin-autocomplete").forEach(nameSelect2);
  };

  // Where to put the cursor when the summary links to a field Select2 has hidden.
  const focusTarget = (element) => {
    if (element.classList.contains("select2-hidden-accessible")) {
      const container = element.nextElementSibling;
      return (
        container?.querySelector(".select2-search__field") ||
        container?.querySelector(".select2-selection") ||
        element
      );
    }
    return element;
  };

  document.addEventListener("DOMContentLoaded", () => {
    nameAll();
    // Select2 starts after this script and redraws on every change.
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });

    const summary = document.querySelector(".feiloppsummering");
    if (summary) {
      summary.focus();
      summary.addEventListener("click", (event) => {
        const link = event.target.closest("a[href^='#']");
        const field = link && document.getElementById(link.getAttribute("href").slice(1));
        if (!field) {
          return;
        }
        event.preventDefault();
        const row = field.closest(".form-row, tr") || field;
        row.scrollIntoView({ block: "center" });
        focusTarget(field).focus({ preventScroll: true });
      });
    }
  });
}
