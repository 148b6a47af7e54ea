// Background export page: asks the server every 2 seconds how far the export is, until it is ready or failed.
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box) return;
  var statusUrl = box.getAttribute("data-status-url");
  var INTERVAL = 2000;
  var FINISHED = { done: true, failed: true };

  function part(name) {
    return box.querySelector('[data-export="' + name + '"]');
  }

  function show(state) {
    part("status").textContent = state.status_label;
    part("progress").textContent = state.progress;
    var bar = part("bar");
    bar.max = Math.max(state.rows_total, 1);
    bar.value = state.rows_done;
    bar.textContent = state.progress;
    if (state.status === "done") {
      if (state.download_url) part("ready").querySelector("a").href = state.download_url;
      part("ready").hidden = false;
    }
    if (state.status === "failed") {
      part("error").textContent = state.error;
      part("error").hidden = false;
      part("again").hidden = false;
    }
  }

  function poll() {
    fetch(statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        // Gone or no longer ours (404), or signed out (sent to the login page): asking again will not help.
        if (response.redirected || (response.status >= 400 && response.status < 500)) return null;
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (state) {
        if (!state) return;
        show(state);
        if (!FINISHED[state.status]) window.setTimeout(poll, INTERVAL);
      })
      .catch(function () {
        window.setTimeout(poll, INTERVAL);  // a network hiccup or a server error: try again
      });
  }

  if (!FINISHED[box.getAttribute("data-status")]) window.setTimeout(poll, INTERVAL);
})();
