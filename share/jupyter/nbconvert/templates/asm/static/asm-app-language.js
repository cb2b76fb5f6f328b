// The language switch of an app page: the other edition's link gets this page's query (so
// ?participant= and the participant's answers follow), the page's <html lang> says its language
// (the "kernel gone" notice reads it), and the choice is kept for the landing page.
(function () {
  "use strict";
  var LANGUAGE_KEY = "asm-workshop.language";  // the landing page's key (asm-landing.js)
  var nav = document.querySelector("[data-asm-page-language]");
  if (!nav) { return; }
  document.documentElement.lang = nav.dataset.asmPageLanguage;
  nav.querySelectorAll("[data-asm-switch]").forEach(function (link) {
    var address = new URL(link.getAttribute("href"), window.location.href);
    address.search = window.location.search;
    link.setAttribute("href", address.pathname + address.search);
    link.addEventListener("click", function () {
      try { window.localStorage.setItem(LANGUAGE_KEY, link.dataset.asmSwitch); } catch (error) { /* still follows */ }
    });
  });
}());
