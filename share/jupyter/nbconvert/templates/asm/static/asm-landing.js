// The landing page: the participant types their name or code once; it is kept in this browser
// (localStorage) and added to every app link as ?participant=<code>, which the kernel reads to
// keep each participant's answers apart. The language chosen here is kept the same way.
(function () {
  "use strict";
  var CODE_KEY = "asm-workshop.participant";
  var LANGUAGE_KEY = "asm-workshop.language";
  var MAX_LENGTH = 40;

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }
  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { /* private browsing: links still work */ }
  }

  // The same rule as asm_workshop.participant.normalise_participant_code, so that the code shown
  // here is the folder the kernel uses: lower case, letters and digits, spaces made "-".
  function normalise(text) {
    var kept = (text || "").normalize("NFC").toLowerCase()
      .replace(/\s/g, "-").replace(/[^\p{L}\p{Nd}_-]/gu, "");
    var code = kept.split("-").filter(Boolean).join("-").slice(0, MAX_LENGTH).replace(/^[-_]+|[-_]+$/g, "");
    return code || null;
  }

  function showLanguage(language) {
    document.documentElement.lang = language;
    document.querySelectorAll("[data-asm-language]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.asmLanguage === language));
    });
    store(LANGUAGE_KEY, language);
  }

  function applyCode(code) {
    document.querySelectorAll("a.asm-app-link").forEach(function (link) {
      var address = new URL(link.getAttribute("href"), window.location.href);
      if (code) { address.searchParams.set("participant", code); } else { address.searchParams.delete("participant"); }
      link.setAttribute("href", address.pathname + address.search);
    });
    var current = document.getElementById("asm-participant-current");
    document.getElementById("asm-participant-shown").textContent = code || "";
    current.hidden = !code;
  }

  function save() {
    var input = document.getElementById("asm-participant-code");
    var problem = document.getElementById("asm-participant-problem");
    var code = normalise(input.value);
    problem.hidden = Boolean(code) || !input.value.trim();
    if (!code && input.value.trim()) { return; }
    store(CODE_KEY, code || "");
    applyCode(code);
  }

  function start() {
    if (!document.querySelector("[data-asm-landing]")) { return; }
    // The participant's own choice first, then the facilitator's (present --language), then the browser's.
    var language = stored(LANGUAGE_KEY) || document.querySelector("[data-asm-landing]").dataset.asmDefaultLanguage ||
      ((navigator.language || "").indexOf("fr") === 0 ? "fr" : "en");
    showLanguage(language === "fr" ? "fr" : "en");
    document.querySelectorAll("[data-asm-language]").forEach(function (button) {
      button.addEventListener("click", function () { showLanguage(button.dataset.asmLanguage); });
    });
    var fromAddress = new URLSearchParams(window.location.search).get("participant");
    var code = normalise(fromAddress) || normalise(stored(CODE_KEY));
    if (code) { store(CODE_KEY, code); }
    document.getElementById("asm-participant-code").value = code || "";
    applyCode(code);
    document.getElementById("asm-participant-save").addEventListener("click", save);
    document.getElementById("asm-participant-code").addEventListener("keydown", function (event) {
      if (event.key === "Enter") { save(); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
