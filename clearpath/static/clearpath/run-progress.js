// While a payment run is working, fetch its page every few seconds and show the new progress in
// place (the region is aria-live, so screen readers hear it). Without JavaScript the page has a
// "Check again" link instead. When the run finishes or stops, the whole page is reloaded once.
const region = document.getElementById("run-progress");

async function poll() {
  const url = region && region.dataset.refresh;
  if (!url) return;
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("run-progress");
    if (!fresh || !fresh.dataset.refresh) {
      window.location.reload();
      return;
    }
    region.innerHTML = fresh.innerHTML;
  } catch (e) {
    // A missed look is fine: try again next time.
  }
  window.setTimeout(poll, 5000);
}

window.setTimeout(poll, 5000);
