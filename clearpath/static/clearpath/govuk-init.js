// Starts GOV.UK Frontend's components on every page. A file, not inline script, so the
// Content-Security-Policy can refuse all inline script (docs/running.md, "Security headers").
import { initAll } from "../vendor/govuk/js/govuk-frontend.min.js";

initAll();
