/*
 * Keukentafel: het persoonlijk plan invullen (content/plan-invullen.md en makkelijk/plan-invullen.md).
 *
 * Alles gebeurt in de browser van de inwoner. Dit script doet geen enkel netwerkverzoek:
 * - wat iemand typt, staat alleen in localStorage, onder een sleutel per pagina;
 * - "Alles wissen" leegt de vakken en haalt die sleutel weg;
 * - "Opslaan als bestand" maakt een tekstbestand (UTF-8) in de browser zelf.
 * Zonder JavaScript is het formulier een leeg formulier om te printen; de knoppen zijn dan
 * verborgen (print.css toont ze pas als dit script de klasse plan-met-js heeft gezet).
 *
 * Op papier (print.css): een leeg vak wordt lijntjes (.plan-lijnen, staan al in de pagina), een
 * ingevuld vak de getypte tekst (.plan-afdruk, gemaakt door werkAfdrukBij). Met plan-met-js print
 * print.css de vakken zelf niet; zonder dit script print het de vakken als kaders.
 *
 * Gewoon ES2017, geen bibliotheken. Werkt ook met Materials "instant navigation" (document$).
 */
(function () {
  "use strict";

  var SLEUTEL_PREFIX = "keukentafel-plan:";
  var BESTANDSNAAM = "mijn-plan.txt";
  var NL = "\r\n"; // ook oude versies van Kladblok tonen dan nette regels

  function opslagSleutel() {
    return SLEUTEL_PREFIX + window.location.pathname;
  }

  // localStorage kan ontbreken of geblokkeerd zijn (privévenster, instellingen).
  function opslag() {
    try {
      var s = window.localStorage;
      var test = SLEUTEL_PREFIX + "test";
      s.setItem(test, "1");
      s.removeItem(test);
      return s;
    } catch (e) {
      return null;
    }
  }

  function tekstVan(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function velden(form) {
    return Array.prototype.slice.call(form.querySelectorAll("textarea, input[type='text']"));
  }

  function meld(status, tekst) {
    if (!status) return;
    // Eerst leegmaken, zodat een schermlezer dezelfde melding opnieuw voorleest.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = tekst;
    }, 50);
  }

  // Voor het afdrukken: een ingevuld vak wordt als gewone tekst geprint (een textarea
  // zou lange tekst afkappen). Deze kopie is alleen in print te zien (print.css); de klasse
  // plan-ingevuld zet daar de lijntjes van een leeg vak uit.
  function werkAfdrukBij(veld) {
    var kopie = veld.nextElementSibling;
    if (!kopie || !kopie.classList.contains("plan-afdruk")) {
      kopie = document.createElement("div");
      kopie.className = "plan-afdruk";
      kopie.setAttribute("aria-hidden", "true");
      veld.parentNode.insertBefore(kopie, veld.nextSibling);
    }
    kopie.textContent = veld.value;
    veld.parentNode.classList.toggle("plan-ingevuld", veld.value.trim() !== "");
  }

  function leesOpgeslagen(store) {
    if (!store) return {};
    try {
      var data = JSON.parse(store.getItem(opslagSleutel()) || "{}");
      return data && typeof data === "object" ? data : {};
    } catch (e) {
      return {};
    }
  }

  function bewaar(form, store) {
    if (!store) return;
    var data = {};
    var iets = false;
    velden(form).forEach(function (veld) {
      if (veld.value !== "") {
        data[veld.id] = veld.value;
        iets = true;
      }
    });
    try {
      if (iets) {
        store.setItem(opslagSleutel(), JSON.stringify(data));
      } else {
        store.removeItem(opslagSleutel());
      }
    } catch (e) {
      // Opslag vol of geweigerd: het formulier blijft gewoon werken.
    }
  }

  function maakTekst(form) {
    var regels = [];
    var titel = form.getAttribute("data-titel") || "Mijn plan";
    var gemeente = form.getAttribute("data-gemeente");
    regels.push(titel);
    if (gemeente) regels.push("Voor gemeente " + gemeente);
    regels.push("Opgeslagen op " + new Date().toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" }));

    Array.prototype.forEach.call(form.querySelectorAll("fieldset"), function (sectie) {
      var kop = tekstVan(sectie.querySelector("legend"));
      regels.push("", "", kop.toUpperCase(), kop.replace(/./g, "="));
      var uitleg = sectie.querySelector(".plan-uitleg");
      if (uitleg) regels.push(tekstVan(uitleg));
      var vragen = sectie.querySelectorAll(".plan-hulpvragen li");
      if (vragen.length) {
        regels.push(form.getAttribute("data-vragen-kop") || "Vragen:");
        Array.prototype.forEach.call(vragen, function (li) {
          regels.push("- " + tekstVan(li));
        });
      }
      Array.prototype.forEach.call(sectie.querySelectorAll(".plan-veld"), function (blok) {
        var veld = blok.querySelector("textarea, input");
        if (!veld) return;
        regels.push("", tekstVan(blok.querySelector("label")) + ":");
        var vraag = blok.querySelector(".plan-veldvraag");
        if (vraag) regels.push("(" + tekstVan(vraag) + ")");
        var antwoord = veld.value.replace(/\r\n?/g, "\n").trim();
        regels.push(antwoord ? antwoord.split("\n").join(NL) : "(niet ingevuld)");
      });
    });
    return regels.join(NL) + NL;
  }

  function downloadTekst(tekst) {
    var blob = new Blob([tekst], { type: "text/plain;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = BESTANDSNAAM;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
  }

  function start() {
    var form = document.getElementById("plan-formulier");
    if (!form || form.classList.contains("plan-met-js")) return;

    var store = opslag();
    var status = form.querySelector("#plan-status");
    var alleVelden = velden(form);

    // Terugzetten wat eerder in deze browser is getypt.
    var opgeslagen = leesOpgeslagen(store);
    alleVelden.forEach(function (veld) {
      if (Object.prototype.hasOwnProperty.call(opgeslagen, veld.id)) {
        veld.value = String(opgeslagen[veld.id]);
      }
      werkAfdrukBij(veld);
    });

    form.addEventListener("input", function (event) {
      if (event.target.matches("textarea, input[type='text']")) {
        werkAfdrukBij(event.target);
        bewaar(form, store);
      }
    });

    // Enter in een regel mag het formulier niet "versturen" (dat zou de download starten).
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.matches("input[type='text']")) {
        event.preventDefault();
      }
    });

    // "Opslaan als bestand" is de verzendknop van het formulier (method="dialog": er gaat nooit
    // iets naar een server). Het versturen maakt hier alleen een bestand in de browser.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      downloadTekst(maakTekst(form));
      meld(status, "Uw plan is opgeslagen als bestand " + BESTANDSNAAM + ". U vindt het meestal in de map Downloads.");
    });

    form.addEventListener("click", function (event) {
      var knop = event.target.closest("button[data-plan-actie]");
      if (!knop) return;
      var actie = knop.getAttribute("data-plan-actie");
      if (actie === "printen") {
        alleVelden.forEach(werkAfdrukBij);
        window.print();
      } else if (actie === "wissen") {
        if (!window.confirm("Weet u zeker dat u alles wilt wissen? Wat u hebt getypt, is daarna weg.")) {
          meld(status, "Er is niets gewist.");
          return;
        }
        alleVelden.forEach(function (veld) {
          veld.value = "";
          werkAfdrukBij(veld);
        });
        if (store) {
          try {
            store.removeItem(opslagSleutel());
          } catch (e) {
            // niets aan te doen
          }
        }
        meld(status, "Alles is gewist. Er staat niets meer van dit plan in deze browser.");
      }
    });

    window.addEventListener("beforeprint", function () {
      alleVelden.forEach(werkAfdrukBij);
    });

    form.classList.add("plan-met-js");
    if (!store) {
      meld(status, "Deze browser kan uw antwoorden niet bewaren. Print het plan of sla het op als bestand voordat u de pagina sluit.");
    }
  }

  // Material's instant navigation vervangt de pagina zonder herladen: luister dan naar document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
