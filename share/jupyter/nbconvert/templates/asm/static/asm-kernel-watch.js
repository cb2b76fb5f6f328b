// When the kernel behind this app is gone (culled after a long idle time, crashed, or the server
// restarted), the widgets stop answering without a word: jupyter_server shuts a culled kernel down
// but leaves its websocket open, so the page still believes it is connected. This asks the server
// every few seconds whether the kernel still exists, and also listens to the kernel connection of
// Voila's widget manager. Once the kernel is gone, it shows a plain message in English and French
// with a reload button. Reloading keeps the address, so ?participant= stays and the participant's
// saved answers come back from the answer store.
(function () {
  "use strict";
  var CHECK_EVERY_MS = 5000;
  var GONE_STATUSES = ["dead", "autorestarting", "restarting"];
  var leaving = false;
  var shown = false;
  var serverMisses = 0;

  window.addEventListener("beforeunload", function () { leaving = true; });

  function showGone(reason) {
    if (leaving || shown) { return; }
    shown = true;
    var box = document.getElementById("asm-kernel-gone");
    if (!box) { return; }
    box.dataset.reason = reason;
    box.hidden = false;
    var button = box.querySelector("button");
    button.addEventListener("click", function () { window.location.reload(); });
    button.focus();
  }

  // A 404 means the kernel was culled or shut down, or the server restarted (kernel ids do not
  // survive a restart); two checks in a row with no answer at all mean the server is down.
  function check(kernel) {
    if (shown || leaving) { return; }
    var address = kernel.serverSettings.baseUrl.replace(/\/?$/, "/") + "api/kernels/" + encodeURIComponent(kernel.id);
    fetch(address, { credentials: "same-origin", cache: "no-store" }).then(
      function (response) {
        serverMisses = 0;
        if (response.status === 404) { showGone("kernel-gone"); }
      },
      function () {
        serverMisses += 1;
        if (serverMisses >= 2) { showGone("server-gone"); }
      }
    );
  }

  function watch(kernel) {
    kernel.statusChanged.connect(function (_, status) {
      if (GONE_STATUSES.indexOf(status) >= 0) { showGone("kernel-" + status); }
    });
    kernel.connectionStatusChanged.connect(function (_, status) {
      if (status === "disconnected") { showGone("disconnected"); } else if (status === "connecting") { check(kernel); }
    });
    if (GONE_STATUSES.indexOf(kernel.status) >= 0) { showGone("kernel-" + kernel.status); }
    window.setInterval(function () { check(kernel); }, CHECK_EVERY_MS);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { check(kernel); }
    });
  }

  function waitForApp(triesLeft) {
    var app = window.jupyterapp;
    if (app && app.widgetManagerPromise) {
      app.widgetManagerPromise.promise.then(function (manager) {
        if (manager && manager.kernel) { watch(manager.kernel); }
      });
    } else if (triesLeft > 0) {
      window.setTimeout(function () { waitForApp(triesLeft - 1); }, 200);
    }
  }

  window.addEventListener("load", function () { waitForApp(600); });
}());
