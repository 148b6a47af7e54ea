// "Your certificate is being prepared…": asks every few seconds whether the PDF is ready, then shows the link.
(function () {
  "use strict";
  document.querySelectorAll("[data-certificate-status]").forEach(function (note) {
    var link = note.parentNode.querySelector("[data-certificate-ready]");
    var tries = 0;
    function check() {
      tries += 1;
      fetch(note.dataset.certificateStatus, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (state && state.state === "ready") {
            note.remove();
            if (link) { link.hidden = false; }
          } else if (state && state.state === "failed") {
            // The message, in the page's language, comes from the template (certificate_download.html).
            note.textContent = note.dataset.certificateFailed;
          } else if (tries < 60) {
            window.setTimeout(check, 3000);
          }
        })
        .catch(function () { if (tries < 60) { window.setTimeout(check, 5000); } });
    }
    window.setTimeout(check, 1500);
  });
})();
