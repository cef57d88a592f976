// The close form: the period select offers only the chosen plan's closable periods. Without this
// file every plan's periods are listed, and the service refuses a period the plan cannot close.
document.querySelectorAll("form.close-period").forEach((form) => {
  const plan = form.querySelector("[data-close-plan]");
  const period = form.querySelector("[data-close-period]");
  if (!plan || !period) return;
  // Options are removed and put back rather than hidden: iOS Safari shows hidden options anyway.
  const all = Array.from(period.options);
  const show = () => {
    const chosen = period.value;
    period.replaceChildren(...all.filter((option) => option.dataset.plan === plan.value));
    const keep = all.find((option) => option.dataset.plan === plan.value && option.value === chosen);
    if (keep) period.value = keep.value;
    else if (period.options.length) period.selectedIndex = 0;
  };
  plan.addEventListener("change", show);
  show();
});
