// 「印刷する」 on the certificate page. The button stays hidden without this file; the browser's
// own print command gives the same result through the theme's print stylesheet.
(function () {
  "use strict";
  var button = document.getElementById("print-certificate");
  if (!button || typeof window.print !== "function") return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
