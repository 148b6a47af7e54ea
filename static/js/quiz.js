// Quiz page: saves each answer as it is given, and counts down the time limit the server enforces.
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form) return;
  var sequence = document.getElementById("sequence");
  var status = document.getElementById("save-status");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var saveUrl = form.getAttribute("data-save-url");
  // The messages come from the page, in the learner's language.
  function message(name) { return form.getAttribute("data-" + name + "-message") || ""; }
  var queue = Promise.resolve();
  var stopped = false;

  function say(text, isError) {
    status.textContent = text;
    status.className = "save-status" + (isError ? " error" : "");
  }

  function answerOf(fieldset) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    data.append("question", fieldset.getAttribute("data-question"));
    fieldset.querySelectorAll("input:checked").forEach(function (input) { data.append("choice", input.value); });
    var text = fieldset.querySelector("textarea");
    if (text) data.append("text", text.value);
    return data;
  }

  function save(fieldset) {
    if (stopped) return;
    // One save at a time, in order: each carries the sequence number the previous one returned.
    queue = queue.then(function () {
      var data = answerOf(fieldset);
      data.append("sequence", sequence.value);
      say(message("saving"));
      return fetch(saveUrl, { method: "POST", body: data, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) {
          return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (result) {
          if (result.ok) {
            sequence.value = result.body.sequence;
            say(message("saved"));
            return;
          }
          say(result.body.error || message("not-saved"), true);
          if (result.body.result_url) { stopped = true; window.location.assign(result.body.result_url); }
          if (result.body.reload) { stopped = true; }
        })
        .catch(function () { say(message("offline"), true); });
    });
  }

  form.querySelectorAll("fieldset.question").forEach(function (fieldset) {
    fieldset.addEventListener("change", function () { save(fieldset); });
    var text = fieldset.querySelector("textarea");
    if (text) {
      var timer = null;
      text.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { save(fieldset); }, 1500);
      });
    }
  });

  // Submitting waits for pending saves so the form carries the latest sequence number.
  var submitting = false;
  form.addEventListener("submit", function (event) {
    if (submitting) return;
    event.preventDefault();
    var submitter = event.submitter;
    queue.then(function () {
      submitting = true;
      if (submitter && submitter.name) {
        var extra = document.createElement("input");
        extra.type = "hidden"; extra.name = submitter.name; extra.value = submitter.value;
        form.appendChild(extra);
      }
      form.submit();
    });
  });

  var clock = document.getElementById("time-left");
  if (clock) {
    var deadline = Date.now() + parseInt(clock.getAttribute("data-seconds-left"), 10) * 1000;
    var tick = function () {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var minutes = Math.floor(left / 60), seconds = left % 60;
      clock.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (left === 60) say(message("one-minute"));
      if (left === 0) { stopped = true; submitting = true; form.submit(); return; }
      setTimeout(tick, 1000);
    };
    tick();
  }
}());
