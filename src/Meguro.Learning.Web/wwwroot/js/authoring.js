// Live preview for the course editor (progressive enhancement: without this file the
// "プレビュー" button posts the form and the page comes back with the preview).
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  var text = document.getElementById("text");
  var region = document.getElementById("preview-region");
  if (!form || !text || !region || !window.fetch || !window.FormData) return;
  var url = form.getAttribute("data-preview-url");
  var tokenField = form.querySelector("input[name='__RequestVerificationToken']");
  var timer = null;
  var sequence = 0;

  function refresh() {
    var mine = ++sequence;
    var body = new FormData(form);
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "RequestVerificationToken": tokenField ? tokenField.value : "" }
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.text();
    }).then(function (html) {
      if (mine === sequence) region.innerHTML = html;
    }).catch(function () {
      // Keep the last preview; the "プレビュー" button still works.
    });
  }

  text.addEventListener("input", function () {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 500);
  });
  refresh();
})();
