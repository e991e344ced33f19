// Live running total for the support plan form. The page works without it: the server
// works out the same total when the plan is saved. Weekly conversions match domain/money.py.
const PER_WEEK = { weekly: 1, fortnightly: 1 / 2, four_weekly: 1 / 4, monthly: 12 / 52, annually: 1 / 52 };
const script = document.currentScript || document.querySelector("script[data-indicative]");
const indicative = Number(script.dataset.indicative);
const pounds = (n) => "£" + n.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function update() {
  let total = 0;
  document.querySelectorAll("[data-plan-line]").forEach((line) => {
    const cost = Number((line.querySelector("[data-unit-cost]").value || "").replace(/[£,]/g, ""));
    const qty = Number(line.querySelector("[data-quantity]").value || "");
    const per = PER_WEEK[line.querySelector("[data-frequency]").value] || 1;
    if (cost > 0 && qty > 0) total += Math.round(cost * qty * per * 100) / 100;
  });
  document.querySelector("[data-plan-total]").textContent = pounds(total);
  const diff = total - indicative;
  document.querySelector("[data-plan-difference]").textContent = diff > 0
    ? `The plan is ${pounds(diff)} over the indicative budget.`
    : `${pounds(-diff)} left to plan.`;
}
document.getElementById("plan-form").addEventListener("input", update);
